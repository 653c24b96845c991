package io.watasu.verify;

/**
 * An IPv4 or IPv6 address as an unsigned 128-bit number ({@code high}, {@code low}); an IPv4 address lives in the
 * low 32 bits. The two families are separate spaces: every IPv4 address sorts before every IPv6 address.
 */
public record IpAddress(boolean ipv6, long high, long low) implements Comparable<IpAddress> {
    public static final IpAddress IPV4_FIRST = new IpAddress(false, 0, 0);
    public static final IpAddress IPV4_LAST = new IpAddress(false, 0, 0xFFFF_FFFFL);
    public static final IpAddress IPV6_FIRST = new IpAddress(true, 0, 0);
    public static final IpAddress IPV6_LAST = new IpAddress(true, -1L, -1L);

    public IpAddress {
        if (!ipv6 && (high != 0 || low < 0 || low > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("not an IPv4 address value: " + low);
        }
    }

    private static IpAddress ipv4(long value) {
        return new IpAddress(false, 0, value);
    }

    /** Parses a dotted IPv4 or a colon-separated IPv6 address; IllegalArgumentException with a readable message. */
    public static IpAddress parse(String text) {
        return text.indexOf(':') >= 0 ? parseIpv6(text) : ipv4(parseIpv4(text, text));
    }

    public int bits() {
        return ipv6 ? 128 : 32;
    }

    public boolean isLast() {
        return ipv6 ? high == -1L && low == -1L : low == 0xFFFF_FFFFL;
    }

    /** The next address of the same family; must not be called on the last one. */
    public IpAddress next() {
        long nextLow = low + 1;
        return new IpAddress(ipv6, nextLow == 0 ? high + 1 : high, ipv6 ? nextLow : nextLow & 0xFFFF_FFFFL);
    }

    /** The previous address of the same family; must not be called on the first one. */
    public IpAddress previous() {
        return new IpAddress(ipv6, low == 0 ? high - 1 : high, low - 1);
    }

    /** This address with the lowest {@code 128 - prefix} (IPv4: {@code 32 - prefix}) bits set to {@code ones}. */
    IpAddress withHostBits(int prefix, boolean ones) {
        int hostBits = bits() - prefix;
        long highMask = hostBits <= 64 ? 0 : hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1;
        long lowMask = hostBits >= 64 ? -1L : hostBits == 0 ? 0 : (1L << hostBits) - 1;
        if (!ipv6) {
            lowMask &= 0xFFFF_FFFFL;
        }
        return ones ? new IpAddress(ipv6, high | highMask, low | lowMask)
                : new IpAddress(ipv6, high & ~highMask, low & ~lowMask);
    }

    // Spelled out: record-generated equals and hashCode are slow without an optimising compiler, and the intent
    // check compares external ranges for every judged connection.
    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && low == other.low && high == other.high && ipv6 == other.ipv6;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(low * 31 + high) + (ipv6 ? 1 : 0);
    }

    @Override
    public int compareTo(IpAddress other) {
        if (ipv6 != other.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /** Dotted decimal for IPv4; RFC 5952 for IPv6 (lower case, the longest run of zero groups shortened). */
    @Override
    public String toString() {
        if (!ipv6) {
            return ((low >> 24) & 255) + "." + ((low >> 16) & 255) + "." + ((low >> 8) & 255) + "." + (low & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Four decimal octets; written out (no split, no streams) since every CIDR of every policy comes here. */
    private static long parseIpv4(String text, String whole) {
        long value = 0;
        int octets = 0;
        int i = 0;
        while (i <= text.length()) {
            int start = i;
            int octet = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            boolean endOfOctet = i == text.length() || text.charAt(i) == '.';
            if (i == start || !endOfOctet || octet > 255 || ++octets > 4) {
                throw new IllegalArgumentException("'" + whole + "' is not an IP address");
            }
            value = (value << 8) | octet;
            i++; // past the dot (or the end)
        }
        if (octets != 4) {
            throw new IllegalArgumentException("'" + whole + "' is not an IP address");
        }
        return value;
    }

    private static IpAddress parseIpv6(String text) {
        String invalid = "'" + text + "' is not an IPv6 address";
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw new IllegalArgumentException(invalid);
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, text, doubleColon < 0);
        int[] tailGroups = groups(tail, text, true);
        int count = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? count != 8 : count > 7) {
            throw new IllegalArgumentException(invalid);
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | all[i];
            low = (low << 16) | all[i + 4];
        }
        return new IpAddress(true, high, low);
    }

    /** ASCII only: Character.digit would take other scripts' digits too. */
    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Colon-separated hex groups; the last may be a dotted IPv4 address (two groups) where allowed. */
    private static int[] groups(String text, String whole, boolean ipv4Allowed) {
        String invalid = "'" + whole + "' is not an IPv6 address";
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] result = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && ipv4Allowed && part.indexOf('.') >= 0) {
                long v4 = parseIpv4(part, whole);
                result[n++] = (int) (v4 >>> 16);
                result[n++] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddress::isHexDigit)) {
                throw new IllegalArgumentException(invalid);
            }
            result[n++] = Integer.parseInt(part, 16);
        }
        return java.util.Arrays.copyOf(result, n);
    }
}
