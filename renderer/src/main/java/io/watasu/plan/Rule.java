package io.watasu.plan;

import java.util.List;

/**
 * One ingress or egress rule: traffic to/from any of the peers, on any of the ports. The peer list is never empty
 * (empty would mean "everyone"); an empty port list means every port, which only the internet egress uses.
 */
public record Rule(List<Peer> peers, List<PortRule> ports) {
    public Rule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one peer");
        }
    }

    /** Peers given by label selectors, in order; read by templates. */
    public List<Peer> selectorPeers() {
        return peers.stream().filter(p -> p.cidr() == null).toList();
    }

    /** Address blocks of the peers given as CIDRs, in order; read by templates (one list, no per-peer branching). */
    public List<String> cidrs() {
        return peers.stream().map(Peer::cidr).filter(c -> c != null).toList();
    }
}
