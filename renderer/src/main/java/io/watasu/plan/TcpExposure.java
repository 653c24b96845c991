package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.names.Names;

import java.util.List;
import java.util.TreeSet;

/**
 * A private {@code *-tcp} service: a ClusterIP Service, ingress to its pods from the app itself and the apps it
 * trusts, and the matching egress for those callers. Both policies live in the exposing app's file, so a change of
 * its trust list rewrites that one file.
 */
public final class TcpExposure {
    private TcpExposure() {
    }

    public static List<PlannedObject> plan(App app, Process process) {
        String team = app.team();
        String service = Names.serviceName(app.name(), process.name());
        List<Label> labels = Labels.ofProcess(team, app.name(), process.name());
        Selector servers = Labels.processPods(team, app.name(), process.name());
        TreeSet<String> callerApps = new TreeSet<>(app.trust());
        callerApps.add(app.name());
        Selector callers = Labels.podsOfApps(team, List.copyOf(callerApps));
        List<PortRule> port = List.of(PortRule.tcp(process.port()));
        String callerList = String.join(", ", callerApps);
        return List.of(
                new ServiceObject(service, team, labels, "ClusterIP", servers.matchLabels(), "TCP", process.port(),
                        null, null, "private TCP service " + service + " of app " + app.name()),
                new NetworkPolicyObject(Names.ingressPolicyName(service), team, labels, servers, List.of("Ingress"),
                        List.of(new Rule(List.of(Peer.podsInOwnNamespace(callers)), port)), List.of(),
                        service + " accepts TCP " + process.port() + " only from apps " + callerList
                                + " of team " + team),
                new NetworkPolicyObject(Names.callersEgressPolicyName(service), team, labels, callers,
                        List.of("Egress"), List.of(),
                        List.of(new Rule(List.of(Peer.podsInOwnNamespace(servers)), port)),
                        "apps " + callerList + " may call " + service + " on TCP " + process.port()));
    }
}
