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
import io.watasu.bridge.proto.tfplugin6.ApplyResourceChange;
import io.watasu.bridge.proto.tfplugin6.ConfigureProvider;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.proto.tfplugin6.DynamicValue;
import io.watasu.bridge.proto.tfplugin6.GetProviderSchema;
import io.watasu.bridge.proto.tfplugin6.ImportResourceState;
import io.watasu.bridge.proto.tfplugin6.PlanResourceChange;
import io.watasu.bridge.proto.tfplugin6.ProviderGrpc;
import io.watasu.bridge.proto.tfplugin6.RawState;
import io.watasu.bridge.proto.tfplugin6.ReadDataSource;
import io.watasu.bridge.proto.tfplugin6.ReadResource;
import io.watasu.bridge.proto.tfplugin6.UpgradeResourceState;
import io.watasu.bridge.proto.tfplugin6.ValidateDataResourceConfig;
import io.watasu.bridge.proto.tfplugin6.ValidateProviderConfig;
import io.watasu.bridge.proto.tfplugin6.ValidateResourceConfig;
import io.watasu.bridge.provider.WatasuProvider;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.MsgpackCodec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One provider session played against itself at build time, so that the build can archive the classes it loads
 * (AppCDS) and every launch by Terraform starts from that archive instead of loading and verifying thousands of
 * classes again. It makes the calls of Terraform's three plan launches and of an apply: handshake with mutual TLS,
 * schema, validation, then configure against a throw-away repository on disk, upgrade, read, plan, import, a data
 * source read and one applied change (a commit and a push to that throw-away repository), and Shutdown. Any error
 * diagnostic fails the build: a session that stopped early would leave the archive without the classes a real plan
 * needs. The provider's own log lines (an applied change logs a push) are kept back unless the session fails: they
 * would read like a change to a real repository.
 */
public final class StartupTraining {
    private static final CtyType.ObjectOf PROVIDER_TYPE = strings("repository", "branch", "file", "render_path",
            "token", "author_name", "author_email", "cache_dir");
    private static final CtyType.ObjectOf APP_TYPE = new CtyType.ObjectOf(Map.of("team", CtyType.STRING,
            "name", CtyType.STRING, "id", CtyType.STRING, "processes", new CtyType.MapOf(new CtyType.ObjectOf(Map.of(
                    "command", CtyType.STRING, "port", CtyType.NUMBER)))));
    private static final CtyType.ObjectOf TRUST_TYPE = new CtyType.ObjectOf(Map.of("id", CtyType.STRING,
            "app", CtyType.STRING, "trusted", new CtyType.SetOf(CtyType.STRING)));
    private static final CtyType.ObjectOf ENDPOINT_TYPE = new CtyType.ObjectOf(Map.of("app", CtyType.STRING,
            "process", CtyType.STRING, "hostname", CtyType.STRING, "port", CtyType.NUMBER));
    private static final String MODEL = """
            version: 1
            teams:
              acme:
                apps:
                  api-app:
                    processes:
                      web: node server.js
                      rpc-tcp: { command: node rpc.js, port: 9000 }
                    trust: [worker-app]
                  worker-app:
                    processes: { worker: node worker.js }
                  billing-app:
                    processes: { worker: node billing.js }
            """;

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        String archive = args.length > 0 ? args[0] : "the class-data archive";
        System.out.println("terraform-provider-watasu: writing " + archive + " from a training session against a "
                + "throw-away repository in a temporary folder (no real repository is read or changed)");
        PrintStream stderr = System.err;
        ByteArrayOutputStream providerLog = new ByteArrayOutputStream();
        System.setErr(new PrintStream(providerLog, true, StandardCharsets.UTF_8));
        try {
            train();
        } catch (Exception | Error e) {
            System.setErr(stderr);
            stderr.print(providerLog.toString(StandardCharsets.UTF_8));
            throw e;
        }
    }

    private static void train() throws Exception {
        Path work = Files.createTempDirectory("watasu-provider-training");
        PluginTls client = PluginTls.generate();
        ByteArrayOutputStream handshakeLine = new ByteArrayOutputStream();
        PluginServer.start(new Handshake(Set.of(Handshake.PROTOCOL_VERSION), client.certificatePem()),
                List.of(WatasuProvider.onGit(Map.of())),
                new PrintStream(handshakeLine, true, StandardCharsets.UTF_8));
        String[] fields = handshakeLine.toString(StandardCharsets.UTF_8).trim().split("\\|");
        X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(fields[5])));
        ManagedChannel channel = NettyChannelBuilder.forTarget(fields[3]).overrideAuthority("localhost")
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                        .trustManager(server).keyManager(client.keyPair().getPrivate(), client.certificate()).build())
                .build();
        ProviderGrpc.ProviderBlockingStub provider = ProviderGrpc.newBlockingStub(channel);
        try {
            session(provider, seededRepository(work), work.resolve("cache"));
        } finally {
            deleteRecursively(work);
        }
        // Shutdown ends the process the way Terraform ends it, which writes the archive.
        GRPCControllerGrpc.newBlockingStub(channel).shutdown(Empty.getDefaultInstance());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void session(ProviderGrpc.ProviderBlockingStub provider, Path repository, Path cache) {
        provider.getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
        Map<String, Object> config = Map.of("repository", repository.toString(), "cache_dir", cache.toString());
        expectNoErrors(provider.validateProviderConfig(ValidateProviderConfig.Request.newBuilder()
                .setConfig(msgpack(config, PROVIDER_TYPE)).build()).getDiagnosticsList());
        Map<String, Object> app = Map.of("team", "acme", "name", "api-app", "processes", Map.of(
                "web", Map.of("command", "node server.js"),
                "rpc-tcp", Map.of("command", "node rpc.js", "port", BigDecimal.valueOf(9000))));
        Map<String, Object> trust = Map.of("app", "api-app", "trusted", List.of("worker-app"));
        expectNoErrors(provider.validateResourceConfig(ValidateResourceConfig.Request.newBuilder()
                .setTypeName("watasu_app").setConfig(msgpack(app, APP_TYPE)).build()).getDiagnosticsList());
        expectNoErrors(provider.validateResourceConfig(ValidateResourceConfig.Request.newBuilder()
                .setTypeName("watasu_app_trust").setConfig(msgpack(trust, TRUST_TYPE)).build()).getDiagnosticsList());
        Map<String, Object> endpoint = Map.of("app", "api-app", "process", "rpc-tcp");
        expectNoErrors(provider.validateDataResourceConfig(ValidateDataResourceConfig.Request.newBuilder()
                .setTypeName("watasu_internal_endpoint").setConfig(msgpack(endpoint, ENDPOINT_TYPE)).build())
                .getDiagnosticsList());

        expectNoErrors(provider.configureProvider(ConfigureProvider.Request.newBuilder()
                .setTerraformVersion("training").setConfig(msgpack(config, PROVIDER_TYPE)).build()).getDiagnosticsList());
        String appState = "{\"id\":\"acme/api-app\",\"team\":\"acme\",\"name\":\"api-app\",\"processes\":{"
                + "\"rpc-tcp\":{\"command\":\"node rpc.js\",\"port\":9000},\"web\":{\"command\":\"node server.js\",\"port\":5000}}}";
        DynamicValue appPrior = upgradeAndRead(provider, "watasu_app", appState);
        DynamicValue trustPrior = upgradeAndRead(provider, "watasu_app_trust",
                "{\"id\":\"api-app\",\"app\":\"api-app\",\"trusted\":[\"worker-app\"]}");
        plan(provider, "watasu_app", appPrior, appPrior);
        plan(provider, "watasu_app_trust", trustPrior, trustPrior);
        expectNoErrors(provider.readDataSource(ReadDataSource.Request.newBuilder()
                .setTypeName("watasu_internal_endpoint").setConfig(msgpack(endpoint, ENDPOINT_TYPE)).build())
                .getDiagnosticsList());
        expectNoErrors(provider.importResourceState(ImportResourceState.Request.newBuilder()
                .setTypeName("watasu_app").setId("acme/worker-app").build()).getDiagnosticsList());

        // An apply: a changed trust list, checked at plan time and committed.
        Map<String, Object> wider = new HashMap<>(Map.of("id", "api-app", "app", "api-app",
                "trusted", List.of("billing-app", "worker-app")));
        DynamicValue planned = plan(provider, "watasu_app_trust", trustPrior, msgpack(wider, TRUST_TYPE));
        expectNoErrors(provider.applyResourceChange(ApplyResourceChange.Request.newBuilder()
                .setTypeName("watasu_app_trust").setPriorState(trustPrior).setPlannedState(planned)
                .setConfig(msgpack(wider, TRUST_TYPE)).build()).getDiagnosticsList());
    }

    /** UpgradeResourceState then ReadResource, as Terraform refreshes a resource: returns the state read. */
    private static DynamicValue upgradeAndRead(ProviderGrpc.ProviderBlockingStub provider, String type, String json) {
        UpgradeResourceState.Response upgraded = provider.upgradeResourceState(UpgradeResourceState.Request
                .newBuilder().setTypeName(type)
                .setRawState(RawState.newBuilder().setJson(ByteString.copyFromUtf8(json))).build());
        expectNoErrors(upgraded.getDiagnosticsList());
        ReadResource.Response read = provider.readResource(ReadResource.Request.newBuilder().setTypeName(type)
                .setCurrentState(upgraded.getUpgradedState()).build());
        expectNoErrors(read.getDiagnosticsList());
        return read.getNewState();
    }

    private static DynamicValue plan(ProviderGrpc.ProviderBlockingStub provider, String type, DynamicValue prior,
                                     DynamicValue proposed) {
        PlanResourceChange.Response planned = provider.planResourceChange(PlanResourceChange.Request.newBuilder()
                .setTypeName(type).setPriorState(prior).setProposedNewState(proposed).setConfig(proposed).build());
        expectNoErrors(planned.getDiagnosticsList());
        return planned.getPlannedState();
    }

    private static void expectNoErrors(List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.getSeverity() == Diagnostic.Severity.ERROR) {
                throw new IllegalStateException("training session failed: " + diagnostic.getSummary() + ": "
                        + diagnostic.getDetail());
            }
        }
    }

    /** A bare repository holding {@link #MODEL} on branch main, as the provider's remote. */
    private static Path seededRepository(Path work) throws Exception {
        Path bare = work.resolve("remote.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        Path seed = work.resolve("seed");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("watasu.yaml"), MODEL);
            git.add().addFilepattern("watasu.yaml").call();
            PersonIdent training = new PersonIdent("training", "training@watasu.io");
            git.commit().setMessage("training").setAuthor(training).setCommitter(training).setSign(false).call();
            git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("main:main")).call();
        }
        return bare;
    }

    private static CtyType.ObjectOf strings(String... names) {
        Map<String, CtyType> attributes = new HashMap<>();
        for (String name : names) {
            attributes.put(name, CtyType.STRING);
        }
        return new CtyType.ObjectOf(attributes);
    }

    private static DynamicValue msgpack(Map<String, Object> value, CtyType type) {
        return DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(value, type))).build();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
