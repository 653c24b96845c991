package io.watasu.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes state as Terraform stores it (JSON, {@code RawState.json}) into the same values the msgpack codec yields. */
public final class JsonStateCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonStateCodec() {
    }

    public static Object decode(byte[] json, CtyType type) {
        if (json.length == 0) {
            return null;
        }
        try {
            return convert(JSON.readTree(json), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object convert(JsonNode node, CtyType type) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type == CtyType.STRING) {
            return node.asText();
        }
        if (type == CtyType.BOOL) {
            return node.asBoolean();
        }
        if (type == CtyType.NUMBER) {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
        }
        if (type instanceof CtyType.ListOf list) {
            return convertArray(node, list.element());
        }
        if (type instanceof CtyType.SetOf set) {
            return convertArray(node, set.element());
        }
        if (type instanceof CtyType.MapOf map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.put(e.getKey(), convert(e.getValue(), map.element()));
            }
            return entries;
        }
        if (type instanceof CtyType.ObjectOf object) {
            // Attributes missing from an older shape come back as null; attributes no longer in the schema are dropped.
            Map<String, Object> attributes = new LinkedHashMap<>();
            object.attributes().forEach((name, attributeType) -> attributes.put(name, convert(node.get(name), attributeType)));
            return attributes;
        }
        throw new IllegalArgumentException("unsupported type " + type.json());
    }

    private static List<Object> convertArray(JsonNode node, CtyType elementType) {
        List<Object> elements = new ArrayList<>();
        node.forEach(element -> elements.add(convert(element, elementType)));
        return elements;
    }
}
