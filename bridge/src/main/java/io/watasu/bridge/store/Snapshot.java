package io.watasu.bridge.store;

import io.watasu.model.WatasuConfig;

import java.util.Objects;

/**
 * The model at one commit of the branch.
 *
 * @param config the validated model
 * @param text   the file's text it was read from (edits start from it)
 * @param commit the commit id (for log lines)
 */
public record Snapshot(WatasuConfig config, String text, String commit) {
    public Snapshot {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(commit, "commit");
    }
}
