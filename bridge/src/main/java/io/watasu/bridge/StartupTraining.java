package io.watasu.bridge;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.watasu.bridge.plugin.Handshake;
import io.watasu.bridge.plugin.PluginServer;
import io.watasu.bridge.plugin.PluginTls;
import io.watasu.bridge.proto.goplugin.Empty;
import io.watasu.bridge.proto.goplugin.GRPCControllerGrpc;
import io.watasu.bridge.proto.tfplugin6.DynamicValue;
import io.watasu.bridge.proto.tfplugin6.GetProviderSchema;
import io.watasu.bridge.proto.tfplugin6.ProviderGrpc;
import io.watasu.bridge.proto.tfplugin6.ValidateResourceConfig;
import io.watasu.bridge.provider.WatasuProvider;
import io.watasu.bridge.store.GitWatasuRepository;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.MsgpackCodec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One provider session played against itself at build time (handshake, mutual TLS, schema, validation, Shutdown;
 * not configure, which would touch a repository), so that the build can archive the classes it loads (AppCDS) and every launch by Terraform starts
 * from that archive instead of loading and verifying thousands of classes again.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        PluginTls client = PluginTls.generate();
        ByteArrayOutputStream handshakeLine = new ByteArrayOutputStream();
        PluginServer.start(new Handshake(Set.of(Handshake.PROTOCOL_VERSION), client.certificatePem()),
                List.of(new WatasuProvider(GitWatasuRepository::new, Map.of())),
                new PrintStream(handshakeLine, true, StandardCharsets.UTF_8));
        String[] fields = handshakeLine.toString(StandardCharsets.UTF_8).trim().split("\\|");
        X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(fields[5])));
        ManagedChannel channel = NettyChannelBuilder.forTarget(fields[3]).overrideAuthority("localhost")
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                        .trustManager(server).keyManager(client.keyPair().getPrivate(), client.certificate()).build())
                .build();
        ProviderGrpc.ProviderBlockingStub provider = ProviderGrpc.newBlockingStub(channel);
        provider.getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
        CtyType appType = new CtyType.ObjectOf(Map.of("team", CtyType.STRING, "name", CtyType.STRING,
                "id", CtyType.STRING, "processes", new CtyType.MapOf(new CtyType.ObjectOf(Map.of(
                        "command", CtyType.STRING, "port", CtyType.NUMBER)))));
        Map<String, Object> app = Map.of("team", "acme", "name", "api-app",
                "processes", Map.of("web", Map.of("command", "node server.js")));
        provider.validateResourceConfig(ValidateResourceConfig.Request.newBuilder().setTypeName("watasu_app")
                .setConfig(msgpack(app, appType)).build());
        // Shutdown ends the process the way Terraform ends it, which writes the archive.
        GRPCControllerGrpc.newBlockingStub(channel).shutdown(Empty.getDefaultInstance());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static DynamicValue msgpack(Map<String, Object> value, CtyType type) {
        return DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(value, type))).build();
    }
}
