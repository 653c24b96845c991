package io.watasu.plan;

import java.util.List;

/**
 * A NetworkPolicy. {@code policyTypes} is always explicit: with it absent, Kubernetes infers the types from the rules
 * present, and a policy meant to isolate egress without rules would isolate nothing.
 */
public record NetworkPolicyObject(String name, String namespace, List<Label> labels, Selector podSelector,
                                  List<String> policyTypes, List<Rule> ingress, List<Rule> egress, String reason)
        implements PlannedObject {
    public NetworkPolicyObject {
        labels = List.copyOf(labels);
        policyTypes = List.copyOf(policyTypes);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    @Override
    public String kind() {
        return "NetworkPolicy";
    }

    @Override
    public String template() {
        return "networkpolicy.yaml.hbs";
    }
}
