package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.AttributePath;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.names.Names;

import java.util.Optional;

/**
 * The naming rules of {@link Names}, as diagnostics on the attribute that holds the name: checked at validation,
 * before anything reads the repository, with the same rules the loader applies to {@code watasu.yaml}.
 */
final class NameRules {
    private NameRules() {
    }

    /** Apps start Service names ({@code <app>-<process>}), so they are DNS-1035 labels: they start with a letter. */
    static Optional<Diagnostic> app(String name, AttributePath attribute) {
        return problem("app name", name, true, attribute,
                "App names are DNS-1035 labels: lower-case letters, digits and '-', starting with a letter and "
                        + "ending with a letter or digit, at most " + Names.MAX_LABEL_LENGTH + " characters.");
    }

    /** Teams are namespaces: DNS-1123 labels, and never one of the cluster's own namespaces. */
    static Optional<Diagnostic> team(String name, AttributePath attribute) {
        Optional<Diagnostic> label = problem("team", name, false, attribute, "Team names are namespace names: "
                + "lower-case letters, digits and '-', starting and ending with a letter or digit, at most "
                + Names.MAX_LABEL_LENGTH + " characters.");
        Optional<Names.ReservedNamespace> reserved = Names.systemNamespace(name);
        if (label.isPresent() || reserved.isEmpty()) {
            return label;
        }
        return Optional.of(ProviderError.error("Team name \"" + name + "\" is reserved",
                "It names a namespace of " + reserved.get().owner() + " (reserved: " + reserved.get().pattern()
                        + "); Watasu's default deny there would cut off cluster services. Choose another team name.",
                attribute));
    }

    /** Process names are DNS-1123 labels whose suffix decides exposure. */
    static Optional<Diagnostic> process(String name, AttributePath attribute) {
        return problem("process name", name, false, attribute,
                "Process names are lower-case letters, digits and '-' (for example `web`, `worker`, `grpc-tcp`).");
    }

    private static Optional<Diagnostic> problem(String what, String name, boolean startWithLetter,
                                                AttributePath attribute, String rule) {
        String problem = Names.dnsLabelProblem(name, startWithLetter);
        return problem == null ? Optional.empty()
                : Optional.of(ProviderError.error("Invalid " + what + " \"" + name + "\": " + problem, rule,
                        attribute));
    }
}
