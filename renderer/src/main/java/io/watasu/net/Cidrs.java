package io.watasu.net;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Address-set arithmetic on CIDR blocks. */
public final class Cidrs {
    private Cidrs() {
    }

    /**
     * The smallest list of CIDR blocks that covers exactly the addresses of one family NOT in {@code excluded}
     * (blocks of the other family in {@code excluded} are ignored), sorted by address. Used instead of
     * {@code ipBlock.except}, which some CNIs ignore: positive blocks mean the same thing to every implementation.
     */
    public static List<Cidr> complement(List<Cidr> excluded, boolean ipv6) {
        List<Cidr> sameFamily = excluded.stream()
                .filter(c -> c.isIpv6() == ipv6)
                .sorted(Comparator.comparing(Cidr::first))
                .toList();
        Cidr universe = Cidr.all(ipv6);
        List<Cidr> result = new ArrayList<>();
        BigInteger next = universe.first();
        for (Cidr block : sameFamily) {
            if (block.first().compareTo(next) > 0) {
                addRange(next, block.first().subtract(BigInteger.ONE), ipv6, result);
            }
            BigInteger afterBlock = block.last().add(BigInteger.ONE);
            if (afterBlock.compareTo(next) > 0) {
                next = afterBlock;
            }
        }
        if (next.compareTo(universe.last()) <= 0) {
            addRange(next, universe.last(), ipv6, result);
        }
        return List.copyOf(result);
    }

    /** True when {@code blocks} together hold every address of {@code block} (blocks of the other family are ignored). */
    public static boolean covers(List<Cidr> blocks, Cidr block) {
        List<Cidr> sameFamily = blocks.stream()
                .filter(c -> c.isIpv6() == block.isIpv6())
                .sorted(Comparator.comparing(Cidr::first))
                .toList();
        BigInteger next = block.first(); // the first address not yet known to be covered
        for (Cidr candidate : sameFamily) {
            if (candidate.first().compareTo(next) > 0) {
                break; // sorted: nothing later covers next
            }
            if (candidate.last().compareTo(next) >= 0) {
                next = candidate.last().add(BigInteger.ONE);
                if (next.compareTo(block.last()) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Splits the inclusive range [from, to] into the fewest aligned blocks. */
    private static void addRange(BigInteger from, BigInteger to, boolean ipv6, List<Cidr> out) {
        int bits = ipv6 ? 128 : 32;
        BigInteger start = from;
        while (start.compareTo(to) <= 0) {
            int alignment = start.signum() == 0 ? bits : start.getLowestSetBit();
            int fitting = to.subtract(start).add(BigInteger.ONE).bitLength() - 1;
            int size = Math.min(alignment, fitting);
            out.add(Cidr.of(ipv6, start, bits - size));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
    }
}
