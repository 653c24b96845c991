package io.watasu.output;

/** The output directory cannot be written as asked; the message is one line saying what to do. */
public class OutputException extends RuntimeException {
    public OutputException(String message) {
        super(message);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
