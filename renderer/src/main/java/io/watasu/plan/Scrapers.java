package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.names.Names;

import java.util.List;

/** A process with a metrics port: the platform's scrapers may reach that port, and nothing else of the process. */
public final class Scrapers {
    private Scrapers() {
    }

    public static List<PlannedObject> plan(App app, Process process, Platform platform) {
        if (process.metricsPort() == null || platform.scrapers().isEmpty()) {
            return List.of();
        }
        String service = Names.serviceName(app.name(), process.name());
        return List.of(new NetworkPolicyObject(Names.metricsPolicyName(service), app.team(),
                Labels.ofProcess(app.team(), app.name(), process.name()),
                Labels.processPods(app.team(), app.name(), process.name()), List.of("Ingress"),
                List.of(new Rule(platform.scrapers().stream().map(Labels::platformPods).toList(),
                        List.of(PortRule.tcp(process.metricsPort())))),
                List.of(), "the platform's scrapers may reach metrics port " + process.metricsPort() + " of "
                + service));
    }
}
