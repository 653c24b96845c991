package io.watasu.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A team: one namespace, default deny, holding its apps in declaration order.
 *
 * @param clusters the clusters of the fleet the team is placed on, in declaration order; empty for every cluster
 */
public record Team(String name, List<App> apps, List<String> clusters) {
    public Team {
        Objects.requireNonNull(name, "name");
        apps = List.copyOf(apps);
        clusters = List.copyOf(clusters);
    }

    /** A team on every cluster. */
    public Team(String name, List<App> apps) {
        this(name, apps, List.of());
    }

    public Optional<App> app(String appName) {
        return apps.stream().filter(a -> a.name().equals(appName)).findFirst();
    }
}
