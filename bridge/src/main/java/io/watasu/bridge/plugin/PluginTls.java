package io.watasu.bridge.plugin;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Mutual TLS for the plugin connection: a fresh self-signed server certificate per launch (Terraform pins it from the
 * handshake line) and trust in exactly the client certificate Terraform passed in the environment.
 */
public record PluginTls(KeyPair keyPair, X509Certificate certificate) {
    /** Clocks differ slightly between processes; Go rejects a certificate that is not yet valid. */
    private static final Duration BACKDATE = Duration.ofMinutes(1);
    private static final Duration VALIDITY = Duration.ofDays(30);

    public static PluginTls generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("O=Watasu,CN=localhost");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(63, new SecureRandom()), Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)),
                    subject, keyPair.getPublic())
                    // Go verifies the host name against SANs only; a CN alone is refused.
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new PluginTls(keyPair, certificate);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | java.io.IOException e) {
            throw new IllegalStateException("cannot create the plugin's TLS certificate: " + e.getMessage(), e);
        }
    }

    public byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate as PEM, the form Terraform passes its own in {@code PLUGIN_CLIENT_CERT}. */
    public String certificatePem() {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificateDer())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** TLS 1.2+ server context that requires the client to present exactly {@code clientCertificatePem}. */
    public SslContext serverContext(String clientCertificatePem) {
        try {
            X509Certificate client = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(clientCertificatePem.getBytes(StandardCharsets.US_ASCII)));
            // The JDK's TLS, not BoringSSL: Terraform's client certificate is P-521/SHA-512, which BoringSSL does not
            // offer in its certificate request, so the client would send no certificate at all.
            return GrpcSslContexts.configure(SslContextBuilder.forServer(keyPair.getPrivate(), certificate),
                            SslProvider.JDK)
                    .trustManager(client)
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (GeneralSecurityException | javax.net.ssl.SSLException e) {
            throw new IllegalStateException("cannot set up TLS with Terraform's client certificate: " + e.getMessage(), e);
        }
    }
}
