package io.watasu.verify;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;

import java.util.List;
import java.util.Optional;

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

    /** Where the first rule naming IPv6 addresses is written, if any rule does. */
    public Optional<SourcePosition> firstIpv6Rule() {
        for (Policy policy : policies) {
            for (boolean ingress : new boolean[]{true, false}) {
                for (Policy.Rule rule : policy.rules(ingress)) {
                    if (rule.peers().stream().anyMatch(p -> p.ipBlock() != null && p.ipBlock().ipv6())) {
                        return Optional.ofNullable(rule.at());
                    }
                }
            }
        }
        for (AdminPolicy policy : adminPolicies) {
            for (AdminPolicy.Rule rule : policy.egress()) {
                if (rule.peers().stream().anyMatch(p -> p instanceof AdminPolicy.Peer.Networks n
                        && n.blocks().stream().anyMatch(IpBlock::ipv6))) {
                    return Optional.ofNullable(rule.at());
                }
            }
        }
        return Optional.empty();
    }
}
