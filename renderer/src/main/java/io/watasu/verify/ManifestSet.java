package io.watasu.verify;

import io.watasu.config.Diagnostic;

import java.util.List;

/**
 * Everything read from a directory of manifests that matters for connectivity, and the warnings about what was read
 * but is not (or not fully) evaluated.
 */
public record ManifestSet(List<KubeNamespace> namespaces, List<Workload> workloads, List<Service> services,
                          List<Ingress> ingresses, List<Policy> policies, List<AdminPolicy> adminPolicies,
                          List<Diagnostic> warnings) {
    public ManifestSet {
        namespaces = List.copyOf(namespaces);
        workloads = List.copyOf(workloads);
        services = List.copyOf(services);
        ingresses = List.copyOf(ingresses);
        policies = List.copyOf(policies);
        adminPolicies = List.copyOf(adminPolicies);
        warnings = List.copyOf(warnings);
    }

    /** Manifests without cluster-wide policies or warnings. */
    public ManifestSet(List<KubeNamespace> namespaces, List<Workload> workloads, List<Service> services,
                       List<Ingress> ingresses, List<Policy> policies) {
        this(namespaces, workloads, services, ingresses, policies, List.of(), List.of());
    }

    /** The same manifests with other workloads (the intent check places its own pods). */
    public ManifestSet withWorkloads(List<Workload> newWorkloads, List<Policy> newPolicies) {
        return new ManifestSet(namespaces, newWorkloads, services, ingresses, newPolicies, adminPolicies, warnings);
    }
}
