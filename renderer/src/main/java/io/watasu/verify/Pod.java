package io.watasu.verify;

import java.util.List;
import java.util.Map;

/**
 * What policy evaluation needs to know about a pod: where it runs (with that namespace's labels), its labels, and its
 * container ports. Workloads with equal Pods are indistinguishable to every policy, so they are evaluated once.
 */
public record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels,
                  List<Workload.ContainerPort> ports) implements PolicyEngine.Counterpart {
    public Pod {
        namespaceLabels = Map.copyOf(namespaceLabels);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }
}
