package io.watasu.store;

import io.watasu.config.Diagnostic;

import java.util.List;

/** A change that would make {@code watasu.yaml} invalid; the diagnostics say why, against the edited file. */
public final class ChangeRejectedException extends RuntimeException {
    private final transient List<Diagnostic> errors;

    public ChangeRejectedException(List<Diagnostic> errors) {
        super(errors.isEmpty() ? "invalid change" : errors.get(0).format());
        this.errors = List.copyOf(errors);
    }

    public List<Diagnostic> errors() {
        return errors;
    }
}
