package io.watasu.store;

import io.watasu.config.Diagnostic;

import java.util.List;

/**
 * The repository cannot be read or written (unreachable, refused push, invalid file at the head): one line that says
 * the cause and the fix, without credentials.
 */
public final class RepositoryException extends RuntimeException {
    private final transient List<Diagnostic> findings;

    public RepositoryException(String message) {
        this(message, List.of());
    }

    /** @param findings the loader's errors when the file at the head is invalid */
    public RepositoryException(String message, List<Diagnostic> findings) {
        super(message);
        this.findings = List.copyOf(findings);
    }

    /** The loader's errors when the cause is an invalid file at the branch head, else empty. */
    public List<Diagnostic> findings() {
        return findings;
    }
}
