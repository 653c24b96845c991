package io.watasu.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole declarative model of one {@code watasu.yaml}: pure data, no I/O.
 *
 * @param platform the file's platform settings (a cluster of the fleet may override them, see {@link Cluster})
 * @param fleet    the clusters and their rollout; {@link Fleet#NONE} for one implicit cluster
 */
public record WatasuConfig(int version, Platform platform, List<Team> teams, Fleet fleet) {
    public static final int CURRENT_VERSION = 1;

    public WatasuConfig {
        Objects.requireNonNull(platform, "platform");
        teams = List.copyOf(teams);
        Objects.requireNonNull(fleet, "fleet");
    }

    /** One implicit cluster. */
    public WatasuConfig(int version, Platform platform, List<Team> teams) {
        this(version, platform, teams, Fleet.NONE);
    }

    public Optional<Team> team(String name) {
        return teams.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Stream<App> apps() {
        return teams.stream().flatMap(t -> t.apps().stream());
    }

    public Optional<App> app(String name) {
        return apps().filter(a -> a.name().equals(name)).findFirst();
    }
}
