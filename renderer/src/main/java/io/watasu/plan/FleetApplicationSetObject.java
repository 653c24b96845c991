package io.watasu.plan;

import java.util.List;

/**
 * The Argo CD ApplicationSet of a fleet: one git directory generator per cluster, each finding that cluster's team
 * folders and carrying the cluster's destination as values, so that every (cluster, team) folder becomes one
 * Application; with a rollout, Progressive Syncs steps over the clusters.
 *
 * @param clusters        one generator each, in the fleet's order
 * @param rolloutSteps    the clusters of each step, in order; empty for no staged rollout
 * @param clusterLabel    the Application label naming its cluster, which rollout steps select
 * @param applicationName Go template of each Application's name
 * @param applicationLabels labels of each Application (Go templates where they name the cluster)
 * @param sourcePath      Go template of each Application's source path (the team folder)
 * @param destinationServer Go template of each Application's destination server (empty for a named cluster)
 * @param destinationName Go template of each Application's destination cluster name (empty for a server)
 * @param destinationNamespace Go template of each Application's namespace (the team)
 */
public record FleetApplicationSetObject(String name, String namespace, List<Label> labels, String repoUrl,
                                        String revision, List<ClusterGenerator> clusters,
                                        List<List<String>> rolloutSteps, String clusterLabel,
                                        String applicationName, List<Label> applicationLabels, String sourcePath,
                                        String destinationServer, String destinationName,
                                        String destinationNamespace, String project, String reason)
        implements PlannedObject {
    public FleetApplicationSetObject {
        labels = List.copyOf(labels);
        applicationLabels = List.copyOf(applicationLabels);
        clusters = List.copyOf(clusters);
        rolloutSteps = rolloutSteps.stream().map(List::copyOf).toList();
    }

    /**
     * One cluster's generator.
     *
     * @param directoryGlob git directory generator path matching the cluster's team folders
     * @param server        the API server URL, or "" when the cluster is named
     * @param argoName      the Argo CD cluster name, or "" when the server is given
     */
    public record ClusterGenerator(String cluster, String directoryGlob, String server, String argoName) {
    }

    /** True when Progressive Syncs steps are rendered. */
    public boolean rollout() {
        return !rolloutSteps.isEmpty();
    }

    @Override
    public String kind() {
        return "ApplicationSet";
    }

    @Override
    public String template() {
        return "argocd-fleet-applicationset.yaml.hbs";
    }
}
