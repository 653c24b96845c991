package io.watasu.config;

import java.util.Objects;

/**
 * One finding about the input, with where it is and how to fix it.
 *
 * @param severity error (rejects the input) or warning (printed, exit 0)
 * @param position where; never null (use the file's 1:1 when nothing more precise is known)
 * @param message  what is wrong
 * @param fix      how to fix it, or null when the message says it all
 */
public record Diagnostic(Severity severity, SourcePosition position, String message, String fix) {
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(SourcePosition at, String message, String fix) {
        return new Diagnostic(Severity.ERROR, at, message, fix);
    }

    public static Diagnostic warning(SourcePosition at, String message, String fix) {
        return new Diagnostic(Severity.WARNING, at, message, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code FILE:LINE:COLUMN: error: message (fix)}, the form compilers use and editors link. */
    public String format() {
        String level = severity == Severity.ERROR ? "error" : "warning";
        return position + ": " + level + ": " + message + (fix == null ? "" : " (" + fix + ")");
    }
}
