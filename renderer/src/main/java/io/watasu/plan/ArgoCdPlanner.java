package io.watasu.plan;

import io.watasu.names.Names;

import java.util.List;
import java.util.Map;

/**
 * The Argo CD wiring: an ApplicationSet with one Application per team folder, confined by an AppProject. Rendered
 * into {@code argocd/} next to the team folders (the generator excludes it).
 */
public final class ArgoCdPlanner {
    public static final String FOLDER = "argocd";
    public static final String ARGOCD_NAMESPACE = "argocd";
    public static final String PROJECT = "watasu";

    private ArgoCdPlanner() {
    }

    /**
     * @param teams   team names (sorted by the caller)
     * @param repoUrl the Git repository Argo CD reads
     * @param branch  the branch the rendered tree is published to
     * @param path    the rendered tree's folder inside the repository ("" or "." for the root)
     */
    public static List<PlannedFile> plan(List<String> teams, String repoUrl, String branch, String path) {
        String base = normalize(path);
        String prefix = base.isEmpty() ? "" : base + "/";
        List<Label> labels = Labels.sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE));
        ApplicationSetObject applicationSet = new ApplicationSetObject("watasu-teams", ARGOCD_NAMESPACE, labels,
                repoUrl, branch, prefix + "*", prefix + FOLDER, "watasu-{{.path.basename}}", "{{.path.path}}",
                "{{.path.basename}}", PROJECT,
                "one Application per team folder; create-update and preserved resources so that a Git outage"
                        + " never deletes a team");
        AppProjectObject project = new AppProjectObject(PROJECT, ARGOCD_NAMESPACE, labels, repoUrl, teams,
                "team Applications may only deploy Watasu's object kinds into team namespaces");
        return List.of(new PlannedFile(FOLDER + "/applicationset.yaml", List.of(applicationSet)),
                new PlannedFile(FOLDER + "/project.yaml", List.of(project)));
    }

    private static String normalize(String path) {
        String trimmed = path.strip();
        while (trimmed.startsWith("/") || trimmed.startsWith("./")) {
            trimmed = trimmed.startsWith("/") ? trimmed.substring(1) : trimmed.substring(2);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.equals(".") ? "" : trimmed;
    }
}
