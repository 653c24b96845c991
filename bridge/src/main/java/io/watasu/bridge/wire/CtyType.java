package io.watasu.bridge.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A type of Terraform's value system (cty) as far as the provider's schemas use it. {@link #json()} is the compact
 * JSON form Terraform expects in a schema attribute's {@code type} field.
 */
public sealed interface CtyType {
    CtyType STRING = new Primitive("string");
    CtyType NUMBER = new Primitive("number");
    CtyType BOOL = new Primitive("bool");

    String json();

    record Primitive(String name) implements CtyType {
        @Override
        public String json() {
            return "\"" + name + "\"";
        }
    }

    record ListOf(CtyType element) implements CtyType {
        @Override
        public String json() {
            return "[\"list\"," + element.json() + "]";
        }
    }

    record SetOf(CtyType element) implements CtyType {
        @Override
        public String json() {
            return "[\"set\"," + element.json() + "]";
        }
    }

    record MapOf(CtyType element) implements CtyType {
        @Override
        public String json() {
            return "[\"map\"," + element.json() + "]";
        }
    }

    /** An object type; attribute order is irrelevant to Terraform but kept for readable output. */
    record ObjectOf(Map<String, CtyType> attributes) implements CtyType {
        public ObjectOf {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        @Override
        public String json() {
            return "[\"object\",{" + attributes.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + e.getValue().json())
                    .collect(Collectors.joining(",")) + "}]";
        }
    }
}
