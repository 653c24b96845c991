package io.watasu.plan;

import java.util.List;

/**
 * The Argo CD ApplicationSet creating one Application per team folder.
 *
 * @param directoryGlob      git directory generator path matching every team folder
 * @param excludedDirectories the folders holding the Argo CD objects themselves and the guardrails
 * @param applicationName    Go template of each Application's name
 * @param sourcePath         Go template of each Application's source path (the team folder)
 * @param destinationNamespace Go template of each Application's namespace (the team)
 */
public record ApplicationSetObject(String name, String namespace, List<Label> labels, String repoUrl,
                                   String revision, String directoryGlob, List<String> excludedDirectories,
                                   String applicationName, String sourcePath, String destinationNamespace,
                                   String project, String reason) implements PlannedObject {
    public ApplicationSetObject {
        labels = List.copyOf(labels);
        excludedDirectories = List.copyOf(excludedDirectories);
    }

    @Override
    public String kind() {
        return "ApplicationSet";
    }

    @Override
    public String template() {
        return "argocd-applicationset.yaml.hbs";
    }
}
