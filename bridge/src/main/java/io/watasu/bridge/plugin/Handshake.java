package io.watasu.bridge.plugin;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** go-plugin's handshake: what the launching Terraform put in the environment, and the line the plugin answers with. */
public record Handshake(Set<String> offeredProtocolVersions, String clientCertificatePem) {
    public static final String MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
    public static final String MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    public static final String PROTOCOL_VERSION = "6";
    static final String NOT_LAUNCHED_BY_TERRAFORM = "This binary is a plugin. These are not meant to be executed directly."
            + " Please execute the program that consumes these plugins, which will load any plugins automatically"
            + " (here: terraform with a provider block for watasu.io/watasu/watasu).";

    /**
     * Reads the handshake environment.
     *
     * @throws IllegalStateException with a message for a human when this process was not launched by Terraform or
     *                               Terraform does not offer protocol 6
     */
    public static Handshake fromEnvironment(Map<String, String> env) {
        if (!MAGIC_COOKIE_VALUE.equals(env.get(MAGIC_COOKIE_KEY))) {
            throw new IllegalStateException(NOT_LAUNCHED_BY_TERRAFORM);
        }
        // Terraform builds this list from a Go map, so the order varies between launches ("5,6" or "6,5").
        Set<String> versions = Arrays.stream(env.getOrDefault("PLUGIN_PROTOCOL_VERSIONS", "").split(","))
                .map(String::trim).filter(v -> !v.isEmpty()).collect(Collectors.toSet());
        if (!versions.contains(PROTOCOL_VERSION)) {
            throw new IllegalStateException("This provider speaks plugin protocol " + PROTOCOL_VERSION
                    + " but Terraform offered " + versions + "; use Terraform 1.0 or later.");
        }
        String certificate = env.get("PLUGIN_CLIENT_CERT");
        return new Handshake(Set.copyOf(versions), certificate == null || certificate.isBlank() ? null : certificate);
    }

    public boolean tls() {
        return clientCertificatePem != null;
    }

    /** The line Terraform reads first from stdout; the certificate is base64 DER without padding, as go-plugin decodes it. */
    public static String line(int port, byte[] serverCertificateDer) {
        String line = "1|" + PROTOCOL_VERSION + "|tcp|127.0.0.1:" + port + "|grpc";
        if (serverCertificateDer == null) {
            return line;
        }
        return line + "|" + Base64.getEncoder().withoutPadding().encodeToString(serverCertificateDer);
    }
}
