package io.watasu.plan;

import java.util.List;

/** An Argo CD Application syncing one folder of cluster-scoped objects (no destination namespace). */
public record ApplicationObject(String name, String namespace, List<Label> labels, String repoUrl, String revision,
                                String sourcePath, String project, String reason) implements PlannedObject {
    public ApplicationObject {
        labels = List.copyOf(labels);
    }

    @Override
    public String kind() {
        return "Application";
    }

    @Override
    public String template() {
        return "argocd-application.yaml.hbs";
    }
}
