package io.watasu.net;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CidrsTest {
    private static List<Cidr> parse(String... cidrs) {
        return List.of(cidrs).stream().map(Cidr::parse).toList();
    }

    private static List<String> complement(boolean ipv6, String... excluded) {
        return Cidrs.complement(parse(excluded), ipv6).stream().map(Cidr::toString).toList();
    }

    @Test
    void complementOfOneBlockIsTheBlocksAroundIt() {
        assertEquals(List.of("0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3",
                "64.0.0.0/2", "128.0.0.0/1"), complement(false, "10.0.0.0/8"));
    }

    @Test
    void complementOfTheDefaultClusterRangesHasNoClusterAddressAndEveryOtherOne() {
        List<String> result = complement(false, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
        assertEquals(40, result.size());
        assertEquals("0.0.0.0/5", result.get(0));
        assertEquals("224.0.0.0/3", result.get(result.size() - 1));
        assertEquals(true, result.contains("172.32.0.0/11"));
        assertEquals(true, result.contains("169.255.0.0/16"));
    }

    @Test
    void emptyAndFullExclusions() {
        assertEquals(List.of("0.0.0.0/0"), complement(false));
        assertEquals(List.of(), complement(false, "0.0.0.0/0"));
        assertEquals(List.of("::/0"), complement(true, "10.0.0.0/8"));
    }

    @Test
    void ipv6ComplementIsCompressedText() {
        assertEquals(List.of("::/1", "8000::/2", "c000::/3", "e000::/4", "f000::/5", "f800::/6", "fc00::/8",
                "fe00::/7"), complement(true, "fd00::/8", "10.0.0.0/8"));
    }

    @Test
    void overlappingAndNestedExclusionsAreMerged() {
        assertEquals(complement(false, "10.0.0.0/8"), complement(false, "10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/9"));
    }

    /** For random exclusions and random addresses: an address is in the complement iff it is in no exclusion. */
    @Test
    void complementIsExactAndMinimalForRandomInputs() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            boolean ipv6 = random.nextInt(4) == 0;
            int bits = ipv6 ? 128 : 32;
            List<Cidr> excluded = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                int prefix = 1 + random.nextInt(bits);
                excluded.add(Cidr.parse(address(new BigInteger(bits, random), ipv6) + "/" + prefix).network());
            }
            List<Cidr> result = Cidrs.complement(excluded, ipv6);
            for (int probe = 0; probe < 200; probe++) {
                BigInteger address = new BigInteger(bits, random);
                if (probe % 2 == 0 && !excluded.isEmpty()) {
                    // Probe the edges of excluded blocks too, where off-by-one errors live.
                    Cidr block = excluded.get(random.nextInt(excluded.size()));
                    BigInteger edge = random.nextBoolean() ? block.first() : block.last();
                    address = edge.add(BigInteger.valueOf(random.nextInt(3) - 1))
                            .max(BigInteger.ZERO).min(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
                }
                BigInteger a = address;
                boolean inExcluded = excluded.stream().anyMatch(c -> c.contains(a));
                long covering = result.stream().filter(c -> c.contains(a)).count();
                assertEquals(inExcluded ? 0 : 1, covering, "address " + address(a, ipv6) + " excluded=" + excluded);
            }
            for (int i = 1; i < result.size(); i++) {
                Cidr previous = result.get(i - 1);
                Cidr current = result.get(i);
                boolean adjacentBuddies = previous.prefixLength() == current.prefixLength()
                        && previous.last().add(BigInteger.ONE).equals(current.first())
                        && !previous.first().testBit(previous.addressBits() - previous.prefixLength());
                assertFalse(adjacentBuddies, "not minimal: " + previous + " and " + current + " would merge");
            }
        }
    }

    @Test
    void parseKeepsHostBitsVisibleAndNetworkClearsThem() {
        Cidr cidr = Cidr.parse("10.1.2.3/8");
        assertEquals(true, cidr.hasHostBits());
        assertEquals("10.0.0.0/8", cidr.network().toString());
        assertNotEquals(cidr, cidr.network());
        assertEquals("2001:db8::/32", Cidr.parse("2001:0db8:0:0:0:0:0:0/32").toString());
        assertEquals("2001:db8:0:1::/64", Cidr.parse("2001:db8:0:1:0:0:0:0/64").toString());
    }

    private static String address(BigInteger value, boolean ipv6) {
        if (!ipv6) {
            long v = value.longValue();
            return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            text.append(Integer.toHexString(value.shiftRight(16 * i).intValue() & 0xffff)).append(i > 0 ? ":" : "");
        }
        return text.toString();
    }

    @Test
    void coversIsTrueExactlyWhenTheComplementMissesTheBlock() {
        assertEquals(true, Cidrs.covers(parse("169.254.0.0/17", "169.254.128.0/17"), Cidr.parse("169.254.0.0/16")));
        assertEquals(true, Cidrs.covers(parse("0.0.0.0/0"), Cidr.parse("169.254.0.0/16")));
        assertEquals(false, Cidrs.covers(parse("169.254.0.0/17", "fe80::/10"), Cidr.parse("169.254.0.0/16")));
        assertEquals(false, Cidrs.covers(parse("10.0.0.0/8"), Cidr.parse("fe80::/10")));
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<Cidr> blocks = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                blocks.add(Cidr.parse("10." + random.nextInt(4) + "." + random.nextInt(4) * 64 + ".0/" + (14 + random.nextInt(12)))
                        .network());
            }
            Cidr target = Cidr.parse("10." + random.nextInt(4) + ".0.0/" + (14 + random.nextInt(4))).network();
            boolean byComplement = Cidrs.complement(blocks, false).stream()
                    .noneMatch(gap -> gap.first().compareTo(target.last()) <= 0 && target.first().compareTo(gap.last()) <= 0);
            assertEquals(byComplement, Cidrs.covers(blocks, target), blocks + " covering " + target);
        }
    }
}
