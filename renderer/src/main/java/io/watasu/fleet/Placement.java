package io.watasu.fleet;

import io.watasu.model.App;
import io.watasu.model.Cluster;
import io.watasu.model.Fleet;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where teams and apps run in a fleet, and what one cluster sees of the model. Pure: model in, model out.
 * <p>
 * A team runs on the clusters it lists (every cluster when it lists none); an app on those it lists, else on its
 * team's. On one cluster, a team holds the apps that run there, and a trust grant holds where both apps run: the
 * cluster's view is an ordinary single-cluster model with that cluster's platform, which every part of watasu (the
 * planner, the verifier, explain) takes as it is. Nothing in one cluster's view names another cluster.
 */
public final class Placement {
    private Placement() {
    }

    /** The clusters {@code team} runs on, in the fleet's order; empty without a fleet. */
    public static List<String> clustersOf(Fleet fleet, Team team) {
        if (team.clusters().isEmpty()) {
            return fleet.clusters().stream().map(Cluster::name).toList();
        }
        Set<String> listed = Set.copyOf(team.clusters());
        return fleet.clusters().stream().map(Cluster::name).filter(listed::contains).toList();
    }

    /** The clusters {@code app} runs on: those it lists that its team runs on, else its team's. */
    public static List<String> clustersOf(Fleet fleet, Team team, App app) {
        List<String> teamClusters = clustersOf(fleet, team);
        if (app.clusters().isEmpty()) {
            return teamClusters;
        }
        Set<String> listed = Set.copyOf(app.clusters());
        return teamClusters.stream().filter(listed::contains).toList();
    }

    /**
     * Every cluster's view of {@code config}, in the fleet's order; a file without clusters is its own only view
     * (folder prefix "", no cluster), so that code handling views handles single-cluster platforms unchanged.
     */
    public static List<ClusterView> views(WatasuConfig config) {
        Fleet fleet = config.fleet();
        if (!fleet.declared()) {
            return List.of(new ClusterView(null, config));
        }
        // Loading, rendering and checking a fleet each ask for the views of the same model.
        Projected last = lastProjected;
        if (last != null && last.config() == config) {
            return last.views();
        }
        Map<Team, Team> uniform = new IdentityHashMap<>();
        List<ClusterView> views = new ArrayList<>(fleet.clusters().size());
        for (Cluster cluster : fleet.clusters()) {
            views.add(new ClusterView(cluster, project(config, cluster, uniform)));
        }
        List<ClusterView> result = List.copyOf(views);
        lastProjected = new Projected(config, result);
        return result;
    }

    /** The views of the model last projected (the model is immutable, so they stay its views). */
    private static volatile Projected lastProjected;

    private record Projected(WatasuConfig config, List<ClusterView> views) {
    }

    /** The view of one cluster by name; empty when the file has no such cluster. */
    public static Optional<ClusterView> view(WatasuConfig config, String cluster) {
        return views(config).stream().filter(v -> v.cluster() != null && v.cluster().name().equals(cluster))
                .findFirst();
    }

    /**
     * The views {@code only} selects: every view when it is empty, else the named cluster's.
     *
     * @throws IllegalArgumentException naming the clusters there are, when the file has no such cluster (or none)
     */
    public static List<ClusterView> select(WatasuConfig config, Optional<String> only) {
        if (only.isEmpty()) {
            return views(config);
        }
        String name = only.get();
        if (!config.fleet().declared()) {
            throw new IllegalArgumentException("--cluster " + name + ": the file declares no clusters (it renders"
                    + " for one cluster); leave --cluster out");
        }
        return view(config, name).map(List::of).orElseThrow(() -> new IllegalArgumentException("--cluster " + name
                + ": no such cluster; the file declares " + String.join(", ",
                config.fleet().clusters().stream().map(Cluster::name).toList())));
    }

    /**
     * The model as {@code cluster} sees it. Teams whose apps all run wherever the team does are the same object
     * on every cluster ({@code uniform} keeps them, by the model's team), so that equal views compare (and
     * fingerprint) cheaply.
     */
    static WatasuConfig project(WatasuConfig config, Cluster cluster, Map<Team, Team> uniform) {
        Fleet fleet = config.fleet();
        List<Team> teams = new ArrayList<>();
        for (Team team : config.teams()) {
            if (!clustersOf(fleet, team).contains(cluster.name())) {
                continue;
            }
            if (team.apps().stream().allMatch(app -> app.clusters().isEmpty())) {
                teams.add(uniform.computeIfAbsent(team, t -> new Team(t.name(), t.apps())));
                continue;
            }
            Set<String> here = new HashSet<>();
            List<App> apps = team.apps().stream()
                    .filter(app -> clustersOf(fleet, team, app).contains(cluster.name()))
                    .peek(app -> here.add(app.name())).toList();
            teams.add(new Team(team.name(), apps.stream()
                    .map(app -> withoutClusters(app, app.trust().stream().filter(here::contains).toList()))
                    .toList()));
        }
        return new WatasuConfig(config.version(), cluster.platform(), teams);
    }

    private static App withoutClusters(App app, List<String> trust) {
        return new App(app.team(), app.name(), app.processes(), trust, app.kubernetesApi());
    }
}
