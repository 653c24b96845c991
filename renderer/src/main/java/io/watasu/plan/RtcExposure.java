package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.names.Names;

import java.util.List;

/** A public UDP process: a LoadBalancer Service and ingress on its UDP port from outside the cluster ranges. */
public final class RtcExposure {
    /**
     * Without {@code Local}, kube-proxy may forward through another node and replace the client address with a node
     * address; node addresses are cluster ranges, so the ingress policy would drop every packet.
     */
    public static final String KEEP_CLIENT_ADDRESS = "Local";
    /** On a cluster with IPv6 ranges, the public endpoint gets an address of each family the cluster has. */
    public static final String BOTH_FAMILIES = "PreferDualStack";

    private RtcExposure() {
    }

    public static List<PlannedObject> plan(App app, Process process, Platform platform) {
        String team = app.team();
        String service = Names.serviceName(app.name(), process.name());
        List<Label> labels = Labels.ofProcess(team, app.name(), process.name());
        Selector pods = Labels.processPods(team, app.name(), process.name());
        return List.of(
                new ServiceObject(service, team, labels, "LoadBalancer", pods.matchLabels(), "UDP", process.port(),
                        KEEP_CLIENT_ADDRESS, platform.dualStack() ? BOTH_FAMILIES : null,
                        "public UDP endpoint of " + service),
                new NetworkPolicyObject(Names.ingressPolicyName(service), team, labels, pods, List.of("Ingress"),
                        List.of(new Rule(PlatformPeers.internet(platform), List.of(PortRule.udp(process.port())))),
                        List.of(),
                        service + " accepts UDP " + process.port() + " from the internet only"));
    }
}
