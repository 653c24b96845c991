package io.watasu.fleet;

import io.watasu.model.Cluster;
import io.watasu.model.WatasuConfig;

/**
 * What one cluster runs: an ordinary single-cluster model (the cluster's platform, the teams and apps placed on it,
 * trust grants between apps that both run there).
 *
 * @param cluster the cluster, or null for the one implicit cluster of a file without {@code clusters}
 * @param config  the cluster's model
 */
public record ClusterView(Cluster cluster, WatasuConfig config) {
    /** The cluster's folder in the output, ending in '/', or "" for the implicit cluster (teams at the top). */
    public String folder() {
        return cluster == null ? "" : cluster.name() + "/";
    }

    /** "cluster 'eu-prod'" for messages, or "" for the implicit cluster. */
    public String label() {
        return cluster == null ? "" : "cluster '" + cluster.name() + "'";
    }
}
