package io.watasu.bridge.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes state as Terraform stores it (JSON, {@code RawState.json}) into the same values the msgpack codec yields.
 * A streaming parser, not a tree mapper: every plan launch decodes state, and a mapper costs more to set up than the
 * whole decoding.
 */
public final class JsonStateCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonStateCodec() {
    }

    public static Object decode(byte[] json, CtyType type) {
        if (json.length == 0) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            return read(parser, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value starting at the parser's current token; leaves the parser on the value's last token. */
    private static Object read(JsonParser parser, CtyType type) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (type == CtyType.STRING) {
            return scalarText(parser);
        }
        if (type == CtyType.BOOL) {
            return parser.getValueAsBoolean();
        }
        if (type == CtyType.NUMBER) {
            return token.isNumeric() ? parser.getDecimalValue() : new BigDecimal(scalarText(parser));
        }
        if (type instanceof CtyType.ListOf list) {
            return readArray(parser, list.element());
        }
        if (type instanceof CtyType.SetOf set) {
            return readArray(parser, set.element());
        }
        if (type instanceof CtyType.MapOf map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            readFields(parser, (name, p) -> entries.put(name, read(p, map.element())));
            return entries;
        }
        if (type instanceof CtyType.ObjectOf object) {
            // Attributes missing from an older shape come back as null; attributes no longer in the schema are dropped.
            Map<String, Object> present = new HashMap<>();
            readFields(parser, (name, p) -> {
                CtyType attributeType = object.attributes().get(name);
                if (attributeType == null) {
                    p.skipChildren();
                } else {
                    present.put(name, read(p, attributeType));
                }
            });
            Map<String, Object> attributes = new LinkedHashMap<>();
            object.attributes().keySet().forEach(name -> attributes.put(name, present.get(name)));
            return attributes;
        }
        throw new IllegalArgumentException("unsupported type " + type.json());
    }

    /** A scalar's text; a structure where a scalar belongs reads as empty text. */
    private static String scalarText(JsonParser parser) throws IOException {
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
            return "";
        }
        return parser.getText();
    }

    private static List<Object> readArray(JsonParser parser, CtyType elementType) throws IOException {
        expect(parser, JsonToken.START_ARRAY);
        List<Object> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(read(parser, elementType));
        }
        return elements;
    }

    private static void readFields(JsonParser parser, FieldReader reader) throws IOException {
        expect(parser, JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            reader.read(name, parser);
        }
    }

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.currentToken() != token) {
            throw new IOException("expected " + token.asString() + " in state JSON, found " + parser.getText());
        }
    }

    private interface FieldReader {
        void read(String name, JsonParser parser) throws IOException;
    }
}
