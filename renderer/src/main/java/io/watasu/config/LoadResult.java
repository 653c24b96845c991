package io.watasu.config;

import io.watasu.model.WatasuConfig;

import java.util.List;

/**
 * The outcome of loading a watasu.yaml.
 *
 * @param config      the model, or null when there is any error
 * @param diagnostics every error and warning, in file order
 */
public record LoadResult(WatasuConfig config, List<Diagnostic> diagnostics) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
        if (config != null && diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a config with errors must not be returned");
        }
    }

    public boolean ok() {
        return config != null;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
