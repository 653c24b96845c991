package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.AttributePath;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.SchemaBlock;
import io.watasu.bridge.wire.SchemaBlock.Attribute;
import io.watasu.bridge.wire.SchemaBlock.Mode;
import io.watasu.bridge.wire.Unknown;
import io.watasu.config.FleetValidator;
import io.watasu.edit.ProcessSpec;
import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.names.Names;
import io.watasu.store.ChangeRejectedException;
import io.watasu.store.ModelChange;
import io.watasu.store.ModelRepository;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code watasu_app}: one app of a team and its processes, as written in {@code watasu.yaml}. */
final class AppResource implements ManagedResource {
    static final String TYPE = "watasu_app";
    private static final int MAX_PORT = 65535;
    private static final String CLUSTERS = "clusters";
    /**
     * Set on the update half of a replacement (the app moves to another team) and handed by Terraform to the create
     * half, which must then not mistake the app's current entry for a name clash.
     */
    private static final byte[] MOVING = "moving-team".getBytes(StandardCharsets.UTF_8);

    private static final SchemaBlock SCHEMA = new SchemaBlock(
            "An app of a team in `watasu.yaml`. Process names decide exposure: `web` and `*-web` are public HTTP, "
                    + "`*-tcp` private TCP (reachable from the same app and the apps on its trust list), `*-rtc` "
                    + "public UDP, anything else nothing inbound. Changing `team` or `name` replaces the app. "
                    + "Import with `team/app`.",
            List.of(
                    Attribute.of("id", CtyType.STRING, Mode.COMPUTED, "`team/app`."),
                    Attribute.of("team", CtyType.STRING, Mode.REQUIRED,
                            "The team: its Kubernetes namespace, so a DNS-1123 label that is not a namespace of "
                                    + "the cluster itself (`default`, `kube-*`, ...). Changing it replaces the app."),
                    Attribute.of("name", CtyType.STRING, Mode.REQUIRED,
                            "The app name, unique across all teams: a DNS-1035 label (lower-case letters, digits "
                                    + "and `-`, starting with a letter), as it starts Service names. Changing it "
                                    + "replaces the app."),
                    Attribute.mapOfObjects("processes", List.of(
                                    Attribute.of("command", CtyType.STRING, Mode.REQUIRED, "The command the platform runs."),
                                    Attribute.of("port", CtyType.NUMBER, Mode.OPTIONAL_COMPUTED,
                                            "The port the process listens on; default `" + Process.DEFAULT_PORT + "`."),
                                    Attribute.of("metrics_port", CtyType.NUMBER, Mode.OPTIONAL,
                                            "The TCP port the platform's metrics scrapers (`platform.scrapers`) may "
                                                    + "reach; none when unset.")),
                            Mode.REQUIRED, "Processes by name (`web`, `worker`, `grpc-tcp`, ...)."),
                    Attribute.of(CLUSTERS, new CtyType.SetOf(CtyType.STRING), Mode.OPTIONAL,
                            "For a `watasu.yaml` that declares `clusters` (a fleet): the clusters the app runs on, "
                                    + "clusters of its team. Unset: all of the team's clusters (no `clusters` key in "
                                    + "the file). An unknown cluster, a cluster the team does not run on, and a "
                                    + "placement that leaves a trust grant between apps sharing no cluster are plan "
                                    + "errors on this attribute. Clusters already listed keep their place in the "
                                    + "file; new ones are appended.")));

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
        if (Values.known(config, "team")) {
            NameRules.team(Values.string(config, "team"), ProviderError.path("team")).ifPresent(problems::add);
        }
        if (Values.known(config, "name")) {
            NameRules.app(Values.string(config, "name"), ProviderError.path("name")).ifPresent(problems::add);
        }
        Object processes = config.get("processes");
        if (processes instanceof Map<?, ?> byName) {
            byName.forEach((name, process) -> validateProcess((String) name, process, problems));
        }
        if (config.get(CLUSTERS) instanceof List<?> clusters && clusters.isEmpty()) {
            // watasu.yaml reads an empty list as no list: the state could never show it, and the plan never settle.
            problems.add(ProviderError.error("Empty clusters", "Leave clusters unset for all of the team's "
                    + "clusters, or name at least one.", ProviderError.path(CLUSTERS)));
        }
        return problems;
    }

    private static void validateProcess(String name, Object process, List<Diagnostic> problems) {
        NameRules.process(name, ProviderError.path("processes", name)).ifPresent(problems::add);
        if (!(process instanceof Map<?, ?>)) {
            return;
        }
        for (String attribute : List.of("port", "metrics_port")) {
            Object port = Values.object(process).get(attribute);
            if (port instanceof BigDecimal number && !validPort(number)) {
                problems.add(ProviderError.error("Invalid " + attribute.replace('_', ' ') + " "
                                + number.toPlainString() + " for process " + name,
                        "A port is a whole number from 1 to " + MAX_PORT + ".", ProviderError.path("processes", name)));
            }
        }
    }

    private static boolean validPort(BigDecimal port) {
        return port.stripTrailingZeros().scale() <= 0 && port.compareTo(BigDecimal.ONE) >= 0
                && port.compareTo(BigDecimal.valueOf(MAX_PORT)) <= 0;
    }

    @Override
    public Map<String, Object> read(ModelRepository repository, Map<String, Object> current) {
        return repository.head().config().app(Values.string(current, "name")).map(AppResource::state).orElse(null);
    }

    private static Map<String, Object> state(App app) {
        Map<String, Object> processes = new LinkedHashMap<>();
        for (Process process : app.processes()) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("command", process.command());
            attributes.put("port", BigDecimal.valueOf(process.port()));
            attributes.put("metrics_port", process.metricsPort() == null ? null
                    : BigDecimal.valueOf(process.metricsPort()));
            processes.put(process.name(), attributes);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", app.team() + "/" + app.name());
        state.put("team", app.team());
        state.put("name", app.name());
        state.put("processes", processes);
        state.put(CLUSTERS, app.clusters().isEmpty() ? null : app.clusters().stream().distinct().sorted().toList());
        return state;
    }

    @Override
    public Plan plan(ModelRepository repository, PlannedApps plannedApps, Map<String, Object> prior,
                     Map<String, Object> proposed, byte[] priorPrivate) {
        if (proposed == null) {
            return new Plan(null, List.of(), null);
        }
        Map<String, Object> planned = Values.copy(proposed);
        boolean namesKnown = Values.known(planned, "team") && Values.known(planned, "name");
        planned.put("id", namesKnown ? Values.string(planned, "team") + "/" + Values.string(planned, "name") : Unknown.VALUE);
        if (planned.get("processes") instanceof Map<?, ?> processes) {
            // The port default is certain, so plan it rather than leaving it unknown until apply.
            processes.values().stream().filter(p -> p instanceof Map<?, ?>).map(Values::object)
                    .filter(p -> p.get("port") == null)
                    .forEach(p -> p.put("port", BigDecimal.valueOf(Process.DEFAULT_PORT)));
        }
        List<AttributePath> replace = prior == null ? List.of()
                : List.of(ProviderError.path("team"), ProviderError.path("name"));
        boolean moving = prior != null && namesKnown && !Values.string(prior, "team").equals(Values.string(planned, "team"));
        if (!moving && !Unknown.containsUnknown(planned) && !planned.equals(prior)) {
            checkAgainstRepository(repository, prior, planned, priorPrivate);
            plannedApps.add(upsert(planned));
        }
        return new Plan(planned, replace, moving ? MOVING : null);
    }

    private static void checkAgainstRepository(ModelRepository repository, Map<String, Object> prior,
                                               Map<String, Object> planned, byte[] priorPrivate) {
        String team = Values.string(planned, "team");
        String name = Values.string(planned, "name");
        Optional<App> existing = repository.head().config().app(name);
        if (prior == null && existing.isPresent()) {
            if (existing.get().team().equals(team)) {
                throw new ProviderError("App " + name + " already exists in team " + team,
                        "It was not created by this configuration. Adopt it with: terraform import <address> "
                                + team + "/" + name, ProviderError.path("name"));
            }
            if (!java.util.Arrays.equals(MOVING, priorPrivate)) {
                throw new ProviderError("App name " + name + " is taken by team " + existing.get().team(),
                        "App names are global across teams; choose another name.", ProviderError.path("name"));
            }
            // The replacement removes the app first; the create is checked when it is applied.
            return;
        }
        try {
            repository.check(List.of(upsert(planned)));
        } catch (ChangeRejectedException e) {
            throw rejected(e, planned);
        }
    }

    @Override
    public Map<String, Object> apply(ModelRepository repository, Map<String, Object> prior,
                                     Map<String, Object> planned) {
        try {
            if (planned == null) {
                String name = Values.string(prior, "name");
                // Removed by hand already: the goal is reached.
                if (repository.head().config().app(name).isPresent()) {
                    repository.commit(new ModelChange.RemoveApp(name));
                }
                return null;
            }
            repository.commit(upsert(planned));
            return planned;
        } catch (ChangeRejectedException e) {
            throw rejected(e, planned == null ? prior : planned);
        }
    }

    private static ModelChange.UpsertApp upsert(Map<String, Object> app) {
        Map<String, ProcessSpec> processes = new LinkedHashMap<>();
        Values.map(app, "processes").forEach((name, value) -> {
            Map<String, Object> process = Values.object(value);
            BigDecimal metricsPort = process.get("metrics_port") == null ? null
                    : Values.number(process, "metrics_port");
            processes.put(name, new ProcessSpec(Values.string(process, "command"),
                    Values.number(process, "port").intValueExact(),
                    metricsPort == null ? null : metricsPort.intValueExact()));
        });
        return new ModelChange.UpsertApp(Values.string(app, "team"), Values.string(app, "name"), processes,
                new java.util.LinkedHashSet<>(Values.strings(app, CLUSTERS)));
    }

    /**
     * Anchors the loader's findings to the attribute that causes them: the app's clusters (a placement, or a trust
     * grant the placement leaves between apps sharing no cluster), else the process they name, else the app's name.
     */
    private static ProviderError rejected(ChangeRejectedException e, Map<String, Object> app) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (io.watasu.config.Diagnostic error : e.errors()) {
            String subject = error.subject() == null ? "" : error.subject();
            boolean placement = subject.matches(".*\\.apps\\.[^.]+\\.clusters(\\[\\d+])?");
            boolean grant = subject.matches(".*\\.trust\\[\\d+]")
                    && error.message().contains(FleetValidator.UNSHARED_CLUSTER_TRUST);
            String detail = grant ? error.format() + "\n\nA trust grant holds only where both apps run. To move "
                    + "an app away from an app it trusts or is trusted by, first remove that entry from the trust "
                    + "list (watasu_app_trust) and apply, then change clusters." : error.format();
            AttributePath path = placement || grant ? ProviderError.path(CLUSTERS)
                    : Values.map(app, "processes").keySet().stream()
                    .filter(process -> error.message().contains(process))
                    .findFirst().map(process -> ProviderError.path("processes", process))
                    .orElse(ProviderError.path("name"));
            diagnostics.add(ProviderError.error("Invalid change to watasu.yaml: " + error.message(), detail, path));
        }
        return new ProviderError(diagnostics);
    }

    @Override
    public Map<String, Object> importState(ModelRepository repository, String id) {
        String[] parts = id.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ProviderError("Invalid import id \"" + id + "\"", "Import a watasu_app as team/app, "
                    + "for example: terraform import watasu_app.api acme/api-app");
        }
        Optional<App> app = repository.head().config().app(parts[1]).filter(a -> a.team().equals(parts[0]));
        if (app.isEmpty()) {
            throw new ProviderError("No app " + parts[1] + " in team " + parts[0],
                    "The repository's watasu.yaml has no such app at the branch head; check the spelling, or "
                            + "create the app with a watasu_app resource instead of importing it.");
        }
        return state(app.get());
    }
}
