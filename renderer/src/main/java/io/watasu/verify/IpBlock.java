package io.watasu.verify;

import java.util.List;

/** A NetworkPolicy ipBlock: the cidr minus every except range. */
public record IpBlock(IpRange cidr, List<IpRange> except) {
    public IpBlock {
        except = List.copyOf(except);
    }

    /** True when every address of {@code range} is in the block; ranges come pre-split at block boundaries. */
    public boolean contains(IpRange range) {
        if (!cidr.contains(range)) {
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
