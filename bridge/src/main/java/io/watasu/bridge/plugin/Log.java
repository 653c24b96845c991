package io.watasu.bridge.plugin;

/**
 * Provider logging. Everything goes to stderr with a level prefix Terraform understands ({@code TF_LOG}); stdout
 * belongs to the handshake line alone.
 */
public final class Log {
    private static final boolean DEBUG = System.getenv("TF_LOG") != null || System.getenv("TF_LOG_PROVIDER") != null;

    private Log() {
    }

    public static void info(String message) {
        System.err.println("[INFO] " + message);
    }

    public static void debug(String message) {
        if (DEBUG) {
            System.err.println("[DEBUG] " + message);
        }
    }

    public static void error(String message) {
        System.err.println("[ERROR] " + message);
    }
}
