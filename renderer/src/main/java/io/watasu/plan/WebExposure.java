package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.names.Names;

import java.util.List;

/** A public HTTP process: Service, Ingress on its public hostname, and ingress only from the ingress controller. */
public final class WebExposure {
    private WebExposure() {
    }

    public static List<PlannedObject> plan(App app, Process process, Platform platform) {
        String team = app.team();
        String service = Names.serviceName(app.name(), process.name());
        String host = Names.publicHostname(app.name(), process.name(), platform.domain());
        List<Label> labels = Labels.ofProcess(team, app.name(), process.name());
        Selector pods = Labels.processPods(team, app.name(), process.name());
        return List.of(
                new ServiceObject(service, team, labels, "ClusterIP", pods.matchLabels(), "TCP", process.port(),
                        null, null, "routes the ingress controller to " + service),
                new IngressObject(service, team, labels, platform.ingress().className(), host, service,
                        process.port(), "public HTTP(S) for " + host),
                new NetworkPolicyObject(Names.ingressPolicyName(service), team, labels, pods, List.of("Ingress"),
                        List.of(new Rule(PlatformPeers.ingressController(platform),
                                List.of(PortRule.tcp(process.port())))),
                        List.of(),
                        service + " accepts TCP " + process.port() + " only from the ingress controller"));
    }
}
