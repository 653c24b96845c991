package io.watasu.verify;

import java.util.List;

/** Everything read from a directory of manifests that matters for connectivity. */
public record ManifestSet(List<KubeNamespace> namespaces, List<Workload> workloads, List<Service> services,
                          List<Ingress> ingresses, List<Policy> policies) {
    public ManifestSet {
        namespaces = List.copyOf(namespaces);
        workloads = List.copyOf(workloads);
        services = List.copyOf(services);
        ingresses = List.copyOf(ingresses);
        policies = List.copyOf(policies);
    }
}
