package io.watasu.verify;

import java.util.HashMap;
import java.util.Map;

/** A namespace and its labels, always including the automatic {@code kubernetes.io/metadata.name} label. */
public record KubeNamespace(String name, Map<String, String> labels) {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public KubeNamespace {
        Map<String, String> withName = new HashMap<>(labels);
        withName.put(NAME_LABEL, name);
        labels = Map.copyOf(withName);
    }
}
