package io.watasu.config;

import io.watasu.model.WatasuConfig;

import java.util.List;

/**
 * The outcome of loading a watasu.yaml.
 *
 * @param config      the model, or null when there is any error
 * @param diagnostics every error and warning, in file order
 * @param sources     where the model's elements are written (an empty map when the model is null)
 */
public record LoadResult(WatasuConfig config, List<Diagnostic> diagnostics, SourceMap sources) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
        if (config != null && diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a config with errors must not be returned");
        }
        if (sources == null) {
            sources = SourceMap.empty(diagnostics.isEmpty() ? "watasu.yaml" : diagnostics.get(0).position().file());
        }
    }

    /** A result without positions (a failure before reading, or a model that did not come from a file). */
    public LoadResult(WatasuConfig config, List<Diagnostic> diagnostics) {
        this(config, diagnostics, null);
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
