package io.watasu.bridge.provider;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.watasu.bridge.plugin.Log;
import io.watasu.bridge.proto.tfplugin6.ApplyResourceChange;
import io.watasu.bridge.proto.tfplugin6.ConfigureProvider;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.proto.tfplugin6.DynamicValue;
import io.watasu.bridge.proto.tfplugin6.GetProviderSchema;
import io.watasu.bridge.proto.tfplugin6.ImportResourceState;
import io.watasu.bridge.proto.tfplugin6.PlanResourceChange;
import io.watasu.bridge.proto.tfplugin6.ProviderGrpc;
import io.watasu.bridge.proto.tfplugin6.ReadDataSource;
import io.watasu.bridge.proto.tfplugin6.ReadResource;
import io.watasu.bridge.proto.tfplugin6.ServerCapabilities;
import io.watasu.bridge.proto.tfplugin6.StopProvider;
import io.watasu.bridge.proto.tfplugin6.UpgradeResourceState;
import io.watasu.bridge.proto.tfplugin6.ValidateDataResourceConfig;
import io.watasu.bridge.proto.tfplugin6.ValidateProviderConfig;
import io.watasu.bridge.proto.tfplugin6.ValidateResourceConfig;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.JsonStateCodec;
import io.watasu.bridge.wire.MsgpackCodec;
import io.watasu.store.GitModelRepository;
import io.watasu.store.ModelRepository;
import io.watasu.store.RepositoryException;
import io.watasu.store.RepositorySettings;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code tfplugin6.Provider} service: decodes Terraform's values, dispatches to the resource types and the data
 * source, and turns every failure into diagnostics (never a gRPC error, which Terraform would show as a crash).
 */
public final class WatasuProvider extends ProviderGrpc.ProviderImplBase {
    /** State is stored in this schema version; bump it with an upgrade path when the shape changes. */
    private static final long SCHEMA_VERSION = 0;

    private final Map<String, ManagedResource> resources = Map.of(
            AppResource.TYPE, new AppResource(),
            AppTrustResource.TYPE, new AppTrustResource());
    private final Function<RepositorySettings, ModelRepository> openRepository;
    private final Map<String, String> env;
    private volatile ModelRepository repository;
    /** Apps this process planned to create; Terraform starts one provider process per plan or apply. */
    private final PlannedApps plannedApps = new PlannedApps();

    /**
     * @param openRepository opens the repository once the provider block is known (the costly part of start-up, so
     *                       it waits for ConfigureProvider, which schema-only launches never receive)
     */
    public WatasuProvider(Function<RepositorySettings, ModelRepository> openRepository, Map<String, String> env) {
        this.openRepository = openRepository;
        this.env = env;
    }

    /**
     * The provider on a Git repository. A missing file (or an empty repository) is read as a model without teams, so
     * that a team's first {@code terraform apply} creates it.
     */
    public static WatasuProvider onGit(Map<String, String> env) {
        return new WatasuProvider(settings -> new GitModelRepository(settings,
                GitModelRepository.MissingFile.START_EMPTY, Log::debug), env);
    }

    @Override
    public void getProviderSchema(GetProviderSchema.Request request,
                                  StreamObserver<GetProviderSchema.Response> response) {
        GetProviderSchema.Response.Builder schema = GetProviderSchema.Response.newBuilder()
                .setProvider(ProviderConfig.SCHEMA.toProto(0))
                .putDataSourceSchemas(InternalEndpointDataSource.TYPE,
                        InternalEndpointDataSource.SCHEMA.toProto(SCHEMA_VERSION))
                .setServerCapabilities(ServerCapabilities.newBuilder()
                        .setPlanDestroy(true)
                        .setGetProviderSchemaOptional(true));
        resources.values().forEach(r -> schema.putResourceSchemas(r.typeName(), r.schema().toProto(SCHEMA_VERSION)));
        reply(response, schema.build());
    }

    @Override
    public void validateProviderConfig(ValidateProviderConfig.Request request,
                                       StreamObserver<ValidateProviderConfig.Response> response) {
        List<Diagnostic> problems = guarded(() -> {
            Map<String, Object> config = decodeObject(request.getConfig(), ProviderConfig.SCHEMA.type());
            Object repositoryValue = config.get("repository");
            if (repositoryValue instanceof String s && s.isBlank()) {
                throw new ProviderError("Empty repository", "Set repository to a Git URL or a local path.",
                        ProviderError.path("repository"));
            }
            return List.of();
        });
        reply(response, ValidateProviderConfig.Response.newBuilder().addAllDiagnostics(problems).build());
    }

    @Override
    public void validateResourceConfig(ValidateResourceConfig.Request request,
                                       StreamObserver<ValidateResourceConfig.Response> response) {
        List<Diagnostic> problems = guarded(() -> {
            ManagedResource resource = resource(request.getTypeName());
            return resource.validate(decodeObject(request.getConfig(), resource.schema().type()));
        });
        reply(response, ValidateResourceConfig.Response.newBuilder().addAllDiagnostics(problems).build());
    }

    @Override
    public void validateDataResourceConfig(ValidateDataResourceConfig.Request request,
                                           StreamObserver<ValidateDataResourceConfig.Response> response) {
        List<Diagnostic> problems = guarded(() -> {
            dataSource(request.getTypeName());
            return InternalEndpointDataSource.validate(
                    decodeObject(request.getConfig(), InternalEndpointDataSource.SCHEMA.type()));
        });
        reply(response, ValidateDataResourceConfig.Response.newBuilder().addAllDiagnostics(problems).build());
    }

    @Override
    public void configureProvider(ConfigureProvider.Request request,
                                  StreamObserver<ConfigureProvider.Response> response) {
        List<Diagnostic> problems = guarded(() -> {
            RepositorySettings settings = ProviderConfig.settings(
                    decodeObject(request.getConfig(), ProviderConfig.SCHEMA.type()), env);
            Log.debug("configured by Terraform " + request.getTerraformVersion() + ": " + settings);
            ModelRepository opened = openRepository.apply(settings);
            repository = opened;
            // Every walk that configures the provider reads the model next; fetching now overlaps with Terraform's
            // own work. A failure here is reported by the call that needs the model.
            CompletableFuture.runAsync(() -> {
                try {
                    opened.head();
                } catch (RuntimeException e) {
                    Log.debug("prefetch failed: " + e.getMessage());
                }
            });
            return List.of();
        });
        reply(response, ConfigureProvider.Response.newBuilder().addAllDiagnostics(problems).build());
    }

    @Override
    public void upgradeResourceState(UpgradeResourceState.Request request,
                                     StreamObserver<UpgradeResourceState.Response> response) {
        UpgradeResourceState.Response.Builder reply = UpgradeResourceState.Response.newBuilder();
        reply.addAllDiagnostics(guarded(() -> {
            CtyType type = resource(request.getTypeName()).schema().type();
            // Only version 0 exists so far: the stored JSON already has the current shape.
            Object state = JsonStateCodec.decode(request.getRawState().getJson().toByteArray(), type);
            reply.setUpgradedState(encode(state, type));
            return List.of();
        }));
        reply(response, reply.build());
    }

    @Override
    public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> response) {
        ReadResource.Response.Builder reply = ReadResource.Response.newBuilder()
                .setNewState(request.getCurrentState()).setPrivate(request.getPrivate());
        reply.addAllDiagnostics(guarded(() -> {
            ManagedResource resource = resource(request.getTypeName());
            CtyType type = resource.schema().type();
            Map<String, Object> current = decodeObject(request.getCurrentState(), type);
            reply.setNewState(encode(resource.read(repository(), current), type));
            return List.of();
        }));
        reply(response, reply.build());
    }

    @Override
    public void planResourceChange(PlanResourceChange.Request request,
                                   StreamObserver<PlanResourceChange.Response> response) {
        PlanResourceChange.Response.Builder reply = PlanResourceChange.Response.newBuilder();
        reply.addAllDiagnostics(guarded(() -> {
            ManagedResource resource = resource(request.getTypeName());
            CtyType type = resource.schema().type();
            Map<String, Object> proposed = decodeObject(request.getProposedNewState(), type);
            // Deletes are planned without touching the repository, so destroy works even when it is unreachable.
            ManagedResource.Plan plan = resource.plan(proposed == null ? null : repository(), plannedApps,
                    decodeObject(request.getPriorState(), type), proposed, request.getPriorPrivate().toByteArray());
            reply.setPlannedState(encode(plan.planned(), type)).addAllRequiresReplace(plan.requiresReplace());
            if (plan.plannedPrivate() != null) {
                reply.setPlannedPrivate(ByteString.copyFrom(plan.plannedPrivate()));
            }
            return List.of();
        }));
        reply(response, reply.build());
    }

    @Override
    public void applyResourceChange(ApplyResourceChange.Request request,
                                    StreamObserver<ApplyResourceChange.Response> response) {
        // Until the change lands, the prior state is the truth: a failed commit changed nothing.
        ApplyResourceChange.Response.Builder reply = ApplyResourceChange.Response.newBuilder()
                .setNewState(request.getPriorState());
        reply.addAllDiagnostics(guarded(() -> {
            ManagedResource resource = resource(request.getTypeName());
            CtyType type = resource.schema().type();
            Map<String, Object> newState = resource.apply(repository(), decodeObject(request.getPriorState(), type),
                    decodeObject(request.getPlannedState(), type));
            reply.setNewState(encode(newState, type));
            return List.of();
        }));
        reply(response, reply.build());
    }

    @Override
    public void importResourceState(ImportResourceState.Request request,
                                    StreamObserver<ImportResourceState.Response> response) {
        ImportResourceState.Response.Builder reply = ImportResourceState.Response.newBuilder();
        reply.addAllDiagnostics(guarded(() -> {
            ManagedResource resource = resource(request.getTypeName());
            Map<String, Object> state = resource.importState(repository(), request.getId());
            reply.addImportedResources(ImportResourceState.ImportedResource.newBuilder()
                    .setTypeName(request.getTypeName())
                    .setState(encode(state, resource.schema().type())));
            return List.of();
        }));
        reply(response, reply.build());
    }

    @Override
    public void readDataSource(ReadDataSource.Request request, StreamObserver<ReadDataSource.Response> response) {
        ReadDataSource.Response.Builder reply = ReadDataSource.Response.newBuilder();
        reply.addAllDiagnostics(guarded(() -> {
            dataSource(request.getTypeName());
            CtyType type = InternalEndpointDataSource.SCHEMA.type();
            reply.setState(encode(InternalEndpointDataSource.read(repository(), decodeObject(request.getConfig(), type)),
                    type));
            return List.of();
        }));
        reply(response, reply.build());
    }

    /** Each call is one short Git operation at most, so there is nothing long-running to interrupt. */
    @Override
    public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> response) {
        reply(response, StopProvider.Response.getDefaultInstance());
    }

    private ModelRepository repository() {
        ModelRepository configured = repository;
        if (configured == null) {
            throw new ProviderError("The watasu provider is not configured",
                    "Add a provider \"watasu\" block with at least repository = \"...\".");
        }
        return configured;
    }

    private ManagedResource resource(String typeName) {
        ManagedResource resource = resources.get(typeName);
        if (resource == null) {
            throw new ProviderError("Unknown resource type " + typeName,
                    "The watasu provider has: " + String.join(", ", resources.keySet().stream().sorted().toList()) + ".");
        }
        return resource;
    }

    private static void dataSource(String typeName) {
        if (!InternalEndpointDataSource.TYPE.equals(typeName)) {
            throw new ProviderError("Unknown data source " + typeName,
                    "The watasu provider has: " + InternalEndpointDataSource.TYPE + ".");
        }
    }

    /** Runs one call's work; every failure becomes error diagnostics, with a stack trace on stderr for the unexpected. */
    private static List<Diagnostic> guarded(Supplier<List<Diagnostic>> work) {
        try {
            return work.get();
        } catch (ProviderError e) {
            return e.diagnostics();
        } catch (RepositoryException e) {
            return List.of(ProviderError.error("Watasu repository: " + e.getMessage(), "", null));
        } catch (RuntimeException e) {
            // A defect, not the user's mistake. The stack trace goes to the provider log; users get no Java types.
            Log.error("unexpected failure: " + stackTrace(e));
            return List.of(ProviderError.error("Internal error in the watasu provider",
                    "Nothing was changed by the failed call. Run again with TF_LOG_PROVIDER=error to see the details "
                            + "in the provider log, and report them.", null));
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static Map<String, Object> decodeObject(DynamicValue value, CtyType type) {
        Object decoded = value.getMsgpack().isEmpty() && !value.getJson().isEmpty()
                ? JsonStateCodec.decode(value.getJson().toByteArray(), type)
                : MsgpackCodec.decode(value.getMsgpack().toByteArray(), type);
        return decoded == null ? null : Values.object(decoded);
    }

    private static DynamicValue encode(Object value, CtyType type) {
        return DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(value, type))).build();
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
