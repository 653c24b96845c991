package io.watasu.plan;

import java.util.List;

/**
 * A ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1) confined to the namespaces {@code namespaces}
 * selects. Variables are evaluated in order, each may use the ones before it ({@code variables.<name>}); every
 * validation must hold, else the request gets its message.
 */
public record AdmissionPolicyObject(String name, List<Label> labels, String reason, List<ResourceRule> resources,
                                    Selector namespaces, List<Variable> variables, List<Validation> validations)
        implements PlannedObject {
    public AdmissionPolicyObject {
        labels = List.copyOf(labels);
        resources = List.copyOf(resources);
        variables = List.copyOf(variables);
        validations = List.copyOf(validations);
    }

    @Override
    public String kind() {
        return "ValidatingAdmissionPolicy";
    }

    @Override
    public String template() {
        return "validatingadmissionpolicy.yaml.hbs";
    }

    /** The requests the policy looks at. */
    public record ResourceRule(String apiGroup, List<String> resources, List<String> operations) {
        public ResourceRule {
            resources = List.copyOf(resources);
            operations = List.copyOf(operations);
        }
    }

    public record Variable(String name, String expression) {
    }

    /** A CEL expression that must be true; {@code reason} is the HTTP status reason of a refusal. */
    public record Validation(String expression, String message, String reason) {
    }
}
