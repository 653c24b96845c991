package io.watasu.verify;

import java.util.List;
import java.util.Map;

/**
 * A unit of pods the analysis speaks about: a Deployment, DaemonSet, ... or the owner that a listed Pod names.
 *
 * @param kind   the workload kind as it is printed ({@code Deployment}, {@code Pod}, ...)
 * @param labels the pods' labels (the pod template's, not the workload object's)
 * @param ports  the pods' container ports, for resolving named ports
 */
public record Workload(String namespace, String name, String kind, Map<String, String> labels,
                       List<ContainerPort> ports) {
    public Workload {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    /** {@code namespace/name[Kind]}, as the analyzer prints a workload. */
    public String displayName() {
        return namespace + "/" + name + "[" + kind + "]";
    }

    /** A container port; {@code name} is null when the port is unnamed. */
    public record ContainerPort(String name, int port, Protocol protocol) {
    }
}
