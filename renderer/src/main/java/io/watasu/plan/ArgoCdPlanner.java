package io.watasu.plan;

import io.watasu.model.Cluster;
import io.watasu.model.RolloutStep;
import io.watasu.names.Names;

import java.util.ArrayList;
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
    /** Name of the guardrails' AppProject and Application: no team Application ("watasu-<team>") can take it. */
    public static final String GUARDRAILS_PROJECT = "watasu.guardrails";
    /** Group and kind of every object the guardrails folder may hold (their names start with "watasu-"). */
    private static final List<AppProjectObject.ResourceKind> GUARDRAIL_KINDS = List.of(
            new AppProjectObject.ResourceKind("policy.networking.k8s.io", "AdminNetworkPolicy", "watasu-*"),
            new AppProjectObject.ResourceKind("policy.networking.k8s.io", "ClusterNetworkPolicy", "watasu-*"),
            new AppProjectObject.ResourceKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", "watasu-*"),
            new AppProjectObject.ResourceKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding",
                    "watasu-*"));
    /** The object kinds of team folders. */
    private static final List<AppProjectObject.ResourceKind> TEAM_KINDS = List.of(
            new AppProjectObject.ResourceKind("", "Service", null),
            new AppProjectObject.ResourceKind("networking.k8s.io", "NetworkPolicy", null),
            new AppProjectObject.ResourceKind("networking.k8s.io", "Ingress", null));

    private ArgoCdPlanner() {
    }

    /**
     * @param teams   team names (sorted by the caller)
     * @param repoUrl the Git repository Argo CD reads
     * @param branch  the branch the rendered tree is published to
     * @param path    the rendered tree's folder inside the repository ("" or "." for the root)
     */
    public static List<PlannedFile> plan(List<String> teams, String repoUrl, String branch, String path) {
        return plan(teams, repoUrl, branch, path, false);
    }

    /**
     * @param guardrails whether the guardrails folder is rendered: then it gets an Application and an AppProject of
     *                   its own, the only ones allowed cluster-scoped kinds other than the teams' Namespaces
     */
    public static List<PlannedFile> plan(List<String> teams, String repoUrl, String branch, String path,
                                         boolean guardrails) {
        String base = normalize(path);
        String prefix = base.isEmpty() ? "" : base + "/";
        List<Label> labels = Labels.sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE));
        ApplicationSetObject applicationSet = new ApplicationSetObject("watasu-teams", ARGOCD_NAMESPACE, labels,
                repoUrl, branch, prefix + "*", List.of(prefix + FOLDER, prefix + Names.GUARDRAILS_FOLDER),
                "watasu-{{.path.basename}}", "{{.path.path}}", "{{.path.basename}}", PROJECT,
                "one Application per team folder; create-update and preserved resources so that a Git outage"
                        + " never deletes a team");
        AppProjectObject project = new AppProjectObject(PROJECT, ARGOCD_NAMESPACE, labels, "Watasu team namespaces",
                repoUrl, teams, teams.stream().map(ArgoCdPlanner::namespaceKind).toList(), TEAM_KINDS,
                "team Applications may only deploy Watasu's object kinds into team namespaces, and only the teams'"
                        + " Namespaces at cluster scope");
        List<PlannedFile> files = new ArrayList<>(List.of(
                new PlannedFile(FOLDER + "/applicationset.yaml", List.of(applicationSet)),
                new PlannedFile(FOLDER + "/project.yaml", List.of(project))));
        if (guardrails) {
            AppProjectObject guardrailProject = new AppProjectObject(GUARDRAILS_PROJECT, ARGOCD_NAMESPACE, labels,
                    "Watasu guardrails (cluster-scoped)", repoUrl, List.of("*"), GUARDRAIL_KINDS, List.of(),
                    "only the guardrails Application may deploy Watasu's cluster-scoped policies, and nothing"
                            + " namespaced");
            ApplicationObject application = new ApplicationObject(GUARDRAILS_PROJECT, ARGOCD_NAMESPACE, labels,
                    repoUrl, branch, prefix + Names.GUARDRAILS_FOLDER, GUARDRAILS_PROJECT,
                    "applies the guardrails folder; its objects are kept when the Application is deleted");
            files.add(new PlannedFile(FOLDER + "/guardrails.yaml", List.of(guardrailProject, application)));
        }
        return files;
    }

    /**
     * The wiring of a fleet: one ApplicationSet whose generators find each cluster's team folders
     * ({@code <path>/<cluster>/<team>}), an Application per (cluster, team), and an AppProject allowing exactly those
     * (cluster, team namespace) destinations. With rollout steps, Progressive Syncs roll a change out step by step.
     *
     * @param clusters the clusters, in the fleet's order
     * @param teams    for each cluster (same order), the teams placed on it, sorted
     * @param rollout  the rollout steps (each selects clusters by labels); empty for none
     */
    public static List<PlannedFile> planFleet(List<Cluster> clusters, List<List<String>> teams,
                                              List<RolloutStep> rollout, String repoUrl, String branch, String path) {
        String base = normalize(path);
        String prefix = base.isEmpty() ? "" : base + "/";
        List<Label> labels = Labels.sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE));
        List<FleetApplicationSetObject.ClusterGenerator> generators = clusters.stream()
                .map(c -> new FleetApplicationSetObject.ClusterGenerator(c.name(), prefix + c.name() + "/*",
                        c.server() == null ? "" : c.server(), c.argoName() == null ? "" : c.argoName()))
                .toList();
        List<List<String>> steps = rollout.stream()
                .map(step -> clusters.stream().filter(c -> c.matches(step.matchLabels())).map(Cluster::name).toList())
                .toList();
        FleetApplicationSetObject applicationSet = new FleetApplicationSetObject("watasu-teams", ARGOCD_NAMESPACE,
                labels, repoUrl, branch, generators, steps, Names.CLUSTER_LABEL,
                "watasu-{{.values.cluster}}-{{.path.basename}}",
                Labels.sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE,
                        Names.CLUSTER_LABEL, "{{.values.cluster}}")),
                "{{.path.path}}", "{{.values.server}}", "{{.values.name}}", "{{.path.basename}}", PROJECT,
                "one Application per team folder of each cluster; create-update and preserved resources so that a"
                        + " Git outage never deletes a team" + (steps.isEmpty() ? ""
                        : "; Progressive Syncs roll a change out cluster step by step"));
        List<FleetAppProjectObject.Destination> destinations = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            Cluster cluster = clusters.get(i);
            teams.get(i).forEach(team -> destinations.add(
                    new FleetAppProjectObject.Destination(cluster.server(), cluster.argoName(), team)));
        }
        List<AppProjectObject.ResourceKind> namespaces = teams.stream().flatMap(List::stream).distinct().sorted()
                .map(ArgoCdPlanner::namespaceKind).toList();
        FleetAppProjectObject project = new FleetAppProjectObject(PROJECT, ARGOCD_NAMESPACE, labels, repoUrl,
                destinations, namespaces, TEAM_KINDS, "team Applications may only deploy Watasu's object kinds into the namespaces of the"
                + " teams placed on each cluster, and only the teams' Namespaces at cluster scope");
        return List.of(new PlannedFile(FOLDER + "/applicationset.yaml", List.of(applicationSet)),
                new PlannedFile(FOLDER + "/project.yaml", List.of(project)));
    }

    /** A team's own Namespace, by name: a team Application may create no other. */
    private static AppProjectObject.ResourceKind namespaceKind(String team) {
        return new AppProjectObject.ResourceKind("", "Namespace", team);
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
