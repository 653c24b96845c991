package io.watasu.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole declarative model of one {@code watasu.yaml}: pure data, no I/O.
 *
 * @param guardrails the cluster-wide guardrails ({@code platform.guardrails}, {@code platform.deployers}); kept
 *                   beside the platform because no team folder depends on them
 */
public record WatasuConfig(int version, Platform platform, List<Team> teams, Guardrails guardrails) {
    public static final int CURRENT_VERSION = 1;

    public WatasuConfig {
        Objects.requireNonNull(platform, "platform");
        teams = List.copyOf(teams);
        Objects.requireNonNull(guardrails, "guardrails");
    }

    /** Without guardrails. */
    public WatasuConfig(int version, Platform platform, List<Team> teams) {
        this(version, platform, teams, Guardrails.NONE);
    }

    public WatasuConfig withGuardrails(Guardrails value) {
        return new WatasuConfig(version, platform, teams, value);
    }

    /** The same platform and guardrails with other teams (a part of the platform). */
    public WatasuConfig withTeams(List<Team> value) {
        return new WatasuConfig(version, platform, value, guardrails);
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
