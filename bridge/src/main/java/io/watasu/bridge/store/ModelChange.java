package io.watasu.bridge.store;

import io.watasu.edit.ProcessSpec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One change a Terraform resource makes to {@code watasu.yaml}; each becomes one commit. */
public sealed interface ModelChange {
    /** One line for the commit message. */
    String describe();

    /** Replaces the whole trust list of {@code app}. */
    record SetTrust(String app, List<String> trusted) implements ModelChange {
        public SetTrust {
            Objects.requireNonNull(app, "app");
            trusted = List.copyOf(trusted);
        }

        @Override
        public String describe() {
            return trusted.isEmpty() ? "Trust no apps for " + app : "Trust " + String.join(", ", trusted) + " for " + app;
        }
    }

    /**
     * Creates the app in {@code team} or replaces its processes.
     *
     * @param processes process name to (command, port), in the order to write them
     */
    record UpsertApp(String team, String app, Map<String, ProcessSpec> processes) implements ModelChange {
        public UpsertApp {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(app, "app");
            processes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(processes));
        }

        @Override
        public String describe() {
            return "Set app " + app + " of team " + team;
        }
    }

    /** Removes the app (wherever it is). */
    record RemoveApp(String app) implements ModelChange {
        public RemoveApp {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public String describe() {
            return "Remove app " + app;
        }
    }
}
