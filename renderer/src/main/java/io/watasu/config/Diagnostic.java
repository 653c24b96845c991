package io.watasu.config;

import io.watasu.text.Printable;

import java.util.Objects;

/**
 * One finding about the input, with where it is and how to fix it.
 *
 * @param severity error (rejects the input) or warning (printed, exit 0)
 * @param position where; never null (use the file's 1:1 when nothing more precise is known)
 * @param message  what is wrong; quotes input, so every non-printable character in it is escaped here, once for every
 *                 consumer ({@link Printable}): a crafted key must not forge lines in a CI log
 * @param fix      how to fix it, or null when the message says it all (escaped like the message)
 * @param subject  which element of the model the finding is about, as a path built by {@link Subjects}
 *                 (e.g. {@code teams.acme.apps.grpc-app.trust[1]}), or null when it is about the file as a whole;
 *                 lets callers that did not write the file (the Terraform provider) point at their own attribute
 */
public record Diagnostic(Severity severity, SourcePosition position, String message, String fix, String subject) {
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        message = Printable.escape(Objects.requireNonNull(message, "message"));
        fix = fix == null ? null : Printable.escape(fix);
    }

    public Diagnostic(Severity severity, SourcePosition position, String message, String fix) {
        this(severity, position, message, fix, null);
    }

    public static Diagnostic error(SourcePosition at, String message, String fix) {
        return new Diagnostic(Severity.ERROR, at, message, fix);
    }

    public static Diagnostic warning(SourcePosition at, String message, String fix) {
        return new Diagnostic(Severity.WARNING, at, message, fix);
    }

    /** The same finding, attributed to a model element (see {@link Subjects}). */
    public Diagnostic about(String newSubject) {
        return new Diagnostic(severity, position, message, fix, newSubject);
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
