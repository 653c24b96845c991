package io.watasu.plan;

import io.watasu.model.PodSelector;
import io.watasu.names.Names;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label sets and selectors every planner shares, so that one pod is always selected the same way. */
public final class Labels {
    private Labels() {
    }

    public static List<Label> sorted(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> new Label(e.getKey(), e.getValue())).toList();
    }

    /** Object labels of team-wide objects. */
    public static List<Label> ofTeam(String team) {
        return sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE, Names.TEAM_LABEL, team));
    }

    /** Object labels of an app's objects. */
    public static List<Label> ofApp(String team, String app) {
        return sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE, Names.TEAM_LABEL, team,
                Names.APP_LABEL, app));
    }

    /** Object labels of a process's objects. */
    public static List<Label> ofProcess(String team, String app, String process) {
        return sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE, Names.TEAM_LABEL, team,
                Names.APP_LABEL, app, Names.PROCESS_LABEL, process));
    }

    /** Exactly the pods of one process: the three pod labels. */
    public static Selector processPods(String team, String app, String process) {
        return Selector.labels(Map.of(Names.TEAM_LABEL, team, Names.APP_LABEL, app, Names.PROCESS_LABEL, process));
    }

    /** Pods of any of {@code apps} (sorted by the caller) of one team. */
    public static Selector podsOfApps(String team, List<String> apps) {
        return new Selector(sorted(Map.of(Names.TEAM_LABEL, team)),
                List.of(new Requirement(Names.APP_LABEL, "In", apps)));
    }

    /**
     * Pods of a platform component, by namespace NAME (the control plane sets {@code kubernetes.io/metadata.name};
     * tenants cannot forge it) and pod labels, in one peer so that both must match.
     */
    public static Peer platformPods(PodSelector component) {
        return Peer.podsInNamespace(Selector.labels(Map.of(Names.NAMESPACE_NAME_LABEL, component.namespace())),
                Selector.labels(component.podLabels()));
    }
}
