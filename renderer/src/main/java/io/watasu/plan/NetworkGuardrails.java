package io.watasu.plan;

import io.watasu.model.Guardrails;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Admin-tier policy per team, whose subject is the team's namespace (by name, which tenants cannot forge). It
 * holds what no NetworkPolicy in the namespace may undo: nothing from another namespace gets in but the ingress
 * controller and the scrapers, and nothing goes out to another team. It never allows: what is let through is
 * passed on to the NetworkPolicies, which keep deciding everything finer (trust lists, ports), so a guardrail never
 * blocks a grant of theirs. One object per team keeps every object within the API's limits (v1alpha2: 25 rules, 25
 * peers per rule) however many teams there are; their subjects are disjoint, so one priority serves them all.
 */
public final class NetworkGuardrails {
    /** v1alpha2's limit of peers per rule; scrapers beyond it go into further rules. */
    static final int MAX_PEERS = 25;
    public static final String PASS = "Pass";
    public static final String DENY = "Deny";

    private NetworkGuardrails() {
    }

    public static AdminTierPolicyObject plan(String team, Platform platform, Guardrails guardrails) {
        boolean v1alpha2 = guardrails.networkPolicy() == Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY;
        Selector ownNamespace = Selector.labels(Map.of(Names.NAMESPACE_NAME_LABEL, team));
        AdminTierPolicyObject.TierPeer own = new AdminTierPolicyObject.TierPeer(ownNamespace, null);
        AdminTierPolicyObject.TierPeer ingressController = pods(platform.ingress().pods());

        List<AdminTierPolicyObject.Rule> ingress = new ArrayList<>();
        ingress.add(new AdminTierPolicyObject.Rule("pass-same-team", PASS, List.of(own)));
        ingress.add(new AdminTierPolicyObject.Rule("pass-ingress-controller", PASS, List.of(ingressController)));
        List<PodSelector> scrapers = platform.scrapers();
        for (int from = 0; from < scrapers.size(); from += MAX_PEERS) {
            List<AdminTierPolicyObject.TierPeer> peers = scrapers.subList(from, Math.min(scrapers.size(),
                    from + MAX_PEERS)).stream().map(NetworkGuardrails::pods).toList();
            ingress.add(new AdminTierPolicyObject.Rule(from == 0 ? "pass-scrapers" : "pass-scrapers-" + from, PASS,
                    peers));
        }
        ingress.add(new AdminTierPolicyObject.Rule("deny-other-namespaces", DENY,
                List.of(new AdminTierPolicyObject.TierPeer(Selector.everything(), null))));

        List<AdminTierPolicyObject.Rule> egress = List.of(
                new AdminTierPolicyObject.Rule("pass-same-team", PASS, List.of(own)),
                new AdminTierPolicyObject.Rule("pass-dns", PASS, List.of(pods(platform.dns().pods()))),
                new AdminTierPolicyObject.Rule("pass-ingress-controller", PASS, List.of(ingressController)),
                new AdminTierPolicyObject.Rule("deny-other-teams", DENY, List.of(new AdminTierPolicyObject.TierPeer(
                        new Selector(List.of(), List.of(new Requirement(Names.TEAM_LABEL, "Exists", List.of()))),
                        null))));
        return new AdminTierPolicyObject(
                v1alpha2 ? "policy.networking.k8s.io/v1alpha2" : "policy.networking.k8s.io/v1alpha1",
                v1alpha2 ? "ClusterNetworkPolicy" : "AdminNetworkPolicy", Names.teamGuardrailName(team),
                Labels.ofTeam(team), "no NetworkPolicy in namespace " + team + " can let in other namespaces (but the"
                        + " ingress controller and scrapers) or reach other teams",
                v1alpha2 ? "Admin" : null, guardrails.priority(), ownNamespace, ingress, egress);
    }

    /** A platform component's pods: namespace by name and pod labels, both must match. */
    private static AdminTierPolicyObject.TierPeer pods(PodSelector component) {
        return new AdminTierPolicyObject.TierPeer(
                Selector.labels(Map.of(Names.NAMESPACE_NAME_LABEL, component.namespace())),
                Selector.labels(component.podLabels()));
    }
}
