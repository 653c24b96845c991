package io.watasu.bridge.plugin;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.watasu.bridge.proto.goplugin.Empty;
import io.watasu.bridge.proto.goplugin.GRPCBrokerGrpc;
import io.watasu.bridge.proto.goplugin.GRPCControllerGrpc;
import io.watasu.bridge.proto.goplugin.GRPCStdioGrpc;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The plugin process around a provider service: gRPC on loopback (mutual TLS when Terraform asks for it), go-plugin's
 * side services, the handshake line, and a prompt exit when Terraform says Shutdown.
 */
public final class PluginServer {
    /** Terraform's own client allows messages of any size; 4 MiB (grpc-java's default) is too small for big states. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
    /**
     * Long enough to flush the Shutdown reply; Terraform keeps its connection open until the process is gone, so
     * waiting for the server to terminate on its own would only burn this time on every launch.
     */
    private static final long SHUTDOWN_GRACE_MILLIS = 50;

    private final Server server;
    private final List<EventLoopGroup> eventLoops;

    private PluginServer(Server server, List<EventLoopGroup> eventLoops) {
        this.server = server;
        this.eventLoops = eventLoops;
    }

    /**
     * Starts serving {@code services} and writes the handshake line to {@code handshakeOut}.
     *
     * @throws IOException when the loopback port cannot be bound
     */
    public static PluginServer start(Handshake handshake, List<BindableService> services, PrintStream handshakeOut)
            throws IOException {
        // Key generation and TLS set-up take as long as loading the server; on two cores they overlap.
        CompletableFuture<PluginTls> tls = handshake.tls() ? CompletableFuture.supplyAsync(PluginTls::generate) : null;
        CompletableFuture<SslContext> sslContext = tls == null ? null
                : tls.thenApply(generated -> generated.serverContext(handshake.clientCertificatePem()));
        // Own event loops, so that Shutdown can stop them before the JVM exits: the JVM waits up to 300 ms for
        // threads blocked in native code (a selector's wait) before it exits.
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(2);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .channelType(NioServerSocketChannel.class)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES);
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("plugin", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        Controller controller = new Controller();
        builder.addService(controller)
                .addService(health.getHealthService())
                // go-plugin tolerates UNIMPLEMENTED for stdio forwarding and the broker; this provider uses neither.
                .addService(new GRPCStdioGrpc.GRPCStdioImplBase() { })
                .addService(new GRPCBrokerGrpc.GRPCBrokerImplBase() { });
        services.forEach(builder::addService);
        if (sslContext != null) {
            builder.sslContext(sslContext.join());
        }
        PluginServer plugin = new PluginServer(builder.build().start(), List.of(boss, workers));
        controller.plugin = plugin;
        handshakeOut.println(Handshake.line(plugin.server.getPort(), tls == null ? null : tls.join().certificateDer()));
        handshakeOut.flush();
        return plugin;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Lets the Shutdown reply go out, stops the event loops, then ends the process at once. */
    void shutdownAndExit() {
        Thread exit = new Thread(() -> {
            server.shutdown();
            try {
                server.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                server.shutdownNow();
                for (EventLoopGroup group : eventLoops) {
                    group.shutdownGracefully(0, SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                            .await(SHUTDOWN_GRACE_MILLIS * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // halt, not exit: nothing here needs shutdown hooks.
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "plugin-shutdown");
        exit.start();
    }

    /** Without Shutdown, Terraform waits 2 s per provider instance before killing it. */
    private static final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {
        private volatile PluginServer plugin;

        @Override
        public void shutdown(Empty request, StreamObserver<Empty> response) {
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
            Log.debug("shutdown requested");
            plugin.shutdownAndExit();
        }
    }
}
