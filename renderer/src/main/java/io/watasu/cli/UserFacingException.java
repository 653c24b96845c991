package io.watasu.cli;

import io.watasu.config.Diagnostic;

import java.util.List;

/**
 * A failure whose message is already written for the user: printed as one line, then its detail lines, no stack
 * trace. Every line is printed through the command's {@link LinePrinter}, so a message may quote input as it is.
 */
public class UserFacingException extends RuntimeException {
    private final int exitCode;
    private final List<String> details;
    private final boolean located;

    public UserFacingException(String message, int exitCode) {
        this(message, List.of(), exitCode, null);
    }

    public UserFacingException(String message, int exitCode, Throwable cause) {
        this(message, List.of(), exitCode, cause);
    }

    /** With {@code details}: lines printed after the message, one each. */
    public UserFacingException(String message, List<String> details, int exitCode, Throwable cause) {
        this(message, details, exitCode, cause, false);
    }

    private UserFacingException(String message, List<String> details, int exitCode, Throwable cause,
                                boolean located) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
        this.located = located;
    }

    /**
     * A problem at a place in a file, printed as it is ({@code FILE:LINE:COLUMN: error: ... (fix)}), like the
     * diagnostics of watasu.yaml, without a second "error:" in front.
     */
    public static UserFacingException located(Diagnostic diagnostic, int exitCode) {
        return new UserFacingException(diagnostic.format(), List.of(), exitCode, null, true);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> details() {
        return details;
    }

    /** True when the message starts with the file, line and column it is about. */
    public boolean located() {
        return located;
    }
}
