package io.watasu.plan;

import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;

import java.util.List;

/**
 * The node-local addresses the platform opens to every pod (a metadata server for workload identity, an identity
 * agent), each on its TCP ports. Nothing when the platform lists none: link-local is never the internet.
 */
public final class LinkLocalEgress {
    public static final String NAME = "allow-link-local-egress";

    private LinkLocalEgress() {
    }

    public static List<PlannedObject> plan(String team, Platform platform) {
        if (platform.linkLocal().isEmpty()) {
            return List.of();
        }
        List<Rule> rules = platform.linkLocal().stream().map(LinkLocalEgress::rule).toList();
        return List.of(new NetworkPolicyObject(NAME, team, Labels.ofTeam(team), Selector.everything(),
                List.of("Egress"), List.of(), rules,
                "every pod may call the node-local addresses the platform lists, on their ports"));
    }

    private static Rule rule(LinkLocalAccess access) {
        return new Rule(PlatformPeers.addresses(List.of(access.cidr())),
                access.ports().stream().map(PortRule::tcp).toList());
    }
}
