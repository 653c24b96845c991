package io.watasu.cli;

import java.util.List;

/**
 * A failure whose message is already written for the user: printed as one line, then its detail lines, no stack
 * trace. Every line is printed through the command's {@link LinePrinter}, so a message may quote input as it is.
 */
public class UserFacingException extends RuntimeException {
    private final int exitCode;
    private final List<String> details;

    public UserFacingException(String message, int exitCode) {
        this(message, List.of(), exitCode, null);
    }

    public UserFacingException(String message, int exitCode, Throwable cause) {
        this(message, List.of(), exitCode, cause);
    }

    /** With {@code details}: lines printed after the message, one each. */
    public UserFacingException(String message, List<String> details, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> details() {
        return details;
    }
}
