package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.store.ChangeRejectedException;
import io.watasu.bridge.store.ModelChange;
import io.watasu.bridge.store.WatasuRepository;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.SchemaBlock;
import io.watasu.bridge.wire.SchemaBlock.Attribute;
import io.watasu.bridge.wire.SchemaBlock.Mode;
import io.watasu.bridge.wire.Unknown;
import io.watasu.model.App;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code watasu_app_trust}: the whole trust list of one app. It owns the list exclusively, and deleting it empties the
 * list, so removing the resource never leaves more access than the configuration declares.
 */
final class AppTrustResource implements ManagedResource {
    static final String TYPE = "watasu_app_trust";

    private static final SchemaBlock SCHEMA = new SchemaBlock(
            "The complete trust list of an app: the apps of the same team allowed to connect to its `*-tcp` "
                    + "processes. This resource owns the whole list (entries added by hand show up as drift and are "
                    + "removed on apply). Destroying it empties the list: access fails closed. Import with the app name.",
            List.of(
                    Attribute.of("id", CtyType.STRING, Mode.COMPUTED, "The app name."),
                    Attribute.of("app", CtyType.STRING, Mode.REQUIRED,
                            "The app whose `*-tcp` processes are being opened. Changing it replaces the resource."),
                    Attribute.of("trusted", new CtyType.SetOf(CtyType.STRING), Mode.REQUIRED,
                            "Apps of the same team allowed to call `app`'s `*-tcp` processes. Trust is directional.")));

    @Override
    public String typeName() {
        return TYPE;
    }

    @Override
    public SchemaBlock schema() {
        return SCHEMA;
    }

    @Override
    public List<Diagnostic> validate(Map<String, Object> config) {
        List<Diagnostic> problems = new ArrayList<>();
        if (Values.known(config, "app") && !Names.isDns1123Label(Values.string(config, "app"))) {
            problems.add(ProviderError.error("Invalid app name \"" + Values.string(config, "app") + "\"",
                    "App names are lower-case letters, digits and '-'.", ProviderError.path("app")));
        }
        if (config.get("trusted") instanceof List<?> trusted) {
            trusted.stream().filter(t -> t instanceof String s && !Names.isDns1123Label(s)).forEach(t ->
                    problems.add(ProviderError.error("Invalid app name \"" + t + "\" in trusted",
                            "App names are lower-case letters, digits and '-'.", ProviderError.path("trusted"))));
        }
        return problems;
    }

    @Override
    public Map<String, Object> read(WatasuRepository repository, Map<String, Object> current) {
        return repository.head().config().app(Values.string(current, "app")).map(AppTrustResource::state).orElse(null);
    }

    private static Map<String, Object> state(App app) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", app.name());
        state.put("app", app.name());
        state.put("trusted", app.trust().stream().sorted().toList());
        return state;
    }

    @Override
    public Plan plan(WatasuRepository repository, Map<String, Object> prior, Map<String, Object> proposed,
                     byte[] priorPrivate) {
        if (proposed == null) {
            return new Plan(null, List.of(), null);
        }
        Map<String, Object> planned = Values.copy(proposed);
        planned.put("id", Values.known(planned, "app") ? Values.string(planned, "app") : Unknown.VALUE);
        if (!Unknown.containsUnknown(planned) && !planned.equals(prior)) {
            checkAgainstRepository(repository, planned);
        }
        return new Plan(planned, prior == null ? List.of() : List.of(ProviderError.path("app")), null);
    }

    /**
     * Cross-team trust is refused outright. The whole edited model is validated once the app and every trusted app
     * exist at the head; apps created in the same apply are checked when the trust is applied.
     */
    private static void checkAgainstRepository(WatasuRepository repository, Map<String, Object> planned) {
        WatasuConfig config = repository.head().config();
        String appName = Values.string(planned, "app");
        Optional<App> app = config.app(appName);
        if (app.isEmpty()) {
            return;
        }
        List<String> trusted = Values.strings(planned, "trusted");
        List<Diagnostic> problems = new ArrayList<>();
        boolean allExist = true;
        for (String name : trusted) {
            Optional<App> other = config.app(name);
            allExist &= other.isPresent();
            if (other.isPresent() && !other.get().team().equals(app.get().team())) {
                problems.add(ProviderError.error("Cannot trust " + name + ": it belongs to team " + other.get().team()
                                + ", and " + appName + " to team " + app.get().team(),
                        "Trust only reaches apps of the same team; apps of different teams can never connect. "
                                + "Remove \"" + name + "\" from trusted.", ProviderError.path("trusted")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProviderError(problems);
        }
        if (allExist) {
            try {
                repository.check(new ModelChange.SetTrust(appName, trusted));
            } catch (ChangeRejectedException e) {
                throw rejected(e);
            }
        }
    }

    @Override
    public Map<String, Object> apply(WatasuRepository repository, Map<String, Object> prior,
                                     Map<String, Object> planned) {
        try {
            if (planned == null) {
                String app = Values.string(prior, "app");
                // An app that is already gone trusts nobody; there is nothing left to close.
                if (repository.head().config().app(app).isPresent()) {
                    repository.commit(new ModelChange.SetTrust(app, List.of()));
                }
                return null;
            }
            repository.commit(new ModelChange.SetTrust(Values.string(planned, "app"), Values.strings(planned, "trusted")));
            return planned;
        } catch (ChangeRejectedException e) {
            throw rejected(e);
        }
    }

    private static ProviderError rejected(ChangeRejectedException e) {
        return new ProviderError(e.errors().stream().map(error -> ProviderError.error(
                "Invalid trust: " + error.message(), error.format(), ProviderError.path("trusted"))).toList());
    }

    @Override
    public Map<String, Object> importState(WatasuRepository repository, String id) {
        return repository.head().config().app(id).map(AppTrustResource::state).orElseThrow(() -> new ProviderError(
                "No app " + id, "Import a watasu_app_trust by the app's name, for example: "
                        + "terraform import watasu_app_trust.grpc grpc-app"));
    }
}
