package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * A process with a metrics port: the platform's scrapers may reach that port, and nothing else of the process.
 * <p>
 * A process that already has an ingress policy (web, {@code *-tcp}, {@code *-rtc}) gets the scrapers as one more
 * rule of that policy; a worker gets a policy of its own. Both mean the same: the pods of a process are allowed
 * whatever any rule of any policy selecting them allows, and both policies would select exactly the process's pods
 * for ingress. One object instead of two per scraped web, tcp or rtc process is, where every process is scraped, a
 * third fewer NetworkPolicies to render, check and apply.
 */
public final class Scrapers {
    private Scrapers() {
    }

    /**
     * {@code exposure} (the process's own objects) with the scrapers' rule: added to the process's ingress policy
     * when there is one, otherwise as a {@code <service>-metrics-ingress} policy after them.
     */
    public static List<PlannedObject> plan(App app, Process process, Platform platform,
                                           List<PlannedObject> exposure) {
        if (process.metricsPort() == null || platform.scrapers().isEmpty()) {
            return exposure;
        }
        String service = Names.serviceName(app.name(), process.name());
        Rule scrapers = new Rule(PlatformPeers.scrapers(platform), List.of(PortRule.tcp(process.metricsPort())));
        String ingressPolicy = Names.ingressPolicyName(service);
        List<PlannedObject> objects = new ArrayList<>(exposure);
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) instanceof NetworkPolicyObject policy && policy.name().equals(ingressPolicy)) {
                objects.set(i, policy.withIngressRule(scrapers, "; the platform's scrapers may reach metrics port "
                        + process.metricsPort()));
                return objects;
            }
        }
        objects.add(new NetworkPolicyObject(Names.metricsPolicyName(service), app.team(),
                Labels.ofProcess(app.team(), app.name(), process.name()),
                Labels.processPods(app.team(), app.name(), process.name()), List.of("Ingress"),
                List.of(scrapers), List.of(), "the platform's scrapers may reach metrics port "
                + process.metricsPort() + " of " + service));
        return objects;
    }
}
