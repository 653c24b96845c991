package io.watasu.verify;

/** A closed interval of IPv4 addresses, held as unsigned 32-bit values in longs. */
public record IpRange(long first, long last) {
    public static final long MAX_ADDRESS = 0xFFFF_FFFFL;

    public IpRange {
        if (first < 0 || last > MAX_ADDRESS || first > last) {
            throw new IllegalArgumentException("bad IPv4 range " + first + "-" + last);
        }
    }

    /** Parses {@code a.b.c.d/n}; throws IllegalArgumentException with a readable message when malformed. */
    public static IpRange parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (expected a.b.c.d/n)");
        }
        long address = parseAddress(cidr.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-32");
        }
        long size = 1L << (32 - prefix);
        long network = address & ~(size - 1) & MAX_ADDRESS;
        return new IpRange(network, network + size - 1);
    }

    public static IpRange single(String address) {
        long a = parseAddress(address);
        return new IpRange(a, a);
    }

    public static long parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        long value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = part.isEmpty() || part.length() > 3 ? -1 : Integer.parseInt(part);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String formatAddress(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    public boolean contains(IpRange other) {
        return first <= other.first && other.last <= last;
    }

    public boolean overlaps(IpRange other) {
        return first <= other.last && other.first <= last;
    }

    /** {@code 10.0.0.0-10.9.255.255}: how the analyzer names an external peer (without the kind suffix). */
    public String format() {
        return formatAddress(first) + "-" + formatAddress(last);
    }
}
