package io.watasu.review;

import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedTree;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** One revision of watasu.yaml: its model, its rendered manifests and the connections they allow. */
public record Snapshot(WatasuConfig config, RenderedTree rendered, SortedSet<AccessEdge> access) {
    public Snapshot {
        access = Collections.unmodifiableSortedSet(new TreeSet<>(access));
    }

    /** A revision without the file: no teams, nothing rendered, nothing allowed. */
    public static Snapshot absent() {
        return new Snapshot(null, new RenderedTree(List.of()), new TreeSet<>());
    }

    public static Snapshot of(WatasuConfig config) {
        return of(config, Renderer.of(RenderOptions.defaults()));
    }

    /** Renders with {@code renderer}, whose templates are compiled once for both revisions. */
    public static Snapshot of(WatasuConfig config, Renderer renderer) {
        RenderedTree rendered = renderer.render(config, Optional.empty());
        return new Snapshot(config, rendered, AccessAnalysis.allowedConnections(config, rendered));
    }

    /** {@code team/app} for every app, sorted. */
    public SortedSet<String> qualifiedApps() {
        SortedSet<String> apps = new TreeSet<>();
        if (config != null) {
            config.apps().forEach(a -> apps.add(a.team() + "/" + a.name()));
        }
        return apps;
    }

    public SortedSet<String> teams() {
        SortedSet<String> teams = new TreeSet<>();
        if (config != null) {
            config.teams().forEach(t -> teams.add(t.name()));
        }
        return teams;
    }
}
