package io.watasu.bridge.plugin;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin server over real mutual TLS on loopback, as Terraform's client connects to it. */
class PluginServerTest {
    /** GeneralName's dNSName choice, as {@link X509Certificate#getSubjectAlternativeNames()} reports it. */
    private static final int DNS_NAME = 2;

    @Test
    void certificateIsWhatGoAccepts() throws Exception {
        X509Certificate certificate = PluginTls.generate().certificate();
        assertTrue(certificate.getSubjectAlternativeNames().stream()
                .anyMatch(san -> ((Integer) san.get(0)) == DNS_NAME && "localhost".equals(san.get(1))));
        assertTrue(certificate.getNotBefore().before(new Date(System.currentTimeMillis() - 30_000)), "backdated");
        assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        // DER form of the key usage: BIT STRING with 7 padding bits and the one named bit (03 02 07 80).
        byte[] keyUsage = certificate.getExtensionValue("2.5.29.15");
        assertEquals("04040302" + "0780", HexFormat.of().formatHex(keyUsage));
        assertEquals(Set.of("2.5.29.19", "2.5.29.15"), certificate.getCriticalExtensionOIDs());
        assertEquals(3, certificate.getVersion());
        certificate.verify(certificate.getPublicKey());
    }

    /** The plugin's TLS set-up switches the trust store off for a moment; HTTPS Git still needs the JDK's CAs. */
    @Test
    void leavesTheJdkTrustStoreToEverythingElse() throws Exception {
        String configured = System.getProperty("javax.net.ssl.trustStore");
        PluginTls.generate().serverContext(PluginTls.generate().certificatePem());
        assertEquals(configured, System.getProperty("javax.net.ssl.trustStore"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];
        assertTrue(jdk.getAcceptedIssuers().length > 10, "the JDK's CA certificates are trusted");
    }

    @Test
    void servesOnlyTheClientWhoseCertificateWasHandedOver() throws Exception {
        PluginTls terraform = PluginTls.generate();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PluginServer.start(new Handshake(Set.of("6"), terraform.certificatePem()), List.of(),
                new PrintStream(stdout, true, StandardCharsets.UTF_8));
        String[] fields = stdout.toString(StandardCharsets.UTF_8).split("\\|");
        assertEquals(1, stdout.toString(StandardCharsets.UTF_8).lines().count(), "exactly one line on stdout");
        X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(fields[5].trim())));

        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel(fields[3], server, terraform))
                .check(HealthCheckRequest.newBuilder().setService("plugin").build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());

        ManagedChannel stranger = channel(fields[3], server, PluginTls.generate());
        assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(stranger)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("plugin").build()));
    }

    private static ManagedChannel channel(String address, X509Certificate server, PluginTls client) throws Exception {
        return NettyChannelBuilder.forTarget(address).overrideAuthority("localhost")
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                        .trustManager(server).keyManager(client.keyPair().getPrivate(), client.certificate()).build())
                .build();
    }
}
