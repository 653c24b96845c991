package io.watasu.verify;

import java.util.List;

/**
 * A NetworkPolicy ipBlock: the cidr minus every except range. The analysis covers IPv4; an IPv6 block is kept (its
 * rule must not turn into "any peer") with a null {@code cidr}, and matches no address.
 */
public record IpBlock(IpRange cidr, List<IpRange> except) {
    public static final IpBlock IPV6 = new IpBlock(null, List.of());

    public IpBlock {
        except = List.copyOf(except);
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
}
