package io.watasu.net;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation. Parsing never touches DNS: only address literals are accepted.
 * Addresses are kept as unsigned numbers so that ranges can be compared and split ({@link Cidrs}).
 */
public final class Cidr implements Comparable<Cidr> {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final boolean ipv6;
    private final BigInteger address;
    private final int prefixLength;
    /** Bounds computed once: range checks run in tight loops. */
    private final BigInteger first;
    private final BigInteger last;

    private Cidr(boolean ipv6, BigInteger address, int prefixLength) {
        this.ipv6 = ipv6;
        this.address = address;
        this.prefixLength = prefixLength;
        BigInteger hostMask = BigInteger.ONE.shiftLeft((ipv6 ? 128 : 32) - prefixLength).subtract(BigInteger.ONE);
        this.first = address.andNot(hostMask);
        this.last = first.or(hostMask);
    }

    /** The block of {@code 2^(bits - prefixLength)} addresses starting at {@code network} (host bits must be 0). */
    static Cidr of(boolean ipv6, BigInteger network, int prefixLength) {
        Cidr cidr = new Cidr(ipv6, network, prefixLength);
        if (cidr.hasHostBits()) {
            throw new IllegalArgumentException("host bits set in " + cidr);
        }
        return cidr;
    }

    /** The whole address space of a family: {@code 0.0.0.0/0} or {@code ::/0}. */
    public static Cidr all(boolean ipv6) {
        return new Cidr(ipv6, BigInteger.ZERO, 0);
    }

    /**
     * Parses {@code address/prefix}.
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("missing '/prefix' (e.g. " + text + "/32)");
        }
        String addressText = text.substring(0, slash);
        String prefixText = text.substring(slash + 1);
        byte[] bytes = parseAddress(addressText);
        int maxPrefix = bytes.length * 8;
        if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > maxPrefix) {
            throw new IllegalArgumentException("prefix length '" + prefixText + "' must be a number from 0 to " + maxPrefix);
        }
        return new Cidr(bytes.length == 16, new BigInteger(1, bytes), Integer.parseInt(prefixText));
    }

    /**
     * Parses {@code address/prefix}, or a single address without a prefix as the block of that address alone
     * ({@code 169.254.20.10} is {@code 169.254.20.10/32}).
     *
     * @throws IllegalArgumentException with a reason a user can act on
     */
    public static Cidr parseAddressOrBlock(String text) {
        if (text.indexOf('/') >= 0) {
            return parse(text);
        }
        byte[] bytes = parseAddress(text);
        return new Cidr(bytes.length == 16, new BigInteger(1, bytes), bytes.length * 8);
    }

    private static byte[] parseAddress(String text) {
        if (text.indexOf(':') < 0) {
            if (!IPV4.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
            }
            String[] octets = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (" + octet + " > 255)");
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (text.indexOf('%') >= 0 || text.startsWith("[")) {
            throw new IllegalArgumentException("'" + text + "' is not a plain IPv6 address");
        }
        try {
            // A literal containing ':' is parsed as IPv6 without any name lookup.
            InetAddress parsed = InetAddress.getByName(text);
            if (parsed instanceof Inet4Address) {
                throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped address; write the IPv4 range instead");
            }
            return parsed.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv6 address");
        }
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return !ipv6;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    public int addressBits() {
        return ipv6 ? 128 : 32;
    }

    /** True when bits beyond the prefix are set (10.0.0.1/8): Kubernetes rejects such ranges. */
    public boolean hasHostBits() {
        return !address.equals(first());
    }

    /** The same range with the host bits cleared (10.0.0.1/8 -> 10.0.0.0/8). */
    public Cidr network() {
        return new Cidr(ipv6, first(), prefixLength);
    }

    /** First address of the range, as an unsigned number. */
    public BigInteger first() {
        return first;
    }

    /** Last address of the range, as an unsigned number. */
    public BigInteger last() {
        return last;
    }

    public boolean contains(BigInteger anAddress) {
        return anAddress.compareTo(first) >= 0 && anAddress.compareTo(last) <= 0;
    }

    /** IPv4 first, then by first address, then wider ranges first. */
    @Override
    public int compareTo(Cidr other) {
        if (ipv6 != other.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int byAddress = address.compareTo(other.address);
        return byAddress != 0 ? byAddress : Integer.compare(prefixLength, other.prefixLength);
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6 ({@code 2001:db8::/32}). */
    @Override
    public String toString() {
        return (ipv6 ? ipv6Text(address) : ipv4Text(address)) + "/" + prefixLength;
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
        int bestLength = 1; // RFC 5952: a lone zero group is written out, not compressed
        for (int i = 0; i < 8; i++) {
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(i, end);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && ipv6 == other.ipv6 && prefixLength == other.prefixLength
                && address.equals(other.address);
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + prefixLength + (ipv6 ? 1 : 0);
    }
}
