package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.AttributePath;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;

import java.util.List;

/**
 * A problem to report to the user as Terraform error diagnostics, each optionally anchored to an attribute so that
 * Terraform shows the configuration line.
 */
public final class ProviderError extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    public ProviderError(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "error" : diagnostics.get(0).getSummary());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ProviderError(String summary, String detail, AttributePath attribute) {
        this(List.of(error(summary, detail, attribute)));
    }

    public ProviderError(String summary, String detail) {
        this(summary, detail, null);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public static Diagnostic error(String summary, String detail, AttributePath attribute) {
        Diagnostic.Builder diagnostic = Diagnostic.newBuilder()
                .setSeverity(Diagnostic.Severity.ERROR)
                .setSummary(summary)
                .setDetail(detail == null ? "" : detail);
        if (attribute != null) {
            diagnostic.setAttribute(attribute);
        }
        return diagnostic.build();
    }

    /** A path to a top-level attribute, optionally into a map element: {@code processes["grpc-tcp"]}. */
    public static AttributePath path(String attribute, String... mapKeys) {
        AttributePath.Builder path = AttributePath.newBuilder()
                .addSteps(AttributePath.Step.newBuilder().setAttributeName(attribute));
        for (String key : mapKeys) {
            path.addSteps(AttributePath.Step.newBuilder().setElementKeyString(key));
        }
        return path.build();
    }
}
