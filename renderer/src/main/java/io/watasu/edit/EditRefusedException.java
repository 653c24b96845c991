package io.watasu.edit;

import io.watasu.config.Diagnostic;

import java.util.List;

/**
 * An edit that was not made: the input could not be edited safely, or the edited file would be invalid. The text the
 * caller holds is unchanged; {@link #diagnostics()} say where and why, in the loader's {@code file:line:column} form.
 */
public final class EditRefusedException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public EditRefusedException(List<Diagnostic> diagnostics) {
        super(firstFinding(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String firstFinding(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a refused edit needs at least one diagnostic");
        }
        return diagnostics.get(0).format();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
