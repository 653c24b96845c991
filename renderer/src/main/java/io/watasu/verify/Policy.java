package io.watasu.verify;

import io.watasu.config.SourcePosition;

import java.util.List;

/**
 * A networking.k8s.io/v1 NetworkPolicy as the analysis needs it.
 *
 * @param affectsIngress policyTypes includes Ingress (explicitly, or by default)
 * @param affectsEgress  policyTypes includes Egress (explicitly, or because egress rules are present)
 * @param at             where the object starts; null for policies the verifier makes up
 */
public record Policy(String namespace, String name, LabelSelector podSelector, boolean affectsIngress,
                     boolean affectsEgress, List<Rule> ingress, List<Rule> egress, SourcePosition at) {
    public Policy {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }

    public List<Rule> rules(boolean ingressDirection) {
        return ingressDirection ? ingress : egress;
    }

    /** One ingress or egress rule: OR of peers (none = any peer), OR of ports (none = any port). */
    public record Rule(List<Peer> peers, List<PolicyPort> ports, SourcePosition at) {
        public Rule {
            peers = List.copyOf(peers);
            ports = List.copyOf(ports);
        }

        public boolean anyPeer() {
            return peers.isEmpty();
        }

        /** The connections this rule opens towards a pod with these container ports (named ports resolved). */
        public ConnectionSet connections(List<Workload.ContainerPort> destinationPorts) {
            if (ports.isEmpty()) {
                return ConnectionSet.ALL;
            }
            ConnectionSet result = ConnectionSet.NONE;
            for (int i = 0; i < ports.size(); i++) { // indexed: this runs for every evaluated pair
                result = result.union(ports.get(i).resolve(destinationPorts));
            }
            return result;
        }
    }

    /**
     * One peer: either an ipBlock, or pod/namespace selectors AND-ed. A null podSelector means all pods; a null
     * namespaceSelector means the policy's own namespace.
     */
    public record Peer(LabelSelector podSelector, LabelSelector namespaceSelector, IpBlock ipBlock) {
    }

    /**
     * One ports item. {@code port} and {@code portName} are both null for "every port of the protocol";
     * {@code endPort} is null unless a range is given.
     */
    public record PolicyPort(Protocol protocol, Integer port, String portName, Integer endPort) {
        ConnectionSet resolve(List<Workload.ContainerPort> destinationPorts) {
            if (portName != null) {
                ConnectionSet result = ConnectionSet.NONE;
                for (Workload.ContainerPort c : destinationPorts) {
                    if (portName.equals(c.name()) && c.protocol() == protocol) {
                        result = result.union(ConnectionSet.of(protocol, c.port()));
                    }
                }
                return result;
            }
            if (port == null) {
                return ConnectionSet.of(protocol, PortSet.ALL);
            }
            return ConnectionSet.of(protocol, PortSet.range(port, endPort == null ? port : endPort));
        }
    }
}
