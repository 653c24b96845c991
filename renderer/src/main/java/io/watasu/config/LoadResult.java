package io.watasu.config;

import io.watasu.model.WatasuConfig;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of loading a watasu.yaml.
 *
 * @param config      the model, or null when there is any error
 * @param diagnostics every error and warning, in file order
 * @param sources     where the model's elements were written (for findings made later, such as a contract
 *                    violation about a process); empty when the file did not get that far
 */
public record LoadResult(WatasuConfig config, List<Diagnostic> diagnostics, SourceMap sources) {
    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
        Objects.requireNonNull(sources, "sources");
        if (config != null && diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a config with errors must not be returned");
        }
    }

    /** A result without positions of model elements (the file could not be read or composed). */
    public LoadResult(WatasuConfig config, List<Diagnostic> diagnostics) {
        this(config, diagnostics, SourceMap.empty(diagnostics.isEmpty() ? "" : diagnostics.get(0).position().file()));
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
