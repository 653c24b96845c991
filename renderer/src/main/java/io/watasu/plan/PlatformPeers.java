package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.net.Cidr;

import java.util.List;

/**
 * The peers that stand for platform components, where more than one planner names them. Every process of a render
 * asks about the same platform, so the answers for the last platform asked about are kept (immutable lists; a race
 * only computes them twice).
 */
public final class PlatformPeers {
    private static volatile Answers last;

    private PlatformPeers() {
    }

    /**
     * The ingress controller as policies see its traffic: its pods, or, when it runs in the nodes' network, the
     * node ranges (no pod selector matches traffic from a node address).
     */
    public static List<Peer> ingressController(Platform platform) {
        return answers(platform).ingressController();
    }

    /** The platform's scrapers, one peer each (namespace by name and pod labels). */
    public static List<Peer> scrapers(Platform platform) {
        return answers(platform).scrapers();
    }

    /** The Kubernetes API server's addresses. */
    public static List<Peer> apiServer(Platform platform) {
        return answers(platform).apiServer();
    }

    /** The internet: {@link InternetRanges#of}, one peer per block. */
    public static List<Peer> internet(Platform platform) {
        return answers(platform).internet();
    }

    private record Answers(Platform platform, List<Peer> ingressController, List<Peer> scrapers,
                           List<Peer> apiServer, List<Peer> internet) {
    }

    private static Answers answers(Platform platform) {
        Answers answers = last;
        if (answers == null || answers.platform() != platform) {
            answers = new Answers(platform, platform.ingress().hostNetwork() ? addresses(platform.nodeCidrs())
                    : List.of(Labels.platformPods(platform.ingress().pods())),
                    platform.scrapers().stream().map(Labels::platformPods).toList(),
                    addresses(platform.apiServer().addresses()),
                    InternetRanges.of(platform).stream().map(Peer::addresses).toList());
            last = answers;
        }
        return answers;
    }

    /** Address blocks as peers, in canonical form ({@code 169.254.20.10} becomes {@code 169.254.20.10/32}). */
    public static List<Peer> addresses(List<String> addresses) {
        return addresses.stream().map(a -> Peer.addresses(Cidr.parseAddressOrBlock(a).toString())).toList();
    }
}
