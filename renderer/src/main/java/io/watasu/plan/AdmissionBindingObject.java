package io.watasu.plan;

import java.util.List;

/** Puts a ValidatingAdmissionPolicy into effect for the namespaces {@code namespaces} selects. */
public record AdmissionBindingObject(String name, List<Label> labels, String reason, String policyName,
                                     List<String> validationActions, Selector namespaces) implements PlannedObject {
    public AdmissionBindingObject {
        labels = List.copyOf(labels);
        validationActions = List.copyOf(validationActions);
    }

    @Override
    public String kind() {
        return "ValidatingAdmissionPolicyBinding";
    }

    @Override
    public String template() {
        return "validatingadmissionpolicybinding.yaml.hbs";
    }
}
