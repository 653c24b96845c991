package io.watasu.verify;

import java.math.BigInteger;

/**
 * A closed interval of IPv6 addresses. The connection analysis is IPv4 ({@link IpRange}); IPv6 blocks are only checked
 * against the cluster's IPv6 ranges, which needs no more than intervals.
 */
public record Ipv6Range(BigInteger first, BigInteger last) {
    private static final int BITS = 128;
    private static final int GROUPS = 8;
    private static final BigInteger ALL_ONES = BigInteger.ONE.shiftLeft(BITS).subtract(BigInteger.ONE);

    public Ipv6Range {
        if (first.signum() < 0 || last.compareTo(ALL_ONES) > 0 || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("bad IPv6 range " + first + "-" + last);
        }
    }

    /** Parses {@code address/n}; throws IllegalArgumentException with a readable message when malformed. */
    public static Ipv6Range parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (expected an IPv6 address/n)");
        }
        BigInteger address = parseAddress(cidr.substring(0, slash), cidr);
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > BITS) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-128");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(BITS - prefix).subtract(BigInteger.ONE);
        BigInteger network = address.andNot(hostMask);
        return new Ipv6Range(network, network.or(hostMask));
    }

    /** Eight groups of hex digits, one {@code ::} for a run of zero groups, optionally a dotted IPv4 tail. */
    private static BigInteger parseAddress(String text, String cidr) {
        IllegalArgumentException malformed = new IllegalArgumentException("'" + cidr + "' is not an IPv6 CIDR");
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            throw malformed;
        }
        int[] head = groups(halves[0], halves.length == 1, malformed);
        int[] tail = halves.length == 2 ? groups(halves[1], true, malformed) : new int[0];
        int written = head.length + tail.length;
        if (halves.length == 1 ? written != GROUPS : written > GROUPS - 1) {
            throw malformed;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < GROUPS; i++) {
            int group = i < head.length ? head[i] : i >= GROUPS - tail.length ? tail[i - (GROUPS - tail.length)] : 0;
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return value;
    }

    /** The 16-bit groups of one side of {@code ::}; an IPv4 tail counts as two groups and may only end the address. */
    private static int[] groups(String part, boolean mayEndInIpv4, IllegalArgumentException malformed) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        boolean ipv4Tail = mayEndInIpv4 && texts[texts.length - 1].contains(".");
        int[] groups = new int[texts.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < texts.length; i++) {
            String group = texts[i];
            if (ipv4Tail && i == texts.length - 1) {
                long ipv4 = IpRange.parseAddress(group);
                groups[i] = (int) (ipv4 >>> 16);
                groups[i + 1] = (int) (ipv4 & 0xFFFF);
            } else if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(Ipv6Range::isHexDigit)) {
                throw malformed;
            } else {
                groups[i] = Integer.parseInt(group, 16);
            }
        }
        return groups;
    }

    /** {@code fd00::/8} for an aligned block, else {@code first-last}; addresses in the shortest form (RFC 5952). */
    public String format() {
        BigInteger size = last.subtract(first).add(BigInteger.ONE);
        if (size.bitCount() == 1 && first.mod(size).signum() == 0) {
            return formatAddress(first) + "/" + (BITS - size.bitLength() + 1);
        }
        return formatAddress(first) + "-" + formatAddress(last);
    }

    private static String formatAddress(BigInteger address) {
        int[] groups = new int[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = address.shiftRight(16 * (GROUPS - 1 - i)).intValue() & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < GROUPS; ) {
            int j = i;
            while (j < GROUPS && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
            } else {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(groups[i]));
            }
        }
        return out.toString();
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    public boolean overlaps(Ipv6Range other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }
}
