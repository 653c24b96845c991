package io.watasu.store;

import io.watasu.config.Diagnostic;
import io.watasu.model.WatasuConfig;

import java.util.List;
import java.util.Objects;

/**
 * The model at one commit of the branch.
 *
 * @param config   the validated model
 * @param text     the file's text it was read from (edits start from it)
 * @param commit   the commit id, or {@link #NO_COMMIT} for a branch that does not exist yet
 * @param warnings the loader's warnings about the text
 */
public record Snapshot(WatasuConfig config, String text, String commit, List<Diagnostic> warnings) {
    /** The commit of a branch that does not exist yet: the first change creates it. */
    public static final String NO_COMMIT = "(no commit yet)";

    public Snapshot {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(commit, "commit");
        warnings = List.copyOf(warnings);
    }
}
