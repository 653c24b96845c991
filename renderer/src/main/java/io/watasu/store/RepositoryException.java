package io.watasu.store;

/**
 * The repository cannot be read or written (unreachable, refused push, invalid file at the head): one line that says
 * the cause and the fix, without credentials.
 */
public final class RepositoryException extends RuntimeException {
    public RepositoryException(String message) {
        super(message);
    }
}
