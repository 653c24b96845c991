package io.watasu.bridge.provider;

import io.watasu.bridge.wire.Unknown;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed access to decoded Terraform object values (maps of attribute name to value). */
final class Values {
    private Values() {
    }

    static boolean known(Map<String, Object> object, String attribute) {
        return !Unknown.containsUnknown(object.get(attribute));
    }

    /** The string, or null when null; callers check {@link #known} first where unknowns are possible. */
    static String string(Map<String, Object> object, String attribute) {
        return (String) object.get(attribute);
    }

    static BigDecimal number(Map<String, Object> object, String attribute) {
        return (BigDecimal) object.get(attribute);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> object, String attribute) {
        Object value = object.get(attribute);
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> object, String attribute) {
        Object value = object.get(attribute);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** A mutable deep copy, to build a planned or new value from a proposed one. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put((String) k, copy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(copy(v)));
            return (T) copy;
        }
        return value;
    }
}
