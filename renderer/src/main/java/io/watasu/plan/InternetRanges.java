package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.net.Cidr;
import io.watasu.net.Cidrs;

import java.util.ArrayList;
import java.util.List;

/** "The internet" as the platform sees it: every address outside the cluster ranges, as positive CIDR blocks. */
public final class InternetRanges {
    private InternetRanges() {
    }

    /**
     * The IPv4 complement of the cluster ranges, plus the IPv6 complement only when the cluster ranges include an
     * IPv6 block. Without an IPv6 cluster range we cannot tell a dual-stack cluster's own IPv6 pod addresses from
     * the internet, so IPv6 is left closed rather than opened to every pod.
     */
    public static List<String> of(Platform platform) {
        List<Cidr> cluster = platform.clusterCidrs().stream().map(Cidr::parse).toList();
        List<Cidr> ranges = new ArrayList<>(Cidrs.complement(cluster, false));
        if (cluster.stream().anyMatch(Cidr::isIpv6)) {
            ranges.addAll(Cidrs.complement(cluster, true));
        }
        return ranges.stream().map(Cidr::toString).toList();
    }

    public static List<Peer> peers(Platform platform) {
        return of(platform).stream().map(Peer::addresses).toList();
    }
}
