package io.watasu.cli;

/** A failure whose message is already written for the user: printed as one line, no stack trace. */
public class UserFacingException extends RuntimeException {
    private final int exitCode;

    public UserFacingException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserFacingException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
