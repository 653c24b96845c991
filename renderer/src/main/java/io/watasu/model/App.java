package io.watasu.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An app of a team.
 *
 * @param team      the owning team (its namespace)
 * @param name      globally unique app name (it names public hostnames)
 * @param processes processes in declaration order
 * @param trust     apps of the same team allowed to call this app's {@code *-tcp} processes, in declaration order
 * @param kubernetesApi true when the app's pods may call the Kubernetes API ({@link Platform#apiServer()})
 * @param clusters  the clusters of the fleet the app runs on, a subset of its team's; empty for all of the team's
 */
public record App(String team, String name, List<Process> processes, List<String> trust, boolean kubernetesApi,
                  List<String> clusters) {
    public App {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(name, "name");
        processes = List.copyOf(processes);
        trust = List.copyOf(trust);
        clusters = List.copyOf(clusters);
    }

    /** An app on every cluster of its team. */
    public App(String team, String name, List<Process> processes, List<String> trust, boolean kubernetesApi) {
        this(team, name, processes, trust, kubernetesApi, List.of());
    }

    /** An app that does not call the Kubernetes API. */
    public App(String team, String name, List<Process> processes, List<String> trust) {
        this(team, name, processes, trust, false);
    }

    public Optional<Process> process(String processName) {
        return processes.stream().filter(p -> p.name().equals(processName)).findFirst();
    }

    public boolean hasProcessOfKind(ProcessKind kind) {
        return processes.stream().anyMatch(p -> p.kind() == kind);
    }

    public App withTrust(List<String> newTrust) {
        return new App(team, name, processes, newTrust, kubernetesApi, clusters);
    }

    public App withProcesses(List<Process> newProcesses) {
        return new App(team, name, newProcesses, trust, kubernetesApi, clusters);
    }

    public App withClusters(List<String> newClusters) {
        return new App(team, name, processes, trust, kubernetesApi, newClusters);
    }
}
