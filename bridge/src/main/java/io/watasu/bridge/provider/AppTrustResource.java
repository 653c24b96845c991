package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.AttributePath;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.SchemaBlock;
import io.watasu.bridge.wire.SchemaBlock.Attribute;
import io.watasu.bridge.wire.SchemaBlock.Mode;
import io.watasu.bridge.wire.Unknown;
import io.watasu.config.Suggestions;
import io.watasu.model.App;
import io.watasu.model.WatasuConfig;
import io.watasu.store.ChangeRejectedException;
import io.watasu.store.ModelChange;
import io.watasu.store.ModelRepository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code watasu_app_trust}: the whole trust list of one app. It owns the list exclusively, and deleting it empties the
 * list, so removing the resource never leaves more access than the configuration declares.
 */
final class AppTrustResource implements ManagedResource {
    static final String TYPE = "watasu_app_trust";
    /** How to make Terraform create an app before a trust list that names it. */
    private static final String ORDER_ADVICE = "If this configuration creates the app, refer to it as "
            + "watasu_app.<name>.name instead of writing its name, so that Terraform creates it before this trust "
            + "list.";

    private static final SchemaBlock SCHEMA = new SchemaBlock(
            "The complete trust list of an app: the apps of the same team allowed to connect to its `*-tcp` "
                    + "processes. This resource owns the whole list (entries added by hand show up as drift and are "
                    + "removed on apply). Destroying it empties the list: access fails closed. Every app it names "
                    + "must be in `watasu.yaml` already, or be created by this configuration and referred to as "
                    + "`watasu_app.<name>.name`, so that Terraform creates it first; an unknown app, or an app of "
                    + "another team, is a plan error on the attribute. Import with the app name.",
            List.of(
                    Attribute.of("id", CtyType.STRING, Mode.COMPUTED, "The app name."),
                    Attribute.of("app", CtyType.STRING, Mode.REQUIRED,
                            "The app whose `*-tcp` processes are being opened. Changing it replaces the resource."),
                    Attribute.of("trusted", new CtyType.SetOf(CtyType.STRING), Mode.REQUIRED,
                            "Apps of the same team allowed to call `app`'s `*-tcp` processes. Trust is directional. "
                                    + "Entries already in the file keep their place; new ones are appended.")));

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
        if (Values.known(config, "app")) {
            NameRules.app(Values.string(config, "app"), ProviderError.path("app")).ifPresent(problems::add);
        }
        if (config.get("trusted") instanceof List<?> trusted) {
            trusted.stream().filter(t -> t instanceof String).map(String.class::cast)
                    .forEach(t -> NameRules.app(t, ProviderError.path("trusted")).ifPresent(problems::add));
        }
        return problems;
    }

    @Override
    public Map<String, Object> read(ModelRepository repository, Map<String, Object> current) {
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
    public Plan plan(ModelRepository repository, PlannedApps plannedApps, Map<String, Object> prior,
                     Map<String, Object> proposed, byte[] priorPrivate) {
        if (proposed == null) {
            return new Plan(null, List.of(), null);
        }
        Map<String, Object> planned = Values.copy(proposed);
        planned.put("id", Values.known(planned, "app") ? Values.string(planned, "app") : Unknown.VALUE);
        if (!Unknown.containsUnknown(planned) && !planned.equals(prior)) {
            checkAgainstRepository(repository, plannedApps, planned);
        }
        return new Plan(planned, prior == null ? List.of() : List.of(ProviderError.path("app")), null);
    }

    /**
     * Every named app must be at the branch head or planned for creation by this plan before this trust list (which
     * Terraform does for apps the configuration refers to); apps of another team are refused outright. The whole
     * edited model is then validated: the planned apps are added to the head's text first.
     */
    private static void checkAgainstRepository(ModelRepository repository, PlannedApps plannedApps,
                                               Map<String, Object> planned) {
        WatasuConfig head = repository.head().config();
        String appName = Values.string(planned, "app");
        List<String> trusted = Values.strings(planned, "trusted");
        List<ModelChange> edits = new ArrayList<>();
        Optional<String> team = teamOf(appName, head, plannedApps, edits);
        if (team.isEmpty()) {
            throw new ProviderError(List.of(unknownApp(appName, head, repository, ProviderError.path("app"))));
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (String name : trusted) {
            Optional<String> otherTeam = teamOf(name, head, plannedApps, edits);
            if (otherTeam.isEmpty()) {
                problems.add(unknownApp(name, head, repository, ProviderError.path("trusted")));
            } else if (!otherTeam.get().equals(team.get())) {
                problems.add(ProviderError.error("Cannot trust " + name + ": it belongs to team " + otherTeam.get()
                                + ", and " + appName + " to team " + team.get(),
                        "Trust only reaches apps of the same team; apps of different teams can never connect. "
                                + "Remove \"" + name + "\" from trusted.", ProviderError.path("trusted")));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProviderError(problems);
        }
        edits.add(new ModelChange.SetTrust(appName, new LinkedHashSet<>(trusted)));
        try {
            repository.check(edits);
        } catch (ChangeRejectedException e) {
            throw rejected(e, null);
        }
    }

    /**
     * The app's team at the head, else in this plan; empty if neither. A creation or change of the app planned by
     * this plan joins {@code edits}, so that the list is checked against the apps as they will be (a trust list
     * between apps this plan places on clusters they do not share is refused now, not at apply).
     */
    private static Optional<String> teamOf(String app, WatasuConfig head, PlannedApps plannedApps,
                                           List<ModelChange> edits) {
        Optional<ModelChange.UpsertApp> planned = plannedApps.get(app);
        planned.filter(c -> !edits.contains(c)).ifPresent(edits::add);
        Optional<App> existing = head.app(app);
        if (existing.isPresent()) {
            return Optional.of(existing.get().team());
        }
        return planned.map(ModelChange.UpsertApp::team);
    }

    private static Diagnostic unknownApp(String name, WatasuConfig head, ModelRepository repository,
                                         AttributePath attribute) {
        String nearest = Suggestions.nearest(name, head.apps().map(App::name).toList())
                .map(n -> " (did you mean " + n + "?)").orElse("");
        return ProviderError.error("No app " + name + " in " + repository.location() + nearest,
                ORDER_ADVICE + " Otherwise check the spelling.", attribute);
    }

    @Override
    public Map<String, Object> apply(ModelRepository repository, Map<String, Object> prior,
                                     Map<String, Object> planned) {
        try {
            if (planned == null) {
                String app = Values.string(prior, "app");
                // An app that is already gone trusts nobody; there is nothing left to close.
                if (repository.head().config().app(app).isPresent()) {
                    repository.commit(new ModelChange.SetTrust(app, Set.of()));
                }
                return null;
            }
            repository.commit(new ModelChange.SetTrust(Values.string(planned, "app"),
                    new LinkedHashSet<>(Values.strings(planned, "trusted"))));
            return planned;
        } catch (ChangeRejectedException e) {
            throw rejected(e, ORDER_ADVICE);
        }
    }

    /**
     * The findings against the edited file, on the attribute they are about.
     *
     * @param advice added to each finding's detail, or null
     */
    private static ProviderError rejected(ChangeRejectedException e, String advice) {
        return new ProviderError(e.errors().stream().map(error -> ProviderError.error(
                "Invalid trust: " + error.message(), advice == null ? error.format() : error.format() + "\n\n" + advice,
                isAboutTheList(error) ? ProviderError.path("trusted") : ProviderError.path("app"))).toList());
    }

    /** Findings on the list or an entry carry the subject {@code teams.<t>.apps.<a>.trust[...]}. */
    private static boolean isAboutTheList(io.watasu.config.Diagnostic error) {
        return error.subject() != null && error.subject().matches(".*\\.trust(\\[\\d+])?");
    }

    @Override
    public Map<String, Object> importState(ModelRepository repository, String id) {
        return repository.head().config().app(id).map(AppTrustResource::state).orElseThrow(() -> new ProviderError(
                "No app " + id, "Import a watasu_app_trust by the app's name, for example: "
                        + "terraform import watasu_app_trust.grpc grpc-app"));
    }
}
