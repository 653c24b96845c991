package io.watasu.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes label selector. Both lists empty means "everything" (rendered {@code {}}), which the planners use
 * only for the namespace-wide baseline policies.
 */
public record Selector(List<Label> matchLabels, List<Requirement> matchExpressions) {
    public Selector {
        matchLabels = List.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static Selector everything() {
        return new Selector(List.of(), List.of());
    }

    public static Selector labels(Map<String, String> labels) {
        return new Selector(Labels.sorted(labels), List.of());
    }

    /** Read by templates: true for {@code {}}. */
    public boolean selectsEverything() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public Map<String, String> matchLabelMap() {
        Map<String, String> map = new TreeMap<>();
        matchLabels.forEach(l -> map.put(l.key(), l.value()));
        return map;
    }
}
