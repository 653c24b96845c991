package io.watasu.plan;

import java.util.List;

/**
 * The Argo CD AppProject of a fleet: its destinations are exactly the (cluster, team namespace) pairs where a team
 * runs, so an Application can never deploy a team's objects to a cluster the team is not placed on; the kinds it may
 * deploy are those of the single-cluster project (a Namespace only by a team's name).
 */
public record FleetAppProjectObject(String name, String namespace, List<Label> labels, String repoUrl,
                                    List<Destination> destinations,
                                    List<AppProjectObject.ResourceKind> clusterResources,
                                    List<AppProjectObject.ResourceKind> namespacedResources, String reason)
        implements PlannedObject {
    public FleetAppProjectObject {
        labels = List.copyOf(labels);
        destinations = List.copyOf(destinations);
        clusterResources = List.copyOf(clusterResources);
        namespacedResources = List.copyOf(namespacedResources);
    }

    /** A team namespace on one cluster, addressed by server URL or by Argo CD cluster name (the other is null). */
    public record Destination(String server, String argoName, String namespace) {
    }

    @Override
    public String kind() {
        return "AppProject";
    }

    @Override
    public String template() {
        return "argocd-fleet-project.yaml.hbs";
    }
}
