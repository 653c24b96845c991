package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.model.Team;

import java.util.List;

/** The team's namespace and the policies every pod in it gets: deny all, then DNS, internet and ingress egress. */
public final class TeamBaseline {
    public static final String DEFAULT_DENY = "default-deny";
    public static final String DNS_EGRESS = "allow-dns-egress";
    public static final String INTERNET_EGRESS = "allow-internet-egress";
    public static final String INGRESS_CONTROLLER_EGRESS = "allow-ingress-controller-egress";

    private TeamBaseline() {
    }

    public static List<PlannedObject> plan(Team team, Platform platform) {
        String ns = team.name();
        List<Label> labels = Labels.ofTeam(ns);
        Selector allPods = Selector.everything();
        return List.of(
                new NamespaceObject(ns, labels, "namespace of team " + ns),
                new NetworkPolicyObject(DEFAULT_DENY, ns, labels, allPods, List.of("Ingress", "Egress"),
                        List.of(), List.of(),
                        "nothing reaches or leaves a pod of team " + ns + " unless another policy allows it"),
                new NetworkPolicyObject(DNS_EGRESS, ns, labels, allPods, List.of("Egress"), List.of(),
                        List.of(new Rule(List.of(Labels.platformPods(platform.dns())),
                                List.of(PortRule.udp(53), PortRule.tcp(53)))),
                        "every pod may resolve names with the cluster DNS pods"),
                new NetworkPolicyObject(INTERNET_EGRESS, ns, labels, allPods, List.of("Egress"), List.of(),
                        List.of(new Rule(InternetRanges.peers(platform), List.of())),
                        "every pod may call the internet: all addresses outside the cluster ranges"),
                new NetworkPolicyObject(INGRESS_CONTROLLER_EGRESS, ns, labels, allPods, List.of("Egress"), List.of(),
                        List.of(new Rule(List.of(Labels.platformPods(platform.ingress())),
                                List.of(PortRule.tcp(80), PortRule.tcp(443)))),
                        "every pod may call public hostnames, which resolve to the ingress controller"));
    }
}
