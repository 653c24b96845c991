package io.watasu.bridge.store;

/** The repository cannot be read or written (unreachable, rejected push, invalid file at the head). One clear line. */
public final class RepositoryException extends RuntimeException {
    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }

    public RepositoryException(String message) {
        super(message);
    }
}
