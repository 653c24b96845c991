package io.watasu.testing;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.stream.Collectors;

/** A model written as watasu.yaml text (block style, one flow mapping per process), for tests that edit text. */
public final class ModelYaml {
    private ModelYaml() {
    }

    public static String write(WatasuConfig config) {
        StringBuilder out = new StringBuilder("version: ").append(config.version()).append('\n');
        Platform platform = config.platform();
        out.append("platform:\n")
                .append("  domain: ").append(platform.domain()).append('\n')
                .append("  clusterCidrs: [").append(String.join(", ", platform.clusterCidrs())).append("]\n")
                .append("  ingress: { namespace: ").append(platform.ingress().namespace())
                .append(", podLabels: ").append(labels(platform.ingress()))
                .append(", className: ").append(platform.ingressClassName()).append(" }\n")
                .append("  dns: { namespace: ").append(platform.dns().namespace())
                .append(", podLabels: ").append(labels(platform.dns())).append(" }\n");
        out.append("teams:\n");
        for (Team team : config.teams()) {
            out.append("  ").append(team.name()).append(":\n    apps:\n");
            for (App app : team.apps()) {
                out.append("      ").append(app.name()).append(":\n        processes:\n");
                for (Process process : app.processes()) {
                    out.append("          ").append(process.name()).append(": { command: ").append(process.command())
                            .append(", port: ").append(process.port()).append(" }\n");
                }
                if (!app.trust().isEmpty()) {
                    out.append("        trust: [").append(String.join(", ", app.trust())).append("]\n");
                }
            }
        }
        return out.toString();
    }

    private static String labels(PodSelector selector) {
        return selector.podLabels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ", "{ ", " }"));
    }
}
