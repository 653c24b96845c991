package io.watasu.bridge.wire;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class MsgpackCodecTest {
    private static final CtyType.ObjectOf THING = new CtyType.ObjectOf(Map.of(
            "id", CtyType.STRING, "name", CtyType.STRING, "size", CtyType.NUMBER,
            "tags", new CtyType.MapOf(CtyType.STRING), "value", CtyType.STRING));

    /** The proposed create state Terraform 1.11 was observed sending, byte for byte. */
    private static final String OBSERVED = "85a26964c0a46e616d65a5616c706861a473697a65c0a47461677381a16ba176"
            + "a576616c7565a27631";

    @Test
    void decodesWhatTerraformSendsAndEncodesItBackIdentically() {
        byte[] bytes = HexFormat.of().parseHex(OBSERVED);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", null);
        expected.put("name", "alpha");
        expected.put("size", null);
        expected.put("tags", Map.of("k", "v"));
        expected.put("value", "v1");
        assertEquals(expected, MsgpackCodec.decode(bytes, THING));
        assertArrayEquals(bytes, MsgpackCodec.encode(expected, THING));
    }

    @Test
    void objectsCarryEveryAttributeKeyWithNilForMissingOnes() {
        byte[] bytes = MsgpackCodec.encode(Map.of("name", "a"), THING);
        assertEquals("85a26964c0a46e616d65a161a473697a65c0a474616773c0a576616c7565c0", HexFormat.of().formatHex(bytes));
    }

    @Test
    void unknownIsExtensionZeroAndAnyExtensionDecodesAsUnknown() {
        assertEquals("d40000", HexFormat.of().formatHex(MsgpackCodec.encode(Unknown.VALUE, CtyType.STRING)));
        // A refined unknown (extension 12, payload: map {1: false} = "not null").
        byte[] refined = HexFormat.of().parseHex("c7030c8101c2");
        assertSame(Unknown.VALUE, MsgpackCodec.decode(refined, CtyType.STRING));
        Map<?, ?> decoded = (Map<?, ?>) MsgpackCodec.decode(HexFormat.of().parseHex("81a46e616d65d40000"), THING);
        assertSame(Unknown.VALUE, decoded.get("name"));
        assertEquals(null, decoded.get("id"), "absent keys decode as null");
    }

    @Test
    void numbersAreExact() {
        CtyType.ListOf numbers = new CtyType.ListOf(CtyType.NUMBER);
        List<BigDecimal> values = List.of(new BigDecimal("50051"), new BigDecimal("-3"), new BigDecimal("0.5"),
                new BigDecimal("0.1"), new BigDecimal("123456789012345678901234567890"));
        byte[] bytes = MsgpackCodec.encode(values, numbers);
        // ints compact, 0.5 as float64, 0.1 and the 30-digit number as decimal strings
        assertEquals("95cdc383fdcb3fe0000000000000a3302e31be313233343536373839303132333435363738393031323334353637383930",
                HexFormat.of().formatHex(bytes));
        List<?> decoded = (List<?>) MsgpackCodec.decode(bytes, numbers);
        for (int i = 0; i < values.size(); i++) {
            assertEquals(0, values.get(i).compareTo((BigDecimal) decoded.get(i)), "number " + i);
        }
    }

    @Test
    void setsAndNestedMapsOfObjectsRoundTrip() {
        CtyType type = new CtyType.ObjectOf(Map.of("trusted", new CtyType.SetOf(CtyType.STRING),
                "processes", new CtyType.MapOf(new CtyType.ObjectOf(Map.of(
                        "command", CtyType.STRING, "port", CtyType.NUMBER)))));
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("command", "run");
        process.put("port", new BigDecimal(5000));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("processes", Map.of("web", process));
        value.put("trusted", List.of("a-app", "b-app"));
        assertEquals(value, MsgpackCodec.decode(MsgpackCodec.encode(value, type), type));
    }

    @Test
    void emptyInputIsNullAndNilIsNull() {
        assertEquals(null, MsgpackCodec.decode(new byte[0], THING));
        assertEquals(null, MsgpackCodec.decode(new byte[] {(byte) 0xc0}, THING));
        assertArrayEquals(new byte[] {(byte) 0xc0}, MsgpackCodec.encode(null, THING));
    }

    @Test
    void jsonStateDecodesToTheSameValues() {
        byte[] json = """
                {
                  "id": "acme/api-app", "name": "api-app", "size": 3, "tags": {"k": "v"}, "value": null,
                  "removed_attribute": true, "removed_block": {"nested": [1, {"deeper": "x"}]}
                }""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<?, ?> state = (Map<?, ?>) JsonStateCodec.decode(json, THING);
        assertEquals(5, state.size());
        assertEquals("acme/api-app", state.get("id"));
        assertEquals("api-app", state.get("name"));
        assertEquals(0, new BigDecimal(3).compareTo((BigDecimal) state.get("size")));
        assertEquals(Map.of("k", "v"), state.get("tags"));
        assertEquals(null, state.get("value"));
        CtyType.ObjectOf withSet = new CtyType.ObjectOf(Map.of("trusted", new CtyType.SetOf(CtyType.STRING)));
        assertEquals(Map.of("trusted", List.of("a", "b")),
                JsonStateCodec.decode("{\"trusted\": [\"a\", \"b\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        withSet));
    }
}
