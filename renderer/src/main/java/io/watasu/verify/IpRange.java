package io.watasu.verify;

/** A closed interval of addresses of one family (IPv4 or IPv6). */
public record IpRange(IpAddress first, IpAddress last) implements PolicyEngine.Counterpart {
    public static final IpRange ALL_IPV4 = new IpRange(IpAddress.IPV4_FIRST, IpAddress.IPV4_LAST);
    public static final IpRange ALL_IPV6 = new IpRange(IpAddress.IPV6_FIRST, IpAddress.IPV6_LAST);

    public IpRange {
        if (first.ipv6() != last.ipv6() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("bad address range " + first + "-" + last);
        }
    }

    /**
     * Parses {@code a.b.c.d/n} or {@code x:y::z/n}; host bits are ignored, as Kubernetes does. Throws
     * IllegalArgumentException with a readable message when malformed.
     */
    public static IpRange parseCidr(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not a CIDR (expected a.b.c.d/n or x:y::z/n)");
        }
        IpAddress address = IpAddress.parse(cidr.substring(0, slash));
        int prefix = slash + 1 < cidr.length() && cidr.length() - slash <= 4 ? 0 : -1;
        for (int i = slash + 1; i < cidr.length() && prefix >= 0; i++) {
            char c = cidr.charAt(i);
            prefix = c >= '0' && c <= '9' ? prefix * 10 + (c - '0') : -1;
        }
        if (prefix < 0 || prefix > address.bits()) {
            throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0-" + address.bits());
        }
        return new IpRange(address.withHostBits(prefix, false), address.withHostBits(prefix, true));
    }

    public static IpRange single(String address) {
        IpAddress a = IpAddress.parse(address);
        return new IpRange(a, a);
    }

    public boolean ipv6() {
        return first.ipv6();
    }

    public boolean contains(IpRange other) {
        return first.compareTo(other.first) <= 0 && other.last.compareTo(last) <= 0;
    }

    public boolean overlaps(IpRange other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    // Spelled out for speed under C1, as in IpAddress.
    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other && first.equals(other.first) && last.equals(other.last);
    }

    @Override
    public int hashCode() {
        return 31 * first.hashCode() + last.hashCode();
    }

    /** {@code 10.0.0.0-10.9.255.255}: how the analyzer names an external peer (without the kind suffix). */
    public String format() {
        return first + "-" + last;
    }

    @Override
    public String toString() {
        return format();
    }
}
