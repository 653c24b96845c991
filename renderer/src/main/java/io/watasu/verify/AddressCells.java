package io.watasu.verify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * External address ranges grouped into cells of identical treatment. The policies decide about a range rule by rule,
 * by whether any block a rule names holds it; the contract, by the family and the ranges it names that hold it. Two
 * ranges of one family that lie in the blocks of exactly the same rules and in exactly the same contract ranges are
 * therefore treated alike by every policy and by the contract, and judging one range per cell (its representative,
 * the first in address order) judges them all.
 *
 * <p>Example: the internet rendered as the CIDRs around the cluster ranges, in one egress rule, cuts IPv4 into
 * dozens of ranges; those CIDRs are one cell, the cluster ranges between them another, each DNS address its own.
 */
final class AddressCells {
    private final List<IpRange> representatives;
    private final Map<IpRange, IpRange> representativeOf;
    private final Map<IpRange, List<IpRange>> members;

    private AddressCells(List<IpRange> representatives, Map<IpRange, IpRange> representativeOf,
                         Map<IpRange, List<IpRange>> members) {
        this.representatives = representatives;
        this.representativeOf = representativeOf;
        this.members = members;
    }

    /**
     * @param ranges         the address space cut at every bound of the blocks and of {@code contractRanges}, so that
     *                       each range lies wholly inside or outside each of them
     * @param blockGroups    the blocks of each policy rule of the direction judged (see
     *                       {@link ConnectivityAnalyzer#blockGroups})
     * @param contractRanges every range the contract says something about
     */
    static AddressCells of(List<IpRange> ranges, Collection<List<IpBlock>> blockGroups,
                           List<IpRange> contractRanges) {
        List<List<IpBlock>> groups = List.copyOf(blockGroups);
        Map<BitSet, List<IpRange>> cells = new LinkedHashMap<>();
        for (IpRange range : ranges) {
            BitSet signature = new BitSet();
            signature.set(0, range.ipv6());
            for (int i = 0; i < groups.size(); i++) {
                signature.set(1 + i, anyContains(groups.get(i), range));
            }
            for (int i = 0; i < contractRanges.size(); i++) {
                signature.set(1 + groups.size() + i, contractRanges.get(i).contains(range));
            }
            cells.computeIfAbsent(signature, s -> new ArrayList<>()).add(range);
        }
        List<IpRange> representatives = new ArrayList<>();
        Map<IpRange, IpRange> representativeOf = new HashMap<>();
        Map<IpRange, List<IpRange>> members = new HashMap<>();
        for (List<IpRange> cell : cells.values()) {
            IpRange representative = cell.get(0);
            representatives.add(representative);
            members.put(representative, List.copyOf(cell));
            cell.forEach(r -> representativeOf.put(r, representative));
        }
        return new AddressCells(List.copyOf(representatives), representativeOf, members);
    }

    private static boolean anyContains(List<IpBlock> blocks, IpRange range) {
        for (IpBlock block : blocks) {
            if (block.contains(range)) {
                return true;
            }
        }
        return false;
    }

    /** One range per cell, in the order of the cells' first ranges. */
    List<IpRange> representatives() {
        return representatives;
    }

    /** The range (one of those the cells were made of) holding {@code address}. */
    IpRange holding(IpAddress address) {
        for (IpRange range : representativeOf.keySet()) {
            if (range.first().compareTo(address) <= 0 && address.compareTo(range.last()) <= 0) {
                return range;
            }
        }
        throw new IllegalArgumentException(address + " is in no range cut");
    }

    /** The representative of the cell holding {@code range}, one of the ranges the cells were made of. */
    IpRange representative(IpRange range) {
        IpRange representative = representativeOf.get(range);
        if (representative == null) {
            throw new IllegalArgumentException(range.format() + " is not one of the ranges cut");
        }
        return representative;
    }

    /** The ranges of the cell that {@code representative} stands for, in address order. */
    List<IpRange> members(IpRange representative) {
        return members.get(representative);
    }
}
