package io.watasu.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One cluster of a fleet: where Argo CD deploys to, its labels (which rollout steps select), and its platform facts.
 *
 * @param name     the cluster's name in watasu.yaml: its output folder and the {@code watasu.io/cluster} label of
 *                 its Argo CD Applications
 * @param server   the API server URL Argo CD deploys to, or null when {@code argoName} names the cluster instead
 * @param argoName the name of the cluster in Argo CD (its cluster secret's {@code name}), or null when
 *                 {@code server} is given
 * @param labels   labels for rollout steps
 * @param platform the platform in effect on this cluster: its own {@code platform} settings merged over the file's
 */
public record Cluster(String name, String server, String argoName, Map<String, String> labels, Platform platform) {
    public Cluster {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(platform, "platform");
    }

    /** Labels sorted by key, so that rendering is byte-stable. */
    public Map<String, String> sortedLabels() {
        return new TreeMap<>(labels);
    }

    /** True when every label of {@code selector} is on this cluster with the same value. */
    public boolean matches(Map<String, String> selector) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
