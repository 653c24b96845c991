package io.watasu.plan;

import java.util.List;

/**
 * A network-policy-api policy of the Admin tier: an AdminNetworkPolicy (v1alpha1) or a ClusterNetworkPolicy with
 * {@code tier: Admin} (v1alpha2). Its subject is every pod of the namespaces {@code subject} selects; its rules name
 * whole namespaces or platform pods, never ports.
 *
 * @param tier null for an AdminNetworkPolicy, which has no tier field
 */
public record AdminTierPolicyObject(String apiVersion, String kind, String name, List<Label> labels, String reason,
                                    String tier, int priority, Selector subject, List<Rule> ingress,
                                    List<Rule> egress) implements PlannedObject {
    public AdminTierPolicyObject {
        labels = List.copyOf(labels);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    @Override
    public String template() {
        return "admin-tier-policy.yaml.hbs";
    }

    /** One rule; the first rule (in order) whose peers match decides. */
    public record Rule(String name, String action, List<TierPeer> peers) {
        public Rule {
            peers = List.copyOf(peers);
        }
    }

    /** Every pod of the selected namespaces ({@code pods} null), or the selected pods in them. */
    public record TierPeer(Selector namespaces, Selector pods) {
    }
}
