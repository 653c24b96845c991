package io.watasu.plan;

import java.util.List;

/**
 * An Argo CD AppProject: the repository, destinations and object kinds its Applications may use.
 *
 * @param clusterResources    the cluster-scoped kinds allowed (a name pattern each, or all names)
 * @param namespacedResources the namespaced kinds allowed; none when empty
 */
public record AppProjectObject(String name, String namespace, List<Label> labels, String description,
                               String repoUrl, List<String> destinationNamespaces,
                               List<ResourceKind> clusterResources, List<ResourceKind> namespacedResources,
                               String reason) implements PlannedObject {
    public AppProjectObject {
        labels = List.copyOf(labels);
        destinationNamespaces = List.copyOf(destinationNamespaces);
        clusterResources = List.copyOf(clusterResources);
        namespacedResources = List.copyOf(namespacedResources);
    }

    @Override
    public String kind() {
        return "AppProject";
    }

    @Override
    public String template() {
        return "argocd-project.yaml.hbs";
    }

    /** A group and kind, and with {@code name} (a glob) only the objects so named. */
    public record ResourceKind(String group, String kind, String name) {
    }
}
