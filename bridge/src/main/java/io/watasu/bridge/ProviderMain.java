package io.watasu.bridge;

import io.watasu.bridge.plugin.Handshake;
import io.watasu.bridge.plugin.Log;
import io.watasu.bridge.plugin.PluginServer;
import io.watasu.bridge.provider.WatasuProvider;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.List;

/** Entry point of {@code terraform-provider-watasu}: the process Terraform launches. */
public final class ProviderMain {
    private ProviderMain() {
    }

    public static void main(String[] args) throws Exception {
        // The handshake line must be the only thing ever written to stdout; anything else goes to stderr.
        PrintStream handshakeOut = System.out;
        System.setOut(System.err);
        Handshake handshake;
        try {
            handshake = Handshake.fromEnvironment(System.getenv());
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        // Ctrl-C reaches the whole process group; Terraform handles it and sends StopProvider instead.
        Signal.handle(new Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        PluginServer server = PluginServer.start(handshake, List.of(WatasuProvider.onGit(System.getenv())), handshakeOut);
        Log.debug("serving plugin protocol " + Handshake.PROTOCOL_VERSION);
        server.awaitTermination();
    }
}
