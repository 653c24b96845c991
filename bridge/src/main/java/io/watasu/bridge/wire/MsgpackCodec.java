package io.watasu.bridge.wire;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Terraform's msgpack value encoding (go-cty {@code cty/msgpack}), driven by the schema's type: objects carry exactly
 * every attribute key, nulls are nil, unknowns are extension values, numbers are exact.
 */
public final class MsgpackCodec {
    /** go-cty's plain unknown: extension type 0 with a one-byte payload. */
    private static final byte UNKNOWN_EXT_TYPE = 0;

    private MsgpackCodec() {
    }

    public static byte[] encode(Object value, CtyType type) {
        try (MessagePacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(packer, value, type);
            packer.flush();
            return ((org.msgpack.core.MessageBufferPacker) packer).toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a value; empty input is null (Terraform sends no bytes for an absent value). */
    public static Object decode(byte[] bytes, CtyType type) {
        if (bytes.length == 0) {
            return null;
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return unpack(unpacker, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pack(MessagePacker packer, Object value, CtyType type) throws IOException {
        if (value == null) {
            packer.packNil();
            return;
        }
        if (Unknown.isUnknown(value)) {
            packer.packExtensionTypeHeader(UNKNOWN_EXT_TYPE, 1);
            packer.addPayload(new byte[] {0});
            return;
        }
        if (type == CtyType.STRING) {
            packer.packString((String) value);
        } else if (type == CtyType.BOOL) {
            packer.packBoolean((Boolean) value);
        } else if (type == CtyType.NUMBER) {
            packNumber(packer, (BigDecimal) value);
        } else if (type instanceof CtyType.ListOf list) {
            packArray(packer, (List<?>) value, list.element());
        } else if (type instanceof CtyType.SetOf set) {
            packArray(packer, (List<?>) value, set.element());
        } else if (type instanceof CtyType.MapOf map) {
            Map<String, ?> entries = new TreeMap<>(castMap(value));
            packer.packMapHeader(entries.size());
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                packer.packString(e.getKey());
                pack(packer, e.getValue(), map.element());
            }
        } else if (type instanceof CtyType.ObjectOf object) {
            Map<String, ?> attributes = castMap(value);
            Map<String, CtyType> sorted = new TreeMap<>(object.attributes());
            packer.packMapHeader(sorted.size());
            for (Map.Entry<String, CtyType> e : sorted.entrySet()) {
                packer.packString(e.getKey());
                pack(packer, attributes.get(e.getKey()), e.getValue());
            }
        } else {
            throw new IllegalArgumentException("unsupported type " + type.json());
        }
    }

    private static void packArray(MessagePacker packer, List<?> elements, CtyType elementType) throws IOException {
        packer.packArrayHeader(elements.size());
        for (Object element : elements) {
            pack(packer, element, elementType);
        }
    }

    /** Integers as msgpack ints, other exactly representable values as float64, anything else as a decimal string. */
    private static void packNumber(MessagePacker packer, BigDecimal number) throws IOException {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && stripped.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            packer.packLong(stripped.longValueExact());
            return;
        }
        double asDouble = number.doubleValue();
        if (!Double.isInfinite(asDouble) && new BigDecimal(asDouble).compareTo(number) == 0) {
            packer.packDouble(asDouble);
            return;
        }
        packer.packString(number.toPlainString());
    }

    private static Object unpack(MessageUnpacker unpacker, CtyType type) throws IOException {
        MessageFormat format = unpacker.getNextFormat();
        if (format == MessageFormat.NIL) {
            unpacker.unpackNil();
            return null;
        }
        if (format.getValueType() == ValueType.EXTENSION) {
            // Plain (type 0) and refined (type 12) unknowns alike: the refinements do not matter to this provider.
            int length = unpacker.unpackExtensionTypeHeader().getLength();
            unpacker.readPayload(length);
            return Unknown.VALUE;
        }
        if (type == CtyType.STRING) {
            return unpacker.unpackString();
        }
        if (type == CtyType.BOOL) {
            return unpacker.unpackBoolean();
        }
        if (type == CtyType.NUMBER) {
            return unpackNumber(unpacker, format);
        }
        if (type instanceof CtyType.ListOf list) {
            return unpackArray(unpacker, list.element());
        }
        if (type instanceof CtyType.SetOf set) {
            return unpackArray(unpacker, set.element());
        }
        if (type instanceof CtyType.MapOf map) {
            return unpackMap(unpacker, name -> map.element());
        }
        if (type instanceof CtyType.ObjectOf object) {
            Map<String, Object> attributes = unpackMap(unpacker, object.attributes()::get);
            for (String name : object.attributes().keySet()) {
                attributes.putIfAbsent(name, null);
            }
            return attributes;
        }
        throw new IllegalArgumentException("unsupported type " + type.json());
    }

    private static BigDecimal unpackNumber(MessageUnpacker unpacker, MessageFormat format) throws IOException {
        return switch (format.getValueType()) {
            case INTEGER -> new BigDecimal(unpacker.unpackBigInteger());
            case FLOAT -> BigDecimal.valueOf(unpacker.unpackDouble());
            case STRING -> new BigDecimal(unpacker.unpackString());
            default -> throw new IllegalArgumentException("a number is required, got " + format);
        };
    }

    private static List<Object> unpackArray(MessageUnpacker unpacker, CtyType elementType) throws IOException {
        int size = unpacker.unpackArrayHeader();
        List<Object> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(unpack(unpacker, elementType));
        }
        return elements;
    }

    private static Map<String, Object> unpackMap(MessageUnpacker unpacker,
                                                 java.util.function.Function<String, CtyType> typeOfKey)
            throws IOException {
        int size = unpacker.unpackMapHeader();
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = unpacker.unpackString();
            CtyType valueType = typeOfKey.apply(key);
            if (valueType == null) {
                unpacker.skipValue();
                continue;
            }
            entries.put(key, unpack(unpacker, valueType));
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Object value) {
        return (Map<String, ?>) value;
    }
}
