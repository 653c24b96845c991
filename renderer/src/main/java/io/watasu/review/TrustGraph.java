package io.watasu.review;

import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Apps grouped by team, and who may call whose {@code *-tcp} processes. Edges never cross teams: trust is within a
 * team only.
 */
public record TrustGraph(SortedMap<String, SortedSet<String>> appsByTeam, SortedMap<String, List<GraphEdge>> edgesByTeam) {
    private static final Comparator<GraphEdge> EDGE_ORDER = Comparator.comparing(GraphEdge::app)
            .thenComparing(GraphEdge::process).thenComparing(GraphEdge::caller).thenComparing(GraphEdge::ports)
            .thenComparing(GraphEdge::change);

    public TrustGraph {
        SortedMap<String, SortedSet<String>> apps = new TreeMap<>();
        appsByTeam.forEach((team, names) -> apps.put(team, Collections.unmodifiableSortedSet(new TreeSet<>(names))));
        appsByTeam = Collections.unmodifiableSortedMap(apps);
        SortedMap<String, List<GraphEdge>> edges = new TreeMap<>();
        edgesByTeam.forEach((team, list) -> edges.put(team, list.stream().sorted(EDGE_ORDER).toList()));
        edgesByTeam = Collections.unmodifiableSortedMap(edges);
    }

    /** The graph the trust lists declare; {@code onlyTeam} (null for all) keeps one team. */
    public static TrustGraph declared(WatasuConfig config, String onlyTeam) {
        SortedMap<String, SortedSet<String>> apps = new TreeMap<>();
        SortedMap<String, List<GraphEdge>> edges = new TreeMap<>();
        for (Team team : config.teams()) {
            if (onlyTeam != null && !onlyTeam.equals(team.name())) {
                continue;
            }
            SortedSet<String> names = apps.computeIfAbsent(team.name(), t -> new TreeSet<>());
            List<GraphEdge> teamEdges = edges.computeIfAbsent(team.name(), t -> new ArrayList<>());
            for (App app : team.apps()) {
                names.add(app.name());
                for (Process process : app.processes()) {
                    if (process.kind() != ProcessKind.TCP) {
                        continue;
                    }
                    for (String caller : app.trust()) {
                        if (!caller.equals(app.name())) {
                            teamEdges.add(new GraphEdge(caller, app.name(), process.name(), process.port() + "/TCP",
                                    GraphEdge.Change.UNCHANGED));
                        }
                    }
                }
            }
        }
        return new TrustGraph(apps, edges);
    }

    /**
     * The app-to-app connections of {@code teams} as evaluated in both revisions, each edge marked added, removed or
     * unchanged; apps of either revision are nodes.
     */
    public static TrustGraph compared(Snapshot base, Snapshot head, SortedSet<String> teams) {
        SortedMap<String, SortedSet<String>> apps = new TreeMap<>();
        SortedMap<String, List<GraphEdge>> edges = new TreeMap<>();
        for (String team : teams) {
            apps.put(team, new TreeSet<>());
            edges.put(team, new ArrayList<>());
        }
        for (Snapshot snapshot : List.of(base, head)) {
            for (String qualified : snapshot.qualifiedApps()) {
                String[] parts = qualified.split("/", 2);
                if (apps.containsKey(parts[0])) {
                    apps.get(parts[0]).add(parts[1]);
                }
            }
        }
        for (AccessEdge edge : union(base.access(), head.access())) {
            if (!edges.containsKey(edge.team()) || !edge.betweenAppsOfTeam()) {
                continue;
            }
            boolean before = base.access().contains(edge);
            boolean after = head.access().contains(edge);
            GraphEdge.Change change = before == after ? GraphEdge.Change.UNCHANGED
                    : after ? GraphEdge.Change.ADDED : GraphEdge.Change.REMOVED;
            edges.get(edge.team()).add(new GraphEdge(edge.source(), edge.app(), edge.process(), edge.ports(), change));
        }
        return new TrustGraph(apps, edges);
    }

    private static SortedSet<AccessEdge> union(SortedSet<AccessEdge> a, SortedSet<AccessEdge> b) {
        SortedSet<AccessEdge> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    public boolean isEmpty() {
        return appsByTeam.isEmpty();
    }
}
