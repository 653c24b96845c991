package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.net.Cidr;
import io.watasu.net.Cidrs;

import java.util.ArrayList;
import java.util.List;

/**
 * "The internet" as the platform sees it: every address outside the cluster ranges and link-local, as positive CIDR
 * blocks.
 */
public final class InternetRanges {
    /**
     * Link-local addresses are never the internet, listed in the cluster ranges or not: the node's side of every pod's
     * link, metadata services, node-local caches. The platform opens those it wants with {@code linkLocal}.
     */
    private static final List<Cidr> LINK_LOCAL = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));

    private InternetRanges() {
    }

    /**
     * The IPv4 complement of the cluster and link-local ranges, plus the IPv6 complement only when the cluster ranges
     * include an IPv6 block. Without an IPv6 cluster range we cannot tell a dual-stack cluster's own IPv6 pod
     * addresses from the internet, so IPv6 is left closed rather than opened to every pod.
     */
    public static List<String> of(Platform platform) {
        List<Cidr> cluster = new ArrayList<>(LINK_LOCAL);
        platform.clusterCidrs().forEach(c -> cluster.add(Cidr.parse(c)));
        List<Cidr> ranges = new ArrayList<>(Cidrs.complement(cluster, false));
        if (platform.dualStack()) {
            ranges.addAll(Cidrs.complement(cluster, true));
        }
        return ranges.stream().map(Cidr::toString).toList();
    }
}
