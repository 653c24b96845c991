package io.watasu.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole declarative model of one {@code watasu.yaml}: pure data, no I/O.
 *
 * @param platform   the file's platform settings (a cluster of the fleet may override them, see {@link Cluster})
 * @param fleet      the clusters and their rollout; {@link Fleet#NONE} for one implicit cluster
 * @param guardrails the cluster-wide guardrails ({@code platform.guardrails}, {@code platform.deployers}); kept
 *                   beside the platform because no team folder depends on them
 */
public record WatasuConfig(int version, Platform platform, List<Team> teams, Fleet fleet, Guardrails guardrails) {
    public static final int CURRENT_VERSION = 1;

    public WatasuConfig {
        Objects.requireNonNull(platform, "platform");
        teams = List.copyOf(teams);
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(guardrails, "guardrails");
    }

    /** One implicit cluster, without guardrails. */
    public WatasuConfig(int version, Platform platform, List<Team> teams) {
        this(version, platform, teams, Fleet.NONE, Guardrails.NONE);
    }

    /** Without guardrails. */
    public WatasuConfig(int version, Platform platform, List<Team> teams, Fleet fleet) {
        this(version, platform, teams, fleet, Guardrails.NONE);
    }

    public WatasuConfig withGuardrails(Guardrails value) {
        return new WatasuConfig(version, platform, teams, fleet, value);
    }

    /** The same platform, fleet and guardrails with other teams (a part of the platform). */
    public WatasuConfig withTeams(List<Team> value) {
        return new WatasuConfig(version, platform, value, fleet, guardrails);
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
