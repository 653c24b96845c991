package io.watasu.model;

import java.util.List;
import java.util.Optional;

/**
 * The clusters one watasu.yaml describes, and the order in which a change reaches them. A file without
 * {@code clusters} has {@link #NONE}: one implicit cluster, rendered exactly as a single-cluster platform.
 *
 * @param clusters clusters in declaration order
 * @param rollout  rollout steps in order; empty when Argo CD syncs every cluster at once
 */
public record Fleet(List<Cluster> clusters, List<RolloutStep> rollout) {
    public static final Fleet NONE = new Fleet(List.of(), List.of());

    public Fleet {
        clusters = List.copyOf(clusters);
        rollout = List.copyOf(rollout);
    }

    /** True when the file declares clusters. */
    public boolean declared() {
        return !clusters.isEmpty();
    }

    public Optional<Cluster> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
