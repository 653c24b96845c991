package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.net.Cidr;

import java.util.List;

/** The peers that stand for platform components, where more than one planner names them. */
public final class PlatformPeers {
    private PlatformPeers() {
    }

    /**
     * The ingress controller as policies see its traffic: its pods, or, when it runs in the nodes' network, the
     * node ranges (no pod selector matches traffic from a node address).
     */
    public static List<Peer> ingressController(Platform platform) {
        return platform.ingress().hostNetwork() ? addresses(platform.nodeCidrs())
                : List.of(Labels.platformPods(platform.ingress().pods()));
    }

    /** Address blocks as peers, in canonical form ({@code 169.254.20.10} becomes {@code 169.254.20.10/32}). */
    public static List<Peer> addresses(List<String> addresses) {
        return addresses.stream().map(a -> Peer.addresses(Cidr.parseAddressOrBlock(a).toString())).toList();
    }
}
