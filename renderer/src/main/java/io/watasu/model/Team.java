package io.watasu.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A team: one namespace, default deny, holding its apps in declaration order. */
public record Team(String name, List<App> apps) {
    public Team {
        Objects.requireNonNull(name, "name");
        apps = List.copyOf(apps);
    }

    public Optional<App> app(String appName) {
        return apps.stream().filter(a -> a.name().equals(appName)).findFirst();
    }
}
