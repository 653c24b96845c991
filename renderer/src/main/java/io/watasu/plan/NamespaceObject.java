package io.watasu.plan;

import java.util.List;

public record NamespaceObject(String name, List<Label> labels, String reason) implements PlannedObject {
    public NamespaceObject {
        labels = List.copyOf(labels);
    }

    @Override
    public String kind() {
        return "Namespace";
    }

    @Override
    public String template() {
        return "namespace.yaml.hbs";
    }
}
