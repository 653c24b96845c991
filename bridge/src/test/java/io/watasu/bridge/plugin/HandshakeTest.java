package io.watasu.bridge.plugin;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeTest {
    private static final String COOKIE = Handshake.MAGIC_COOKIE_VALUE;

    @Test
    void refusesToRunWithoutTerraformsCookie() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Handshake.fromEnvironment(Map.of("PLUGIN_PROTOCOL_VERSIONS", "6")));
        assertTrue(e.getMessage().startsWith("This binary is a plugin."), e.getMessage());
    }

    @Test
    void protocolVersionsAreASetInEitherOrder() {
        for (String offered : new String[] {"5,6", "6,5", " 6 "}) {
            Handshake handshake = Handshake.fromEnvironment(
                    Map.of(Handshake.MAGIC_COOKIE_KEY, COOKIE, "PLUGIN_PROTOCOL_VERSIONS", offered));
            assertTrue(handshake.offeredProtocolVersions().contains("6"), offered);
            assertFalse(handshake.tls());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Handshake.fromEnvironment(
                Map.of(Handshake.MAGIC_COOKIE_KEY, COOKIE, "PLUGIN_PROTOCOL_VERSIONS", "5")));
        assertTrue(e.getMessage().contains("protocol 6"), e.getMessage());
    }

    @Test
    void clientCertificateSwitchesTlsOn() {
        Handshake handshake = Handshake.fromEnvironment(Map.of(Handshake.MAGIC_COOKIE_KEY, COOKIE,
                "PLUGIN_PROTOCOL_VERSIONS", "6", "PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----\n..."));
        assertTrue(handshake.tls());
        assertEquals(Set.of("6"), handshake.offeredProtocolVersions());
    }

    @Test
    void lineCarriesTheCertificateAsUnpaddedStandardBase64() {
        // 442 bytes: padded base64 would end in "==", which go-plugin's RawStdEncoding rejects.
        byte[] der = new byte[442];
        der[0] = (byte) 0xfb;
        String line = Handshake.line(41291, der);
        String[] fields = line.split("\\|");
        assertEquals(6, fields.length);
        assertEquals("1|6|tcp|127.0.0.1:41291|grpc", String.join("|", java.util.List.of(fields).subList(0, 5)));
        assertFalse(fields[5].contains("="));
        assertFalse(fields[5].contains("-") || fields[5].contains("_"), "standard alphabet");
        assertEquals(Base64.getEncoder().withoutPadding().encodeToString(der), fields[5]);
        assertEquals("1|6|tcp|127.0.0.1:5|grpc", Handshake.line(5, null));
    }
}
