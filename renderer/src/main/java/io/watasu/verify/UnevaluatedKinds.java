package io.watasu.verify;

import io.watasu.config.Diagnostic;

import java.util.Map;
import java.util.Set;

/**
 * Object kinds that can change who may connect to whom but that the analysis does not evaluate. Reading one is a
 * warning naming its file and line, so that an empty or open result is never mistaken for the whole truth; other
 * unknown kinds (ConfigMaps, Secrets, ...) are skipped silently. Kinds are matched by API group, so that Calico's or
 * Antrea's {@code NetworkPolicy} is not taken for Kubernetes' own.
 */
final class UnevaluatedKinds {
    private record Family(Set<String> kinds, String what) {
    }

    private static final Map<String, Family> BY_GROUP = Map.ofEntries(
            Map.entry("cilium.io", new Family(Set.of("CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy",
                    "CiliumCIDRGroup"), "Cilium enforces it alongside NetworkPolicies")),
            Map.entry("projectcalico.org", calico()),
            Map.entry("crd.projectcalico.org", calico()),
            Map.entry("crd.antrea.io", new Family(Set.of("NetworkPolicy", "ClusterNetworkPolicy", "ClusterGroup",
                    "Group", "Tier"), "Antrea enforces it alongside NetworkPolicies")),
            Map.entry("k8s.cni.cncf.io", new Family(Set.of("MultiNetworkPolicy", "NetworkAttachmentDefinition"),
                    "it governs secondary networks, which this analysis does not model")),
            Map.entry("k8s.ovn.org", new Family(Set.of("EgressFirewall", "EgressIP", "EgressQoS",
                    "UserDefinedNetwork", "ClusterUserDefinedNetwork", "AdminPolicyBasedExternalRoute"),
                    "OVN-Kubernetes applies it to pod traffic")),
            Map.entry("network.openshift.io", new Family(Set.of("EgressNetworkPolicy"),
                    "OpenShift SDN applies it to egress traffic")),
            Map.entry("gateway.networking.k8s.io", new Family(Set.of("Gateway", "HTTPRoute", "GRPCRoute", "TCPRoute",
                    "TLSRoute", "UDPRoute"), "it brings traffic into the cluster like an Ingress, and is not read")),
            Map.entry("security.istio.io", new Family(Set.of("AuthorizationPolicy", "PeerAuthentication"),
                    "the Istio mesh enforces it on top of NetworkPolicies")),
            Map.entry("policy.linkerd.io", new Family(Set.of("Server", "ServerAuthorization", "AuthorizationPolicy",
                    "MeshTLSAuthentication", "NetworkAuthentication"),
                    "the Linkerd mesh enforces it on top of NetworkPolicies")),
            Map.entry("kubevirt.io", new Family(Set.of("VirtualMachine", "VirtualMachineInstance",
                    "VirtualMachineInstanceReplicaSet"), "its virtual machines are not listed as workloads")));

    /** Groups whose NetworkPolicy kind is Kubernetes' own (the empty group: no apiVersion given). */
    private static final Set<String> KUBERNETES_NETWORK_POLICY_GROUPS = Set.of("", "networking.k8s.io", "extensions");
    private static final Set<String> NETWORK_POLICY_API_KINDS =
            Set.of(AdminPolicy.ANP, AdminPolicy.BANP, AdminPolicy.CNP);

    private UnevaluatedKinds() {
    }

    private static Family calico() {
        return new Family(Set.of("NetworkPolicy", "GlobalNetworkPolicy", "StagedNetworkPolicy",
                "StagedGlobalNetworkPolicy", "StagedKubernetesNetworkPolicy", "NetworkSet", "GlobalNetworkSet", "Tier",
                "HostEndpoint"), "Calico enforces it alongside NetworkPolicies");
    }

    /** Why an object of this group and kind matters but is not evaluated; null when it is evaluated or irrelevant. */
    static String reason(String group, String kind) {
        Family family = BY_GROUP.get(group);
        if (family != null && family.kinds().contains(kind)) {
            return family.what();
        }
        if (kind.equals("NetworkPolicy") && KUBERNETES_NETWORK_POLICY_GROUPS.contains(group)) {
            return null;
        }
        if (NETWORK_POLICY_API_KINDS.contains(kind) && (group.isEmpty() || group.equals("policy.networking.k8s.io"))) {
            return null;
        }
        if (kind.endsWith("NetworkPolicy") || group.equals("policy.networking.k8s.io")) {
            return "it is a network policy of an API this analysis does not know";
        }
        return null;
    }

    static Diagnostic warning(YamlNode object, String group, String kind, String reason) throws ManifestException {
        YamlNode metadata = object.get("metadata");
        String name = metadata == null ? null : metadata.textAt("name");
        String namespace = metadata == null ? null : metadata.textAt("namespace");
        String which = kind + (name == null ? "" : " " + (namespace == null ? "" : namespace + "/") + name)
                + (group.isEmpty() ? "" : " (" + group + ")");
        return Diagnostic.warning(object.position(), which + " is not evaluated: " + reason
                        + "; the connections listed do not account for it",
                "check it with the tools of the component that enforces it, or leave it out of the directory");
    }
}
