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
 */
public record App(String team, String name, List<Process> processes, List<String> trust) {
    public App {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(name, "name");
        processes = List.copyOf(processes);
        trust = List.copyOf(trust);
    }

    public Optional<Process> process(String processName) {
        return processes.stream().filter(p -> p.name().equals(processName)).findFirst();
    }

    public boolean hasProcessOfKind(ProcessKind kind) {
        return processes.stream().anyMatch(p -> p.kind() == kind);
    }

    public App withTrust(List<String> newTrust) {
        return new App(team, name, processes, newTrust);
    }

    public App withProcesses(List<Process> newProcesses) {
        return new App(team, name, newProcesses, trust);
    }
}
