package io.watasu.plan;

import io.watasu.model.Platform;

import java.util.List;

/**
 * Every pod may call public hostnames, which lead to the ingress controller: a call to the load balancer's address is
 * translated to the controller before policies see it, so the rule names the controller on its own ports.
 */
public final class IngressControllerEgress {
    public static final String NAME = "allow-ingress-controller-egress";

    private IngressControllerEgress() {
    }

    public static NetworkPolicyObject plan(String team, Platform platform) {
        return new NetworkPolicyObject(NAME, team, Labels.ofTeam(team), Selector.everything(), List.of("Egress"),
                List.of(), List.of(new Rule(PlatformPeers.ingressController(platform),
                        platform.ingress().ports().stream().map(PortRule::tcp).toList())),
                "every pod may call public hostnames, which resolve to the ingress controller");
    }
}
