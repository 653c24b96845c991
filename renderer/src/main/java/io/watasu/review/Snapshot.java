package io.watasu.review;

import io.watasu.model.WatasuConfig;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One revision of watasu.yaml as a review sees it: its model and the connections its rendered policies allow.
 *
 * @param config the model, or null when the revision has no file
 */
public record Snapshot(WatasuConfig config, SortedSet<AccessEdge> access) {
    public Snapshot {
        access = Collections.unmodifiableSortedSet(new TreeSet<>(access));
    }

    /** A revision without the file: no teams, nothing allowed. */
    public static Snapshot absent() {
        return new Snapshot(null, new TreeSet<>());
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
