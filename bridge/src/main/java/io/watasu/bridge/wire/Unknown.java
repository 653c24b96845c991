package io.watasu.bridge.wire;

/**
 * A value Terraform does not know yet (msgpack extension on the wire). Decoded values use {@code null} for null,
 * this marker for unknown, and String, BigDecimal, Boolean, List and Map for the rest.
 */
public enum Unknown {
    VALUE;

    public static boolean isUnknown(Object value) {
        return value == VALUE;
    }

    /** True when the value, or anything nested in it, is unknown. */
    public static boolean containsUnknown(Object value) {
        if (value == VALUE) {
            return true;
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().anyMatch(Unknown::containsUnknown);
        }
        if (value instanceof java.util.Map<?, ?> m) {
            return m.values().stream().anyMatch(Unknown::containsUnknown);
        }
        return false;
    }
}
