package io.watasu.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block. Host bits are cleared on parsing, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}:
 * the block the text names, never a narrower one.
 *
 * @param ipv6         the address family
 * @param network      the first address of the block, as an unsigned number
 * @param prefixLength number of fixed leading bits
 */
public record Cidr(boolean ipv6, BigInteger network, int prefixLength) implements Comparable<Cidr> {
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]+");

    public Cidr {
        int bits = ipv6 ? 128 : 32;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        network = network.andNot(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
    }

    /** The whole address space of a family: {@code 0.0.0.0/0} or {@code ::/0}. */
    public static Cidr all(boolean ipv6) {
        return new Cidr(ipv6, BigInteger.ZERO, 0);
    }

    /** Parses {@code a.b.c.d/n} or {@code x:y::z/n}; throws IllegalArgumentException with the reason. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (missing /prefix): " + text);
        }
        String address = text.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR (bad prefix length): " + text);
        }
        boolean v6 = address.contains(":");
        BigInteger value = v6 ? parseIpv6(address, text) : parseIpv4(address, text);
        if (prefix < 0 || prefix > (v6 ? 128 : 32)) {
            throw new IllegalArgumentException("not a CIDR (prefix length out of range): " + text);
        }
        return new Cidr(v6, value, prefix);
    }

    private static BigInteger parseIpv4(String address, String text) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a CIDR (bad IPv4 address): " + text);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not a CIDR (bad IPv4 address): " + text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not a CIDR (bad IPv4 address): " + text);
            }
            value = value << 8 | octet;
        }
        return BigInteger.valueOf(value);
    }

    private static BigInteger parseIpv6(String address, String text) {
        // The pattern check keeps InetAddress from ever resolving a host name.
        if (!IPV6_TEXT.matcher(address).matches()) {
            throw new IllegalArgumentException("not a CIDR (bad IPv6 address): " + text);
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                throw new IllegalArgumentException("not a CIDR (IPv4-mapped IPv6 address): " + text);
            }
            return new BigInteger(1, parsed.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a CIDR (bad IPv6 address): " + text);
        }
    }

    public int addressBits() {
        return ipv6 ? 128 : 32;
    }

    public BigInteger first() {
        return network;
    }

    public BigInteger last() {
        return network.add(BigInteger.ONE.shiftLeft(addressBits() - prefixLength)).subtract(BigInteger.ONE);
    }

    public boolean contains(BigInteger address) {
        return address.compareTo(first()) >= 0 && address.compareTo(last()) <= 0;
    }

    /** IPv4 first, then by network address, then wider blocks first. */
    @Override
    public int compareTo(Cidr other) {
        if (ipv6 != other.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6. */
    @Override
    public String toString() {
        return (ipv6 ? ipv6Text(network) : ipv4Text(network)) + "/" + prefixLength;
    }

    private static String ipv4Text(BigInteger value) {
        long v = value.longValue();
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }

    private static String ipv6Text(BigInteger value) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
