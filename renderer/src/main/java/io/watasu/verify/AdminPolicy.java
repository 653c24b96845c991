package io.watasu.verify;

import io.watasu.config.SourcePosition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster-wide policy of the Kubernetes network-policy-api, reduced to what evaluation needs: an
 * AdminNetworkPolicy or BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), or a ClusterNetworkPolicy
 * (v1alpha2) of tier Admin or Baseline.
 *
 * <p>Evaluation order, per direction and connection: Admin tier policies by ascending priority, each policy's rules in
 * order, the first matching rule decides (Allow, Deny, or Pass to the NetworkPolicy tier); then the NetworkPolicies
 * when one selects the pod; otherwise the Baseline tier (ClusterNetworkPolicies of tier Baseline by priority, then the
 * BaselineAdminNetworkPolicy); what nothing decided is allowed.
 *
 * @param kind     the object's kind, as printed in explanations
 * @param priority 0-1000, lower first; 1001 for the BaselineAdminNetworkPolicy, which has none and comes last
 * @param subject  the pods the policy applies to
 * @param at       where the object starts
 */
public record AdminPolicy(String kind, String name, Tier tier, int priority, PodsSelection subject,
                          List<Rule> ingress, List<Rule> egress, SourcePosition at) {
    public static final String ANP = "AdminNetworkPolicy";
    public static final String BANP = "BaselineAdminNetworkPolicy";
    public static final String CNP = "ClusterNetworkPolicy";
    public static final int MAX_PRIORITY = 1000;

    public AdminPolicy {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** {@code AdminNetworkPolicy 'name'}. */
    public String displayName() {
        return kind + " '" + name + "'";
    }

    public List<Rule> rules(boolean ingressDirection) {
        return ingressDirection ? ingress : egress;
    }

    public enum Tier { ADMIN, BASELINE }

    /** What a matching rule does; ClusterNetworkPolicy's {@code Accept} is {@link #ALLOW}. */
    public enum Action {
        ALLOW("allows"), DENY("denies"), PASS("passes");

        private final String verb;

        Action(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /**
     * Pods in namespaces: every pod of the namespaces {@code namespaces} selects, or, when {@code pods} is not null,
     * the pods it selects in those namespaces.
     */
    public record PodsSelection(LabelSelector namespaces, LabelSelector pods) {
        public boolean matches(Pod pod) {
            return namespaces.matches(pod.namespaceLabels()) && (pods == null || pods.matches(pod.labels()));
        }

        /**
         * The namespace names these pods are confined to by {@code kubernetes.io/metadata.name} (matchLabels or an
         * In expression; the control plane sets that label, tenants cannot), or null when any name may match.
         */
        public Set<String> pinnedNamespaces() {
            Set<String> names = null;
            String name = namespaces.matchLabels().get(KubeNamespace.NAME_LABEL);
            if (name != null) {
                names = new HashSet<>(Set.of(name));
            }
            for (LabelSelector.Requirement r : namespaces.expressions()) {
                if (r.key().equals(KubeNamespace.NAME_LABEL) && r.operator() == LabelSelector.Operator.IN) {
                    Set<String> values = new HashSet<>(r.values());
                    if (names == null) {
                        names = values;
                    } else {
                        names.retainAll(values);
                    }
                }
            }
            return names;
        }
    }

    /**
     * One rule: the first of a policy's rules (in order) that matches a connection decides it.
     *
     * @param ports null when the rule does not filter by port
     */
    public record Rule(String name, Action action, List<Peer> peers, List<Port> ports, SourcePosition at) {
        public Rule {
            peers = List.copyOf(peers);
            ports = ports == null ? null : List.copyOf(ports);
        }

        /**
         * What the rule covers towards a destination with these container ports. A named port resolves by name alone
         * (the protocol is the container port's); towards an external address it resolves to nothing.
         */
        public ConnectionSet connections(List<Workload.ContainerPort> destinationPorts) {
            if (ports == null) {
                return ConnectionSet.ALL;
            }
            ConnectionSet result = ConnectionSet.NONE;
            for (Port p : ports) {
                result = result.union(p.resolve(destinationPorts));
            }
            return result;
        }
    }

    /** Who a rule speaks about. */
    public sealed interface Peer {
        /** Every pod of the selected namespaces. */
        record Namespaces(LabelSelector selector) implements Peer {
        }

        /** The selected pods of the selected namespaces. */
        record Pods(PodsSelection selection) implements Peer {
        }

        /** External addresses (egress only); matched against external ranges, never against pods. */
        record Networks(List<IpBlock> blocks) implements Peer {
            public Networks {
                blocks = List.copyOf(blocks);
            }
        }

        /**
         * Cluster nodes (egress only). Nodes are not endpoints of the analysis (their addresses are not in the
         * manifests), so this peer matches no pod and no external range.
         */
        record Nodes(LabelSelector selector) implements Peer {
        }

        /**
         * A peer with none of the known fields set: the API says an implementation must fail closed, so it matches
         * everything in a Deny or Pass rule (turned into Deny by the parser) and nothing in an Allow rule.
         */
        record Unknown() implements Peer {
        }
    }

    /** One port item of a rule. */
    public sealed interface Port {
        ConnectionSet resolve(List<Workload.ContainerPort> destinationPorts);

        /** Ports {@code from..to} of one protocol (a single port has from == to). */
        record Numbers(Protocol protocol, int from, int to) implements Port {
            @Override
            public ConnectionSet resolve(List<Workload.ContainerPort> destinationPorts) {
                return ConnectionSet.of(protocol, PortSet.range(from, to));
            }
        }

        /** Every port of one protocol (a ClusterNetworkPolicy protocol without destinationPort). */
        record AllOf(Protocol protocol) implements Port {
            @Override
            public ConnectionSet resolve(List<Workload.ContainerPort> destinationPorts) {
                return ConnectionSet.of(protocol, PortSet.ALL);
            }
        }

        /** A container port name of the destination pod, with that container port's protocol. */
        record Named(String name) implements Port {
            @Override
            public ConnectionSet resolve(List<Workload.ContainerPort> destinationPorts) {
                ConnectionSet result = ConnectionSet.NONE;
                for (Workload.ContainerPort c : destinationPorts) {
                    if (name.equals(c.name())) {
                        result = result.union(ConnectionSet.of(c.protocol(), c.port()));
                    }
                }
                return result;
            }
        }
    }
}
