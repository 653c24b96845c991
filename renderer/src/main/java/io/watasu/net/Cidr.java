package io.watasu.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address range in CIDR notation. Parsing never touches DNS: only address literals are accepted.
 */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final byte[] address;
    private final int prefixLength;

    private Cidr(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
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
        return new Cidr(bytes, Integer.parseInt(prefixText));
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
        return address.length == 4;
    }

    /** True when bits beyond the prefix are set (10.0.0.1/8): Kubernetes rejects such ranges. */
    public boolean hasHostBits() {
        return !Arrays.equals(address, network().address);
    }

    /** The same range with the host bits cleared (10.0.0.1/8 -> 10.0.0.0/8). */
    public Cidr network() {
        byte[] masked = address.clone();
        for (int bit = prefixLength; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Cidr(masked, prefixLength);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(address).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of length " + address.length, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + prefixLength;
    }
}
