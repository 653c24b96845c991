package io.watasu.plan;

import java.util.ArrayList;
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

    /** This policy with one more ingress rule after its own, and {@code reasonTail} appended to its reason. */
    public NetworkPolicyObject withIngressRule(Rule rule, String reasonTail) {
        if (!policyTypes.contains("Ingress")) {
            throw new IllegalStateException(name + " is no ingress policy");
        }
        List<Rule> rules = new ArrayList<>(ingress);
        rules.add(rule);
        return new NetworkPolicyObject(name, namespace, labels, podSelector, policyTypes, rules, egress,
                reason + reasonTail);
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
