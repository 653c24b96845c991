package io.watasu.testing;

import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

/** A model written as watasu.yaml text (block style, one flow mapping per process), for tests that edit text. */
public final class ModelYaml {
    private ModelYaml() {
    }

    public static String write(WatasuConfig config) {
        StringBuilder out = new StringBuilder("version: ").append(config.version()).append('\n');
        out.append(PlatformYaml.platform(config.platform()));
        out.append("teams:\n");
        for (Team team : config.teams()) {
            out.append("  ").append(team.name()).append(":\n    apps:\n");
            for (App app : team.apps()) {
                out.append("      ").append(app.name()).append(":\n        processes:\n");
                for (Process process : app.processes()) {
                    out.append("          ").append(process.name()).append(": { command: ").append(process.command())
                            .append(", port: ").append(process.port())
                            .append(process.metricsPort() == null ? "" : ", metricsPort: " + process.metricsPort())
                            .append(" }\n");
                }
                if (!app.trust().isEmpty()) {
                    out.append("        trust: [").append(String.join(", ", app.trust())).append("]\n");
                }
                if (app.kubernetesApi()) {
                    out.append("        kubernetesApi: true\n");
                }
            }
        }
        return out.toString();
    }
}
