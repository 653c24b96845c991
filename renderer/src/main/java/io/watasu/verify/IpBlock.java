package io.watasu.verify;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A NetworkPolicy ipBlock: the cidr minus every except range. The connection analysis covers IPv4; an IPv6 block
 * matches no IPv4 address (its rule must not turn into "any peer"), and keeps its ranges ({@code ipv6Cidr},
 * {@code ipv6Except}) for the check of what it admits inside the cluster's IPv6 ranges.
 *
 * @param cidr   the IPv4 block, or null for an IPv6 one
 * @param except the IPv4 except ranges
 */
public record IpBlock(IpRange cidr, List<IpRange> except, Ipv6Range ipv6Cidr, List<Ipv6Range> ipv6Except) {
    public IpBlock {
        except = List.copyOf(except);
        ipv6Except = List.copyOf(ipv6Except);
    }

    public static IpBlock ipv4(IpRange cidr, List<IpRange> except) {
        return new IpBlock(cidr, except, null, List.of());
    }

    public static IpBlock ipv6(Ipv6Range cidr, List<Ipv6Range> except) {
        return new IpBlock(null, List.of(), cidr, except);
    }

    /** True when every address of {@code range} is in the block; ranges come pre-split at block boundaries. */
    public boolean contains(IpRange range) {
        if (cidr == null || !cidr.contains(range)) {
            return false;
        }
        for (IpRange e : except) {
            if (e.overlaps(range)) {
                return false;
            }
        }
        return true;
    }

    /** True when the IPv6 block admits some address of {@code range}: its cidr meets it beyond every except. */
    public boolean admitsSomeOf(Ipv6Range range) {
        if (ipv6Cidr == null || !ipv6Cidr.overlaps(range)) {
            return false;
        }
        BigInteger next = ipv6Cidr.first().max(range.first());
        BigInteger last = ipv6Cidr.last().min(range.last());
        List<Ipv6Range> holes = new ArrayList<>(ipv6Except);
        holes.sort(Comparator.comparing(Ipv6Range::first));
        for (Ipv6Range hole : holes) {
            if (hole.first().compareTo(next) > 0) {
                break; // an address from next up to the hole is admitted
            }
            if (hole.last().compareTo(next) >= 0) {
                next = hole.last().add(BigInteger.ONE);
            }
        }
        return next.compareTo(last) <= 0;
    }
}
