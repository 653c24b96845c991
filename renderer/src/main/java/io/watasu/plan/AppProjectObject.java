package io.watasu.plan;

import java.util.List;

/** The Argo CD AppProject confining the team Applications to the team namespaces and the object kinds Watasu renders. */
public record AppProjectObject(String name, String namespace, List<Label> labels, String repoUrl,
                               List<String> destinationNamespaces, String reason) implements PlannedObject {
    public AppProjectObject {
        labels = List.copyOf(labels);
        destinationNamespaces = List.copyOf(destinationNamespaces);
    }

    @Override
    public String kind() {
        return "AppProject";
    }

    @Override
    public String template() {
        return "argocd-project.yaml.hbs";
    }
}
