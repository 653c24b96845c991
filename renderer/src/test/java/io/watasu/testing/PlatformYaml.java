package io.watasu.testing;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.Map;
import java.util.Random;

/** A model written out as watasu.yaml text, in block or flow style chosen by a seeded random, as people write it. */
public final class PlatformYaml {
    private PlatformYaml() {
    }

    public static String write(WatasuConfig config, Random random) {
        StringBuilder out = new StringBuilder("version: ").append(config.version()).append('\n');
        Platform platform = config.platform();
        if (!platform.equals(Platform.defaults()) || random.nextBoolean()) {
            out.append("platform:\n  domain: ").append(platform.domain()).append('\n');
            out.append("  clusterCidrs: [").append(String.join(", ", platform.clusterCidrs().stream()
                    .map(c -> c.contains(":") ? "'" + c + "'" : c).toList())).append("]\n");
            out.append("  ingress: ").append(selector(platform.ingress(), ", className: " + platform.ingressClassName()))
                    .append('\n');
            out.append("  dns: ").append(selector(platform.dns(), "")).append('\n');
        }
        out.append("teams:\n");
        for (Team team : config.teams()) {
            out.append("  ").append(team.name()).append(":\n    apps:\n");
            for (App app : team.apps()) {
                out.append("      ").append(app.name()).append(":\n        processes:\n");
                for (Process process : app.processes()) {
                    out.append("          ").append(process.name()).append(": ");
                    if (process.port() == Process.DEFAULT_PORT && random.nextBoolean()) {
                        out.append(process.command()).append('\n');
                    } else if (random.nextBoolean()) {
                        out.append("{ command: ").append(process.command()).append(", port: ").append(process.port())
                                .append(" }\n");
                    } else {
                        out.append("\n            command: ").append(process.command())
                                .append("\n            port: ").append(process.port()).append('\n');
                    }
                }
                if (!app.trust().isEmpty()) {
                    if (random.nextBoolean()) {
                        out.append("        trust: [").append(String.join(", ", app.trust())).append("]\n");
                    } else {
                        out.append("        trust:\n");
                        app.trust().forEach(t -> out.append("        - ").append(t).append('\n'));
                    }
                }
            }
        }
        return out.toString();
    }

    private static String selector(PodSelector selector, String more) {
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, String> label : selector.sortedPodLabels().entrySet()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(label.getKey()).append(": ").append(label.getValue());
        }
        return "{ namespace: " + selector.namespace() + ", podLabels: { " + labels + " }" + more + " }";
    }
}
