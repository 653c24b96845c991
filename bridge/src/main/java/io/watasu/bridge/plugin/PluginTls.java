package io.watasu.bridge.plugin;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Mutual TLS for the plugin connection: a fresh self-signed server certificate per launch (Terraform pins it from the
 * handshake line) and trust in exactly the client certificate Terraform passed in the environment.
 */
public record PluginTls(KeyPair keyPair, X509Certificate certificate) {
    /** Clocks differ slightly between processes; Go rejects a certificate that is not yet valid. */
    private static final Duration BACKDATE = Duration.ofMinutes(1);
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** SubjectAltName dNSName is GeneralName choice [2], an implicitly tagged IA5String. */
    private static final int DNS_NAME_TAG = 0x82;
    /** KeyUsage digitalSignature: the first bit of the BIT STRING, the seven after it padding. */
    private static final byte DIGITAL_SIGNATURE = (byte) 0x80;
    private static final int DIGITAL_SIGNATURE_PADDING = 7;
    private static final String KEY_ALIAS = "plugin";
    private static final String TRUST_STORE_PROPERTY = "javax.net.ssl.trustStore";

    /** An EC P-256 key and a minimal self-signed certificate for {@code localhost}, usable by server and client. */
    public static PluginTls generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = Instant.now();
            byte[] name = Der.sequence(
                    Der.set(Der.sequence(Der.objectIdentifier(ORGANIZATION), Der.utf8String("Watasu"))),
                    Der.set(Der.sequence(Der.objectIdentifier(COMMON_NAME), Der.utf8String("localhost"))));
            byte[] algorithm = Der.sequence(Der.objectIdentifier(ECDSA_WITH_SHA256));
            byte[] toBeSigned = Der.sequence(
                    Der.explicit(0, Der.integer(BigInteger.TWO)), // X.509 v3
                    Der.integer(new BigInteger(63, new SecureRandom())),
                    algorithm,
                    name,
                    Der.sequence(Der.utcTime(now.minus(BACKDATE)), Der.utcTime(now.plus(VALIDITY))),
                    name,
                    keyPair.getPublic().getEncoded(),
                    Der.explicit(3, Der.sequence(
                            // Go verifies the host name against SANs only; a CN alone is refused.
                            extension(SUBJECT_ALT_NAME, false, Der.sequence(
                                    Der.tagged(DNS_NAME_TAG, "localhost".getBytes(StandardCharsets.US_ASCII)))),
                            extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                            extension(KEY_USAGE, true,
                                    Der.bitString(new byte[] {DIGITAL_SIGNATURE}, DIGITAL_SIGNATURE_PADDING)),
                            extension(EXTENDED_KEY_USAGE, false, Der.sequence(
                                    Der.objectIdentifier(SERVER_AUTH), Der.objectIdentifier(CLIENT_AUTH))))));
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keyPair.getPrivate());
            signer.update(toBeSigned);
            byte[] der = Der.sequence(toBeSigned, algorithm, Der.bitString(signer.sign()));
            return new PluginTls(keyPair, parse(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the plugin's TLS certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.objectIdentifier(id), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.objectIdentifier(id), Der.octetString(value));
    }

    private static X509Certificate parse(byte[] encoded) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
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
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificateDer())
                + "\n-----END CERTIFICATE-----\n";
    }

    /**
     * TLS 1.2+ server context (HTTP/2 over ALPN, as gRPC needs) that requires the client to present exactly
     * {@code clientCertificatePem}. The key and trust managers are given to the JDK's TLS directly: building them
     * through key stores (as Netty's builder does) encrypts and decrypts the fresh key with PBKDF2 on every launch.
     */
    public SslContext serverContext(String clientCertificatePem) {
        // Netty's JDK TLS support builds one default context per process, only to list the protocols and cipher
        // suites the JDK offers. With the JDK's trust store that parses all of its CA certificates, a sixth of a
        // launch's CPU time, for trust the plugin never uses: its one peer is pinned. So this runs with the trust
        // store switched off. The property is restored at once and the JDK reloads its trust store when the property
        // changes, so anything else in the process (HTTPS Git) still trusts what the JDK or the user configured.
        // Start-up runs this once, before any Git code.
        synchronized (PluginTls.class) {
            String configured = System.getProperty(TRUST_STORE_PROPERTY);
            System.setProperty(TRUST_STORE_PROPERTY, "NONE");
            try {
                return jdkContext(parse(clientCertificatePem.getBytes(StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS with Terraform's client certificate: "
                        + e.getMessage(), e);
            } finally {
                if (configured == null) {
                    System.clearProperty(TRUST_STORE_PROPERTY);
                } else {
                    System.setProperty(TRUST_STORE_PROPERTY, configured);
                }
            }
        }
    }

    private SslContext jdkContext(X509Certificate client) throws GeneralSecurityException {
        // The JDK's TLS, not BoringSSL: Terraform's client certificate is P-521/SHA-512, which BoringSSL does not
        // offer in its certificate request, so the client would send no certificate at all.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new OwnKey(keyPair.getPrivate(), certificate)},
                new TrustManager[] {new PinnedClient(client)}, null);
        return new JdkSslContext(context, false, Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE,
                new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2),
                ClientAuth.REQUIRE, new String[] {"TLSv1.3", "TLSv1.2"}, false);
    }

    /** The server side's only key: this launch's EC key and certificate. */
    private static final class OwnKey extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate certificate;

        OwnKey(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        private String alias(String keyType) {
            return key.getAlgorithm().equals(keyType) ? KEY_ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return alias(keyType) == null ? null : new String[] {KEY_ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return KEY_ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return KEY_ALIAS.equals(alias) ? key : null;
        }
    }

    /**
     * Trusts one client certificate, compared byte for byte; the TLS handshake proves the client holds its key. No
     * server is ever trusted: this context only serves.
     */
    private static final class PinnedClient extends X509ExtendedTrustManager {
        private final X509Certificate client;

        PinnedClient(X509Certificate client) {
            this.client = client;
        }

        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !client.equals(chain[0])) {
                throw new CertificateException("the client certificate is not the one Terraform handed to this plugin");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the plugin only serves");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the plugin only serves");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the plugin only serves");
        }

        /** Named in the certificate request, so that the client picks the certificate Terraform gave us. */
        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {client};
        }
    }
}
