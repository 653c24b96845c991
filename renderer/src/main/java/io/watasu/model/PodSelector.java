package io.watasu.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Pods of a platform component: a namespace and the pod labels that identify them. */
public record PodSelector(String namespace, Map<String, String> podLabels) {
    public PodSelector {
        Objects.requireNonNull(namespace, "namespace");
        podLabels = Map.copyOf(podLabels);
    }

    /** Labels sorted by key, so that rendering is byte-stable. */
    public Map<String, String> sortedPodLabels() {
        return new TreeMap<>(podLabels);
    }
}
