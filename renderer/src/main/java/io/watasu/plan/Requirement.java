package io.watasu.plan;

import java.util.List;

/** A label selector requirement, e.g. {@code watasu.io/app In [a, b]}; values sorted. */
public record Requirement(String key, String operator, List<String> values) {
    public Requirement {
        values = List.copyOf(values);
    }
}
