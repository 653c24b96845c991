package io.watasu.verify;

import io.watasu.config.Diagnostic;

/** A manifest that cannot be read as Kubernetes objects; carries where and why. */
public final class ManifestException extends Exception {
    private final transient Diagnostic diagnostic;

    public ManifestException(Diagnostic diagnostic) {
        super(diagnostic.format());
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
