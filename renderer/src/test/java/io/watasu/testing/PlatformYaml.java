package io.watasu.testing;

import io.watasu.model.App;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** A model written out as watasu.yaml text, in block or flow style chosen by a seeded random, as people write it. */
public final class PlatformYaml {
    private PlatformYaml() {
    }

    public static String write(WatasuConfig config, Random random) {
        StringBuilder out = new StringBuilder("version: ").append(config.version()).append('\n');
        Platform platform = config.platform();
        if (!platform.equals(Platform.defaults()) || random.nextBoolean()) {
            out.append(platform(platform));
        }
        out.append("teams:\n");
        for (Team team : config.teams()) {
            out.append("  ").append(team.name()).append(":\n    apps:\n");
            for (App app : team.apps()) {
                out.append("      ").append(app.name()).append(":\n        processes:\n");
                for (Process process : app.processes()) {
                    out.append("          ").append(process.name()).append(": ");
                    String metrics = process.metricsPort() == null ? "" : ", metricsPort: " + process.metricsPort();
                    if (process.port() == Process.DEFAULT_PORT && metrics.isEmpty() && random.nextBoolean()) {
                        out.append(process.command()).append('\n');
                    } else if (random.nextBoolean()) {
                        out.append("{ command: ").append(process.command()).append(", port: ").append(process.port())
                                .append(metrics).append(" }\n");
                    } else {
                        out.append("\n            command: ").append(process.command())
                                .append("\n            port: ").append(process.port()).append('\n');
                        if (process.metricsPort() != null) {
                            out.append("            metricsPort: ").append(process.metricsPort()).append('\n');
                        }
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
                if (app.kubernetesApi()) {
                    out.append("        kubernetesApi: true\n");
                }
            }
        }
        return out.toString();
    }

    /** Every platform field written out (the profile too, though its values are all written). */
    public static String platform(Platform platform) {
        StringBuilder out = new StringBuilder("platform:\n");
        if (platform.profile().key() != null) {
            out.append("  profile: ").append(platform.profile().key()).append('\n');
        }
        out.append("  domain: ").append(platform.domain()).append('\n');
        out.append("  clusterCidrs: ").append(list(platform.clusterCidrs())).append('\n');
        out.append("  nodeCidrs: ").append(list(platform.nodeCidrs())).append('\n');
        out.append("  ingress: ").append(selector(platform.ingress().pods(), ", className: "
                + platform.ingress().className() + ", ports: " + platform.ingress().ports() + ", hostNetwork: "
                + platform.ingress().hostNetwork())).append('\n');
        out.append("  dns: ").append(selector(platform.dns().pods(), ", ports: " + platform.dns().ports()
                + ", addresses: " + list(platform.dns().addresses()))).append('\n');
        out.append("  linkLocal: [").append(platform.linkLocal().stream().map(PlatformYaml::linkLocal)
                .collect(Collectors.joining(", "))).append("]\n");
        out.append("  scrapers: [").append(platform.scrapers().stream().map(s -> selector(s, ""))
                .collect(Collectors.joining(", "))).append("]\n");
        out.append("  apiServer: { addresses: ").append(list(platform.apiServer().addresses())).append(", port: ")
                .append(platform.apiServer().port()).append(" }\n");
        return out.toString();
    }

    private static String linkLocal(LinkLocalAccess access) {
        return "{ cidr: '" + access.cidr() + "', ports: " + access.ports() + " }";
    }

    /** A flow list of addresses, IPv6 ones quoted (a ':' in a plain flow scalar is taken for a key). */
    private static String list(List<String> values) {
        return "[" + values.stream().map(c -> c.contains(":") ? "'" + c + "'" : c).collect(Collectors.joining(", "))
                + "]";
    }

    private static String selector(PodSelector selector, String more) {
        StringBuilder labels = new StringBuilder();
        for (Map.Entry<String, String> label : selector.sortedPodLabels().entrySet()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(label.getKey()).append(": ").append(label.getValue());
        }
        return "{ namespace: " + selector.namespace() + ", podLabels: { " + labels + " }" + more + " }";
    }
}
