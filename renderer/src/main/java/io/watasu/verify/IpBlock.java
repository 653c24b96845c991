package io.watasu.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A set of external addresses named by a policy: a NetworkPolicy ipBlock (the cidr minus every except range, excepts
 * of the other family ignored) or one CIDR of an AdminNetworkPolicy's {@code networks}.
 */
public record IpBlock(IpRange cidr, List<IpRange> except) {
    public IpBlock {
        except = List.copyOf(except);
    }

    public boolean ipv6() {
        return cidr.ipv6();
    }

    // Spelled out for speed under C1: blocks are deduplicated when the address space is cut.
    @Override
    public boolean equals(Object o) {
        return o instanceof IpBlock other && cidr.equals(other.cidr) && except.equals(other.except);
    }

    @Override
    public int hashCode() {
        return 31 * cidr.hashCode() + except.hashCode();
    }

    /** True when every address of {@code range} is in the block; ranges come pre-split at block boundaries. */
    public boolean contains(IpRange range) {
        if (!cidr.contains(range)) {
            return false;
        }
        for (IpRange e : except) { // a loop: this runs for every policy x external range
            if (e.overlaps(range)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The block as disjoint intervals in address order: the cidr cut by the union of the excepts, so that adjacent or
     * overlapping excepts leave no interval between them ({@code 10.0.0.0/8} except {@code 10.0.0.0/9} and
     * {@code 10.128.0.0/9} is empty).
     */
    public List<IpRange> intervals() {
        List<IpRange> sorted = new ArrayList<>(except);
        sorted.sort(Comparator.comparing(IpRange::first));
        List<IpRange> result = new ArrayList<>();
        IpAddress next = cidr.first();
        boolean exhausted = false;
        for (IpRange e : sorted) {
            if (exhausted || !e.overlaps(cidr)) {
                continue;
            }
            if (e.first().compareTo(next) > 0) {
                result.add(new IpRange(next, e.first().previous()));
            }
            if (e.last().compareTo(cidr.last()) >= 0) {
                exhausted = true;
            } else if (e.last().compareTo(next) >= 0) {
                next = e.last().next();
            }
        }
        if (!exhausted) {
            result.add(new IpRange(next, cidr.last()));
        }
        return result;
    }
}
