package io.watasu.verify;

import java.util.ArrayList;
import java.util.List;

/** An immutable set of ports 1-65535 kept as sorted, disjoint, non-adjacent closed ranges {@code [from0,to0,from1,to1,...]}. */
public final class PortSet {
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;
    public static final PortSet NONE = new PortSet(new int[0]);
    public static final PortSet ALL = new PortSet(new int[]{MIN_PORT, MAX_PORT});

    private final int[] bounds;

    private PortSet(int[] bounds) {
        this.bounds = bounds;
    }

    /** The ports {@code from..to}, clipped to the valid port range. */
    public static PortSet range(int from, int to) {
        int lo = Math.max(from, MIN_PORT);
        int hi = Math.min(to, MAX_PORT);
        return lo > hi ? NONE : new PortSet(new int[]{lo, hi});
    }

    public static PortSet single(int port) {
        return range(port, port);
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public boolean isAll() {
        return bounds.length == 2 && bounds[0] == MIN_PORT && bounds[1] == MAX_PORT;
    }

    public boolean contains(int port) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (port >= bounds[i] && port <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    public PortSet union(PortSet other) {
        if (other.isEmpty() || isAll()) {
            return this;
        }
        if (isEmpty() || other.isAll()) {
            return other;
        }
        List<int[]> ranges = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < bounds.length || j < other.bounds.length) {
            boolean takeMine = j >= other.bounds.length || (i < bounds.length && bounds[i] <= other.bounds[j]);
            int[] source = takeMine ? bounds : other.bounds;
            int at = takeMine ? i : j;
            int from = source[at];
            int to = source[at + 1];
            if (!ranges.isEmpty() && from <= ranges.get(ranges.size() - 1)[1] + 1) {
                int[] last = ranges.get(ranges.size() - 1);
                last[1] = Math.max(last[1], to);
            } else {
                ranges.add(new int[]{from, to});
            }
            if (takeMine) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return of(ranges);
    }

    public PortSet intersect(PortSet other) {
        if (isEmpty() || other.isAll()) {
            return this;
        }
        if (other.isEmpty() || isAll()) {
            return other;
        }
        List<int[]> ranges = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < bounds.length && j < other.bounds.length) {
            int from = Math.max(bounds[i], other.bounds[j]);
            int to = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (from <= to) {
                ranges.add(new int[]{from, to});
            }
            if (bounds[i + 1] < other.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return of(ranges);
    }

    public PortSet minus(PortSet other) {
        if (isEmpty() || other.isEmpty()) {
            return this;
        }
        if (other.isAll() || equals(other)) {
            return NONE;
        }
        return intersect(other.complement());
    }

    public PortSet complement() {
        List<int[]> ranges = new ArrayList<>();
        int next = MIN_PORT;
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] > next) {
                ranges.add(new int[]{next, bounds[i] - 1});
            }
            next = bounds[i + 1] + 1;
        }
        if (next <= MAX_PORT) {
            ranges.add(new int[]{next, MAX_PORT});
        }
        return of(ranges);
    }

    /** {@code 53}, {@code 80,443}, {@code 1-5352,5354-65535}: the analyzer's notation. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(bounds[i]);
            if (bounds[i + 1] != bounds[i]) {
                out.append('-').append(bounds[i + 1]);
            }
        }
        return out.toString();
    }

    private static PortSet of(List<int[]> ranges) {
        int[] flat = new int[ranges.size() * 2];
        for (int k = 0; k < ranges.size(); k++) {
            flat[2 * k] = ranges.get(k)[0];
            flat[2 * k + 1] = ranges.get(k)[1];
        }
        return flat.length == 0 ? NONE : new PortSet(flat);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSet other && java.util.Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return format();
    }
}
