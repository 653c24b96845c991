package io.watasu.config;

import io.watasu.model.ApiServer;
import io.watasu.model.App;
import io.watasu.model.Cluster;
import io.watasu.model.ClusterDns;
import io.watasu.model.ClusterProfile;
import io.watasu.model.Fleet;
import io.watasu.model.Guardrails;
import io.watasu.model.IngressController;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.RolloutStep;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.yaml.YamlNode.Entry;
import io.watasu.yaml.YamlNode.Mapping;
import io.watasu.yaml.YamlNode.Scalar;
import io.watasu.yaml.YamlNode.Sequence;
import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlTag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a composed YAML tree into the model, checking shape and types: known fields, duplicate keys, value types,
 * ports and commands. Cross-element rules (names, collisions, trust) belong to {@link ModelValidator}.
 * <p>
 * Reading goes on after an error so that one run reports everything. An element with a local error still enters the
 * model when it has a name (with a placeholder value), so the validator does not report it again as missing; the
 * model is then only used for validation, never returned.
 */
final class ConfigReader {
    private static final List<String> ROOT_FIELDS = List.of("version", "platform", "clusters", "rollout", "teams");
    private static final List<String> PLATFORM_FIELDS = List.of("profile", "domain", "clusterCidrs", "nodeCidrs",
            "reservedNamespaces", "ingress", "dns", "linkLocal", "scrapers", "apiServer", "deployers", "guardrails");
    private static final List<String> GUARDRAIL_FIELDS =
            List.of("networkPolicy", "priority", "admission", "admissionMode", "policyWriters");
    private static final List<String> INGRESS_FIELDS =
            List.of("namespace", "podLabels", "className", "ports", "hostNetwork");
    private static final List<String> DNS_FIELDS = List.of("namespace", "podLabels", "ports", "addresses");
    private static final List<String> LINK_LOCAL_FIELDS = List.of("cidr", "ports");
    private static final List<String> SCRAPER_FIELDS = List.of("namespace", "podLabels");
    private static final List<String> API_SERVER_FIELDS = List.of("addresses", "port");
    private static final List<String> CLUSTER_FIELDS = List.of("server", "name", "labels", "platform");
    private static final List<String> ROLLOUT_STEP_FIELDS = List.of("matchLabels");
    private static final List<String> TEAM_FIELDS = List.of("apps", "clusters");
    private static final List<String> APP_FIELDS = List.of("processes", "trust", "kubernetesApi", "clusters");
    private static final List<String> PROCESS_FIELDS = List.of("command", "port", "metricsPort");
    private static final int MAX_PORT = 65535;
    private static final BigInteger MAX_PORT_NUMBER = BigInteger.valueOf(MAX_PORT);
    private static final SubjectPath VERSION = SubjectPath.root(Subjects.VERSION);
    /** The file and the named elements, each with its fields: tells a mis-indented field from an element's name. */
    private static final Kind FILE = new Kind("the file", ROOT_FIELDS);
    private static final Kind TEAM = new Kind("a team", TEAM_FIELDS);
    private static final Kind APP = new Kind("an app", APP_FIELDS);
    private static final Kind PROCESS = new Kind("a process", PROCESS_FIELDS);
    private static final Set<String> STANDARD_TAGS = Set.of(YamlTag.STR, YamlTag.INT, YamlTag.FLOAT, YamlTag.BOOL,
            YamlTag.NULL, YamlTag.MAP, YamlTag.SEQ, YamlTag.TIMESTAMP, YamlTag.BINARY, YamlTag.SET, YamlTag.OMAP,
            YamlTag.PAIRS, YamlTag.MERGE);

    private final String file;
    private final long maxVisits;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** The file's platform over each other profile that a cluster names: read once per profile, not per cluster. */
    private final Map<ClusterProfile, Platform> platformOverProfile = new EnumMap<>(ClusterProfile.class);
    private final SourceMap.Builder sources;
    private long visits;
    /** Read with the platform (they are written under it), kept beside it in the model. */
    private Guardrails guardrails = Guardrails.NONE;

    /** What was read: the model (partial when there are errors), where everything is, and the findings. */
    record Result(WatasuConfig config, SourceMap sources, List<Diagnostic> diagnostics) {
    }

    /** A kind of element and the fields it has; {@code noun} with its article, e.g. "an app". */
    private record Kind(String noun, List<String> fields) {
        /** "the app", "the file". */
        String definite() {
            return "the " + noun.substring(noun.indexOf(' ') + 1);
        }
    }

    /** Thrown when aliases expand the document beyond the visit budget; ends reading. */
    static final class ExpansionLimitExceeded extends RuntimeException {
        private final transient Diagnostic diagnostic;

        ExpansionLimitExceeded(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }

        Diagnostic diagnostic() {
            return diagnostic;
        }
    }

    ConfigReader(String file, long maxVisits) {
        this.file = file;
        this.maxVisits = maxVisits;
        this.sources = SourceMap.builder(file);
    }

    Result read(YamlNode root) {
        WatasuConfig config = readRoot(root);
        return new Result(config, sources.build(), diagnostics);
    }

    private WatasuConfig readRoot(YamlNode root) {
        SourcePosition start = new SourcePosition(file, 1, 1);
        if (root == null || isNull(root)) {
            diagnostics.add(Diagnostic.error(start, "the file is empty",
                    "start it with 'version: 1' and a 'teams' mapping"));
            return new WatasuConfig(WatasuConfig.CURRENT_VERSION, Platform.defaults(), List.of());
        }
        Fields fields = fields(root, null, () -> "the file", ROOT_FIELDS,
                "a mapping with 'version' and 'teams'", null);
        if (fields == null) {
            return new WatasuConfig(WatasuConfig.CURRENT_VERSION, Platform.defaults(), List.of());
        }
        checkVersion(fields.get("version"));
        YamlNode platformNode = value(fields.get("platform"));
        Platform platform = readPlatform(platformNode);
        Fleet fleet = new Fleet(readClusters(value(fields.get("clusters")), platformNode, platform),
                readRollout(fields.get("rollout")));
        Entry teams = fields.get("teams");
        if (teams == null) {
            diagnostics.add(Diagnostic.error(start, "missing required field 'teams'",
                    "add a 'teams' mapping of team name to its apps").about(Subjects.TEAMS));
        }
        return new WatasuConfig(WatasuConfig.CURRENT_VERSION, platform, readTeams(value(teams)), fleet, guardrails);
    }

    private void checkVersion(Entry field) {
        if (field == null) {
            diagnostics.add(Diagnostic.error(new SourcePosition(file, 1, 1), "missing required field 'version'",
                    "add 'version: " + WatasuConfig.CURRENT_VERSION + "' at the top of the file").about(Subjects.VERSION));
            return;
        }
        YamlNode node = field.value();
        if (!visit(node)) {
            return;
        }
        if (hasLeadingZero(node)) {
            error(node, VERSION, "'version' has a leading zero, which YAML readers take differently",
                    "write 'version: " + WatasuConfig.CURRENT_VERSION + "'");
            return;
        }
        if (!(node instanceof Scalar scalar) || !scalar.tag().equals(YamlTag.INT)
                || !isDecimal(scalar.value())) {
            error(node, VERSION, "'version' must be an integer, found " + describe(node),
                    "write 'version: " + WatasuConfig.CURRENT_VERSION + "'");
            return;
        }
        BigInteger version = new BigInteger(scalar.value());
        if (!version.equals(BigInteger.valueOf(WatasuConfig.CURRENT_VERSION))) {
            error(node, VERSION, "unsupported version " + version + ": this watasu supports version "
                    + WatasuConfig.CURRENT_VERSION, "write the file for version " + WatasuConfig.CURRENT_VERSION
                    + ", or use the watasu release that supports version " + version);
        }
    }

    private Platform readPlatform(YamlNode node) {
        SubjectPath subject = SubjectPath.root(Subjects.PLATFORM);
        Fields fields = optionalFields(node, subject, () -> "'platform'", PLATFORM_FIELDS);
        if (fields == null) {
            return Platform.defaults();
        }
        // The profile decides every other field's default, so it is read first.
        Platform defaults = readProfile(fields.get("profile"), subject.field("profile")).defaults();
        Entry guardrailsField = fields.get("guardrails");
        if (guardrailsField != null) {
            sources.put(subject.field("guardrails"), guardrailsField.key());
        }
        guardrails = readGuardrails(value(guardrailsField), subject.field("guardrails"),
                stringList(fields.get("deployers"), subject.field("deployers"), "a list of user names",
                        "deployers: [system:serviceaccount:watasu-system:deployer]", Guardrails.DEFAULT_DEPLOYERS));
        return readPlatformFields(fields, subject, defaults);
    }

    /** Every platform field but the profile, over {@code defaults} (whose profile the result keeps). */
    private Platform readPlatformFields(Fields fields, SubjectPath subject, Platform defaults) {
        String domain = optionalString(fields.get("domain"), subject.field("domain"), () -> "'" + subject + ".domain'",
                defaults.domain());
        List<String> cidrs = stringList(fields.get("clusterCidrs"), subject.field("clusterCidrs"), "a list of CIDRs",
                "clusterCidrs: [10.0.0.0/8, fd00::/8]", defaults.clusterCidrs());
        List<String> nodeCidrs = stringList(fields.get("nodeCidrs"), subject.field("nodeCidrs"), "a list of CIDRs",
                "nodeCidrs: [10.128.0.0/16]", defaults.nodeCidrs());
        List<String> reserved = stringList(fields.get("reservedNamespaces"), subject.field("reservedNamespaces"),
                "a list of namespaces", "reservedNamespaces: [infra, ops-*]", defaults.reservedNamespaces());
        return new Platform(defaults.profile(), domain, cidrs, nodeCidrs,
                readIngress(value(fields.get("ingress")), subject.field("ingress"), defaults.ingress()),
                readDns(value(fields.get("dns")), subject.field("dns"), defaults.dns()),
                readLinkLocal(fields.get("linkLocal"), subject.field("linkLocal"), defaults.linkLocal()),
                readScrapers(fields.get("scrapers"), subject.field("scrapers"), defaults.scrapers()),
                readApiServer(value(fields.get("apiServer")), subject.field("apiServer"), defaults.apiServer()),
                reserved);
    }

    private Guardrails readGuardrails(YamlNode node, SubjectPath subject, List<String> deployers) {
        Guardrails defaults = Guardrails.NONE;
        Fields fields = optionalFields(node, subject, () -> "'" + subject + "'", GUARDRAIL_FIELDS);
        if (fields == null) {
            return new Guardrails(defaults.networkPolicy(), defaults.priority(), defaults.admission(),
                    defaults.admissionMode(), deployers, defaults.policyWriters());
        }
        Guardrails.NetworkGuardrail network = choice(fields.get("networkPolicy"), subject.field("networkPolicy"),
                Guardrails.NetworkGuardrail.values(), Guardrails.NetworkGuardrail::key, defaults.networkPolicy());
        Guardrails.AdmissionMode mode = choice(fields.get("admissionMode"), subject.field("admissionMode"),
                Guardrails.AdmissionMode.values(), Guardrails.AdmissionMode::key, defaults.admissionMode());
        int priority = defaults.priority();
        Entry priorityField = fields.get("priority");
        if (priorityField != null && !isNull(priorityField.value()) && visit(priorityField.value())) {
            YamlNode value = priorityField.value();
            sources.put(subject.field("priority"), value);
            if (value instanceof Scalar scalar && scalar.tag().equals(YamlTag.INT) && isDecimal(scalar.value())
                    && !hasLeadingZero(value) && scalar.value().length() <= 4
                    && Integer.parseInt(scalar.value()) <= Guardrails.MAX_PRIORITY) {
                priority = Integer.parseInt(scalar.value());
            } else {
                error(value, subject.field("priority"), "'" + subject + ".priority' must be an integer from 0 to "
                        + Guardrails.MAX_PRIORITY + ", found " + describe(value), "write e.g. 'priority: "
                        + Guardrails.DEFAULT_PRIORITY + "'");
            }
        }
        return new Guardrails(network, priority,
                optionalBoolean(fields.get("admission"), subject.field("admission"), defaults.admission()), mode,
                deployers, stringList(fields.get("policyWriters"), subject.field("policyWriters"),
                        "a list of user names", "policyWriters: [system:serviceaccount:argocd:"
                                + "argocd-application-controller]", defaults.policyWriters()));
    }

    /** One of a fixed set of words; {@code defaultValue} when absent, null or unknown (reported). */
    private <T> T choice(Entry field, SubjectPath subject, T[] values, Function<T, String> key, T defaultValue) {
        String text = optionalString(field, subject, () -> "'" + subject + "'", null);
        if (text == null) {
            return defaultValue;
        }
        for (T value : values) {
            if (key.apply(value).equals(text)) {
                return value;
            }
        }
        List<String> keys = Arrays.stream(values).map(key).toList();
        error(field.value(), subject, "unknown " + subject + " '" + text + "'",
                Suggestions.nearest(text, keys).map(s -> "did you mean '" + s + "'?")
                        .orElse("use one of " + String.join(", ", keys)));
        return defaultValue;
    }

    private ClusterProfile readProfile(Entry field, SubjectPath subject) {
        String key = optionalString(field, subject, () -> "'" + subject + "'", null);
        if (key == null) {
            return ClusterProfile.NONE;
        }
        Optional<ClusterProfile> profile = ClusterProfile.byKey(key);
        if (profile.isEmpty()) {
            List<String> keys = ClusterProfile.named().stream().map(ClusterProfile::key).toList();
            error(field.value(), subject, "unknown " + subject + " '" + key + "'",
                    Suggestions.nearest(key, keys).map(s -> "did you mean '" + s + "'?")
                            .orElse("use one of " + String.join(", ", keys) + ", or leave it out"));
        }
        return profile.orElse(ClusterProfile.NONE);
    }

    private IngressController readIngress(YamlNode node, SubjectPath subject, IngressController defaults) {
        Fields fields = optionalFields(node, subject, () -> "'" + subject + "'", INGRESS_FIELDS);
        if (fields == null) {
            return defaults;
        }
        return new IngressController(readPodSelector(fields, subject, defaults.pods()),
                optionalString(fields.get("className"), subject.field("className"),
                        () -> "'" + subject + ".className'", defaults.className()),
                portList(fields.get("ports"), subject.field("ports"), defaults.ports()),
                optionalBoolean(fields.get("hostNetwork"), subject.field("hostNetwork"), defaults.hostNetwork()));
    }

    private ClusterDns readDns(YamlNode node, SubjectPath subject, ClusterDns defaults) {
        Fields fields = optionalFields(node, subject, () -> "'" + subject + "'", DNS_FIELDS);
        if (fields == null) {
            return defaults;
        }
        return new ClusterDns(readPodSelector(fields, subject, defaults.pods()),
                portList(fields.get("ports"), subject.field("ports"), defaults.ports()),
                stringList(fields.get("addresses"), subject.field("addresses"), "a list of addresses",
                        "addresses: [169.254.20.10]", defaults.addresses()));
    }

    private List<LinkLocalAccess> readLinkLocal(Entry field, SubjectPath subject, List<LinkLocalAccess> defaults) {
        return entries(field, subject, "a list of '{cidr, ports}' entries",
                "linkLocal: [{cidr: 169.254.169.254/32, ports: [80]}]", defaults, (item, itemSubject) -> {
                    Fields fields = fields(item, itemSubject, () -> "'" + itemSubject + "'", LINK_LOCAL_FIELDS,
                            null, null);
                    if (fields == null || !present(fields, "cidr", item, itemSubject, "'cidr: 169.254.169.254/32'")
                            | !present(fields, "ports", item, itemSubject, "'ports: [80]'")) {
                        return null;
                    }
                    return new LinkLocalAccess(optionalString(fields.get("cidr"), itemSubject.field("cidr"),
                            () -> "'" + itemSubject + ".cidr'", ""),
                            portList(fields.get("ports"), itemSubject.field("ports"), List.of()));
                });
    }

    private List<PodSelector> readScrapers(Entry field, SubjectPath subject, List<PodSelector> defaults) {
        return entries(field, subject, "a list of '{namespace, podLabels}' entries",
                "scrapers: [{namespace: monitoring, podLabels: {app.kubernetes.io/name: prometheus}}]", defaults,
                (item, itemSubject) -> {
                    Fields fields = fields(item, itemSubject, () -> "'" + itemSubject + "'", SCRAPER_FIELDS,
                            null, null);
                    if (fields == null || !present(fields, "namespace", item, itemSubject, "'namespace: monitoring'")
                            | !present(fields, "podLabels", item, itemSubject,
                            "'podLabels: {app.kubernetes.io/name: prometheus}'")) {
                        return null;
                    }
                    return readPodSelector(fields, itemSubject, new PodSelector("", Map.of()));
                });
    }

    private ApiServer readApiServer(YamlNode node, SubjectPath subject, ApiServer defaults) {
        Fields fields = optionalFields(node, subject, () -> "'" + subject + "'", API_SERVER_FIELDS);
        if (fields == null) {
            return defaults;
        }
        Entry port = fields.get("port");
        return new ApiServer(stringList(fields.get("addresses"), subject.field("addresses"), "a list of addresses",
                "addresses: [10.96.0.1, 172.18.0.2]", defaults.addresses()),
                readPort(port, subject.field("port"), "port", () -> "'" + subject + "'", defaults.port()));
    }

    /**
     * An optional list of strings; the defaults when it is absent or null.
     *
     * @param what    what the list must be, e.g. "a list of CIDRs"
     * @param example the field written out right, for the fix
     */
    private List<String> stringList(Entry field, SubjectPath subject, String what, String example,
                                    List<String> defaults) {
        return entries(field, subject, what, example, defaults,
                (item, path) -> string(item, path, () -> "an entry of '" + subject + "'"));
    }

    private PodSelector readPodSelector(Fields fields, SubjectPath subject, PodSelector defaults) {
        if (fields == null) {
            return defaults;
        }
        String namespace = optionalString(fields.get("namespace"), subject.field("namespace"),
                () -> "'" + subject + ".namespace'", defaults.namespace());
        Map<String, String> podLabels = readLabels(value(fields.get("podLabels")), subject.field("podLabels"));
        return new PodSelector(namespace, podLabels == null ? defaults.podLabels() : podLabels);
    }

    // ---- the fleet ----

    private List<Cluster> readClusters(YamlNode node, YamlNode topPlatform, Platform platform) {
        SubjectPath subject = SubjectPath.root(Subjects.CLUSTERS);
        Fields clusters = optionalNames(node, subject, () -> "'clusters'", "cluster name");
        List<Cluster> result = new ArrayList<>();
        if (clusters == null) {
            return result;
        }
        sources.put(subject, node);
        for (int i = 0; i < clusters.size(); i++) {
            String name = clusters.key(i);
            Entry entry = clusters.entry(i);
            SubjectPath clusterSubject = subject.field(name);
            sources.put(clusterSubject, entry.key());
            Supplier<String> label = () -> "cluster '" + name + "'";
            Fields fields = optionalFields(entry.value(), clusterSubject, label, CLUSTER_FIELDS);
            if (fields == null) {
                result.add(new Cluster(name, null, null, Map.of(), platform));
                continue;
            }
            String server = optionalString(fields.get("server"), clusterSubject.field("server"),
                    () -> "'server' of " + label.get(), null);
            String argoName = optionalString(fields.get("name"), clusterSubject.field("name"),
                    () -> "'name' of " + label.get(), null);
            Map<String, String> labels = readLabels(value(fields.get("labels")), clusterSubject.field("labels"));
            result.add(new Cluster(name, server, argoName, labels == null ? Map.of() : labels,
                    readClusterPlatform(value(fields.get("platform")), clusterSubject.field("platform"),
                            topPlatform, platform)));
        }
        return result;
    }

    /**
     * A cluster's platform: its own fields over the file's, field by field. A profile of its own replaces the
     * file's profile as the source of defaults; the fields the file writes still apply over it.
     */
    private Platform readClusterPlatform(YamlNode node, SubjectPath subject, YamlNode topNode, Platform top) {
        Fields fields = optionalFields(node, subject, () -> "'" + subject + "'", PLATFORM_FIELDS);
        if (fields == null) {
            return top;
        }
        for (String wholeFile : List.of("guardrails", "deployers")) {
            Entry field = fields.get(wholeFile);
            if (field != null) {
                error(field.key(), subject.field(wholeFile), "'" + wholeFile + "' cannot be set per cluster",
                        "set it under the top-level 'platform'");
            }
        }
        Entry profileField = fields.get("profile");
        Platform base = top;
        if (profileField != null && !isNull(profileField.value())) {
            ClusterProfile profile = readProfile(profileField, subject.field("profile"));
            if (profile != top.profile()) {
                base = platformOverProfile.computeIfAbsent(profile, p -> rereadPlatform(topNode, p));
            }
        }
        return readPlatformFields(fields, subject, base);
    }

    /** The file's platform over another profile's defaults; its findings were reported when it was first read. */
    private Platform rereadPlatform(YamlNode topNode, ClusterProfile profile) {
        int reported = diagnostics.size();
        SubjectPath subject = SubjectPath.root(Subjects.PLATFORM);
        Fields fields = optionalFields(topNode, subject, () -> "'platform'", PLATFORM_FIELDS);
        Platform result = fields == null ? profile.defaults() : readPlatformFields(fields, subject, profile.defaults());
        diagnostics.subList(reported, diagnostics.size()).clear();
        return result;
    }

    /**
     * A mapping of label keys to values (pod labels, cluster labels, rollout selectors); null when absent or not a
     * mapping (reported).
     */
    private Map<String, String> readLabels(YamlNode node, SubjectPath subject) {
        Fields labels = optionalNames(node, subject, () -> "'" + subject + "'", "label key");
        if (labels == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        sources.put(subject, node);
        for (int i = 0; i < labels.size(); i++) {
            String key = labels.key(i);
            SubjectPath labelSubject = subject.labelKey(key);
            sources.put(labelSubject, labels.entry(i).key());
            String labelValue = string(labels.entry(i).value(), labelSubject,
                    () -> "the value of label '" + key + "' in '" + subject + "'");
            result.put(key, labelValue == null ? "" : labelValue);
        }
        return result;
    }

    private List<RolloutStep> readRollout(Entry field) {
        SubjectPath subject = SubjectPath.root(Subjects.ROLLOUT);
        return entries(field, subject, "a list of '{matchLabels: {...}}' steps",
                "rollout: [{matchLabels: {env: staging}}, {matchLabels: {env: prod}}]", List.of(),
                (item, itemSubject) -> {
                    Fields fields = fields(item, itemSubject, () -> "'" + itemSubject + "'", ROLLOUT_STEP_FIELDS,
                            null, null);
                    if (fields == null || !present(fields, "matchLabels", item, itemSubject,
                            "'matchLabels: {env: prod}'")) {
                        return null;
                    }
                    Map<String, String> labels = readLabels(value(fields.get("matchLabels")),
                            itemSubject.field("matchLabels"));
                    return new RolloutStep(labels == null ? Map.of() : labels);
                });
    }

    /** A list of cluster names ({@code clusters:} of a team or an app); empty when absent. */
    private List<String> readClusterNames(Entry field, SubjectPath subject, Supplier<String> owner) {
        if (field == null) {
            return List.of();
        }
        sources.put(subject, field.key());
        YamlNode node = field.value();
        if (!visit(node) || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof Sequence sequence)) {
            error(node, subject, "'clusters' of " + owner.get() + " must be a list of cluster names, found "
                    + describe(node), "write e.g. 'clusters: [staging, eu-prod]'");
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            String name = name(item, subject.item(i), () -> "an entry of 'clusters' of " + owner.get(),
                    text -> "cluster name '" + text + "' in 'clusters' of " + owner.get());
            if (name != null) {
                sources.put(subject.item(names.size()), item);
                names.add(name);
            }
        }
        return names;
    }

    private List<Team> readTeams(YamlNode node) {
        SubjectPath subject = SubjectPath.root(Subjects.TEAMS);
        Fields teams = optionalNames(node, subject, () -> "'teams'", "team name");
        List<Team> result = new ArrayList<>();
        if (teams == null) {
            return result;
        }
        for (int i = 0; i < teams.size(); i++) {
            if (!isMisplacedField(teams, i, TEAM, () -> "", FILE, 1)) {
                result.add(readTeam(subject.field(teams.key(i)), teams.key(i), teams.entry(i)));
            }
        }
        return result;
    }

    private Team readTeam(SubjectPath subject, String team, Entry entry) {
        sources.put(subject, entry.key());
        Fields fields = optionalFields(entry.value(), subject, () -> "team '" + team + "'",
                TEAM_FIELDS);
        Entry appsField = fields == null ? null : fields.get("apps");
        YamlNode appsNode = value(appsField);
        SubjectPath appsSubject = subject.field("apps");
        Fields apps = optionalNames(appsNode, appsSubject, () -> "'apps' of team '" + team + "'", "app name");
        List<App> result = new ArrayList<>(apps == null ? 0 : apps.size());
        if (apps != null) {
            for (int i = 0; i < apps.size(); i++) {
                if (!isMisplacedField(apps, i, APP, () -> " of team '" + team + "'", TEAM,
                        appsField.key().column())) {
                    result.add(readApp(appsSubject.field(apps.key(i)), team, apps.key(i), apps.entry(i)));
                }
            }
        }
        if (declaresNothing(appsNode) && (fields != null || isNull(entry.value()))) {
            warning(entry.key(), subject, "team '" + team + "' has no apps", "add apps or remove the team");
        }
        return new Team(team, result, fields == null ? List.of()
                : readClusterNames(fields.get("clusters"), subject.field("clusters"), () -> "team '" + team + "'"));
    }

    private App readApp(SubjectPath subject, String team, String app, Entry entry) {
        sources.put(subject, entry.key());
        Supplier<String> label = () -> "app '" + app + "'";
        Fields fields = optionalFields(entry.value(), subject, label, APP_FIELDS);
        if (fields == null) {
            if (isNull(entry.value())) {
                warnNothingToRender(entry.key(), subject, app);
            }
            return new App(team, app, List.of(), List.of());
        }
        SubjectPath processesSubject = subject.field("processes");
        Entry processesField = fields.get("processes");
        Fields processes = optionalNames(value(processesField), processesSubject,
                () -> "'processes' of " + label.get(), "process name");
        List<Process> processList = new ArrayList<>(processes == null ? 0 : processes.size());
        if (processes != null) {
            for (int i = 0; i < processes.size(); i++) {
                if (!isMisplacedField(processes, i, PROCESS, () -> " of app '" + app + "'", APP,
                        processesField.key().column())) {
                    processList.add(readProcess(processesSubject.field(processes.key(i)), app, processes.key(i),
                            processes.entry(i)));
                }
            }
        }
        if (declaresNothing(value(processesField))) {
            warnNothingToRender(entry.key(), subject, app);
        }
        return new App(team, app, processList, readTrust(subject.field("trust"), app, fields.get("trust")),
                optionalBoolean(fields.get("kubernetesApi"), subject.field("kubernetesApi"), false),
                readClusterNames(fields.get("clusters"), subject.field("clusters"), label));
    }

    private void warnNothingToRender(YamlNode at, SubjectPath subject, String app) {
        warning(at, subject, "app '" + app + "' has no processes: nothing is rendered for it",
                "add processes, e.g. 'web: <command>'");
    }

    private Process readProcess(SubjectPath subject, String app, String process, Entry entry) {
        sources.put(subject, entry.key());
        Supplier<String> label = () -> "process '" + process + "' of app '" + app + "'";
        YamlNode node = entry.value();
        SubjectPath commandSubject = subject.field("command");
        if (node instanceof Scalar && !isNull(node)) {
            String command = string(node, commandSubject, () -> "the command of " + label.get());
            return new Process(process, command == null ? "" : checkCommand(node, commandSubject, label, command),
                    Process.DEFAULT_PORT);
        }
        if (isNull(node)) {
            error(entry.key(), commandSubject, label.get() + " has no command",
                    "write '" + process + ": <command>'");
            return new Process(process, "", Process.DEFAULT_PORT);
        }
        Fields fields = fields(node, subject, label, PROCESS_FIELDS,
                "a command, or a mapping with 'command' and 'port'", null);
        if (fields == null) {
            return new Process(process, "", Process.DEFAULT_PORT);
        }
        Entry commandField = fields.get("command");
        String command = "";
        if (commandField == null) {
            error(entry.key(), commandSubject, label.get() + " has no 'command'", "add 'command: <command>'");
        } else {
            YamlNode commandNode = commandField.value();
            String text = isNull(commandNode) ? ""
                    : string(commandNode, commandSubject, () -> "'command' of " + label.get());
            command = text == null ? "" : checkCommand(commandNode, commandSubject, label, text);
        }
        Entry metrics = fields.get("metricsPort");
        Integer metricsPort = null;
        if (metrics != null && !isNull(metrics.value())) {
            sources.put(subject.field("metricsPort"), metrics.value());
            metricsPort = port(metrics.value(), subject.field("metricsPort"), "metrics port", label,
                    "metricsPort: 9090");
        }
        return new Process(process, command, readPort(fields.get("port"), subject.field("port"), "port", label,
                Process.DEFAULT_PORT), metricsPort);
    }

    private String checkCommand(YamlNode node, SubjectPath subject, Supplier<String> label, String command) {
        if (command.isBlank()) {
            error(node, subject, "the command of " + label.get() + " is empty", "write the command the process runs");
        }
        return command;
    }

    /** The port of a field named {@code key} ({@code owner} names its owner), or {@code defaultPort}. */
    private int readPort(Entry field, SubjectPath subject, String key, Supplier<String> owner, int defaultPort) {
        if (field == null) {
            return defaultPort;
        }
        sources.put(subject, field.value());
        Integer port = port(field.value(), subject, "port", owner, key + ": " + defaultPort);
        return port == null ? defaultPort : port;
    }

    /**
     * A port number, or null after reporting why the node is not one.
     *
     * @param noun    what the port is, e.g. "port" or "metrics port"
     * @param owner   whose port it is, e.g. "process 'web' of app 'api-app'"
     * @param example a right value as written, for the fix
     */
    private Integer port(YamlNode node, SubjectPath subject, String noun, Supplier<String> owner, String example) {
        if (!visit(node)) {
            return null;
        }
        String range = "from 1 to " + MAX_PORT;
        if (hasLeadingZero(node)) {
            String port = ((Scalar) node).value();
            error(node, subject, "the " + noun + " '" + port + "' of " + owner.get() + " has a leading zero, which"
                    + " YAML readers take differently (an octal number, a decimal one, or text)",
                    "write it without leading zeros: '" + example.replaceFirst("[0-9]+$", withoutLeadingZeros(port))
                            + "'");
            return null;
        }
        if (!(node instanceof Scalar scalar) || !scalar.tag().equals(YamlTag.INT)) {
            boolean quotedNumber = node instanceof Scalar scalar && !scalar.hasImplicitTag()
                    && scalar.tag().equals(YamlTag.STR) && isDecimal(scalar.value());
            error(node, subject, "the " + noun + " of " + owner.get() + " must be an integer " + range + ", found "
                    + describe(node), quotedNumber ? "remove the quotes" : "write e.g. '" + example + "'");
            return null;
        }
        if (!isDecimal(scalar.value())) {
            error(node, subject, "the " + noun + " of " + owner.get() + " must be a decimal integer, found '"
                    + scalar.value() + "'", "write the port in decimal");
            return null;
        }
        BigInteger port = new BigInteger(scalar.value());
        if (port.signum() <= 0 || port.compareTo(MAX_PORT_NUMBER) > 0) {
            error(node, subject, "the " + noun + " " + port + " of " + owner.get() + " is out of range",
                    "use a port " + range);
            return null;
        }
        return port.intValue();
    }

    /**
     * An optional non-empty list of ports; {@code defaults} when it is absent or null (or not a list, reported).
     * Invalid entries are reported and left out.
     */
    private List<Integer> portList(Entry field, SubjectPath subject, List<Integer> defaults) {
        YamlNode node = value(field);
        if (node == null || isNull(node) || !visit(node)) {
            return defaults;
        }
        if (!(node instanceof Sequence sequence)) {
            error(node, subject, "'" + subject + "' must be a list of ports, found " + describe(node),
                    "write e.g. 'ports: [80, 443]'");
            return defaults;
        }
        sources.put(subject, node);
        if (sequence.items().isEmpty()) {
            error(node, subject, "'" + subject + "' is empty", "list at least one port, or leave the field out");
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            Integer port = port(item, subject.item(i), "port", () -> "'" + subject + "'", "443");
            if (port != null) {
                sources.put(subject.item(ports.size()), item);
                ports.add(port);
            }
        }
        return ports;
    }

    /** {@code true} or {@code false}, written so; {@code defaultValue} when absent or null. */
    private boolean optionalBoolean(Entry field, SubjectPath subject, boolean defaultValue) {
        YamlNode node = value(field);
        if (node == null || isNull(node) || !visit(node)) {
            return defaultValue;
        }
        sources.put(subject, node);
        // YAML 1.1 readers also take yes/on/True for true; only the two words every reader agrees on are accepted.
        if (node instanceof Scalar scalar && scalar.hasImplicitTag() && scalar.tag().equals(YamlTag.BOOL)
                && (scalar.value().equals("true") || scalar.value().equals("false"))) {
            return scalar.value().equals("true");
        }
        error(node, subject, "'" + subject + "' must be true or false, found " + describe(node),
                "write 'true' or 'false'");
        return defaultValue;
    }

    /** False after reporting a field that a list entry must have and lacks (null counts as lacking). */
    private boolean present(Fields fields, String field, YamlNode entry, SubjectPath subject, String example) {
        Entry value = fields.get(field);
        if (value == null || isNull(value.value())) {
            error(value == null ? entry : value.key(), subject.field(field), "'" + subject + "' has no '" + field
                    + "'", "add e.g. " + example);
            return false;
        }
        return true;
    }

    /**
     * The entries of an optional list field, each read by {@code read} (null for an entry left out after reporting
     * it). {@code defaults} when the field is absent or null, or not a list (reported); an empty list is kept.
     */
    private <T> List<T> entries(Entry field, SubjectPath subject, String what, String example, List<T> defaults,
                                BiFunction<YamlNode, SubjectPath, T> read) {
        YamlNode node = value(field);
        if (node == null || isNull(node) || !visit(node)) {
            return defaults;
        }
        if (!(node instanceof Sequence sequence)) {
            error(node, subject, "'" + subject + "' must be " + what + ", found " + describe(node),
                    "write e.g. '" + example + "'");
            return defaults;
        }
        sources.put(subject, node);
        List<T> entries = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            // Read under its place in the file; recorded at its index in the model, which shifts past left-out ones.
            T entry = read.apply(item, subject.item(i));
            if (entry != null) {
                sources.put(subject.item(entries.size()), item);
                entries.add(entry);
            }
        }
        return entries;
    }

    private List<String> readTrust(SubjectPath subject, String app, Entry field) {
        if (field == null) {
            return new ArrayList<>();
        }
        sources.put(subject, field.key());
        YamlNode node = field.value();
        if (!visit(node) || isNull(node)) {
            return new ArrayList<>();
        }
        if (!(node instanceof Sequence sequence)) {
            error(node, subject, "'trust' of app '" + app + "' must be a list of app names, found " + describe(node),
                    "write e.g. 'trust: [api-app]'");
            return new ArrayList<>();
        }
        List<YamlNode> items = sequence.items();
        List<String> trust = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String trusted = name(items.get(i), subject.item(i), () -> "an entry of 'trust' of app '" + app + "'",
                    text -> "app name '" + text + "' in the trust list of app '" + app + "'");
            if (trusted != null) {
                // Recorded at its index in the model: an entry left out shifts the ones after it.
                sources.put(subject.item(trust.size()), items.get(i));
                trust.add(trusted);
            }
        }
        return trust;
    }

    // ---- generic node handling ----

    /**
     * The entries of a mapping of fields that may be absent or null (then null is returned without a finding).
     * Reports a wrong type, duplicate keys and, when {@code known} is given, unknown fields (never asked for by name).
     */
    private Fields optionalFields(YamlNode node, SubjectPath subject, Supplier<String> label, List<String> known) {
        if (node == null || isNull(node)) {
            return null;
        }
        return fields(node, subject, label, known, null, null);
    }

    /**
     * The entries of a mapping keyed by names (teams, apps, processes, label keys) that may be absent or null; as
     * {@link #optionalFields}, and every key must be a string to YAML, like every name written as a value.
     *
     * @param nameKind what the keys are, e.g. "team name"
     */
    private Fields optionalNames(YamlNode node, SubjectPath subject, Supplier<String> label, String nameKind) {
        if (node == null || isNull(node)) {
            return null;
        }
        return fields(node, subject, label, null, null, nameKind);
    }

    /**
     * @param subject  the mapping's path, or null for the file itself
     * @param expected what the node must be, or null for "a mapping" (with the known fields, when given)
     * @param nameKind what the keys are when they are names, else null
     */
    private Fields fields(YamlNode node, SubjectPath subject, Supplier<String> label, List<String> known,
                          String expected, String nameKind) {
        if (!visit(node)) {
            return null;
        }
        if (!(node instanceof Mapping mapping)) {
            String what = expected != null ? expected : known == null ? "a mapping" : "a mapping with " + quoted(known);
            error(node, subject, label.get() + " must be " + what + ", found " + describe(node), null);
            return null;
        }
        List<Entry> entries = mapping.entries();
        Fields fields = new Fields(entries.size());
        for (Entry entry : entries) {
            YamlNode keyNode = entry.key();
            if (!visit(keyNode)) {
                continue;
            }
            if (!(keyNode instanceof Scalar keyScalar)) {
                error(keyNode, subject, "keys in " + label.get() + " must be plain names, found " + describe(keyNode),
                        null);
                continue;
            }
            String key = keyScalar.value();
            Entry first = fields.putIfAbsent(key, entry);
            if (first != null) {
                error(keyNode, child(subject, key), "duplicate key '" + key + "' in " + label.get()
                        + " (first at line " + first.key().line() + ")", "remove or rename one of them");
            } else if (known != null && !known.contains(key)) {
                error(keyNode, child(subject, key), "unknown field '" + key + "' in " + label.get(),
                        Suggestions.nearest(key, known).map(s -> "did you mean '" + s + "'?")
                                .orElse("known fields: " + String.join(", ", known)));
            } else if (nameKind != null && !keyScalar.tag().equals(YamlTag.STR)) {
                notAName(keyScalar, child(subject, key), nameKind + " '" + key + "'");
            }
        }
        return fields;
    }

    /**
     * True when entry {@code i} of a mapping of {@code kind} elements is not an element but a field written at the
     * wrong indentation: its key is a field of such an element (it belongs under the element before it) or of the
     * element that holds the mapping (it belongs further left), and its value does not fit an element. Reports it
     * with where it probably belongs.
     *
     * @param of          the mapping's owner for the message, e.g. " of team 'acme'" ("" for the teams)
     * @param parent      the kind of the element holding the mapping (the file, for the teams)
     * @param fieldColumn the column of the parent's fields, where a field of the parent belongs
     */
    private boolean isMisplacedField(Fields elements, int i, Kind kind, Supplier<String> of, Kind parent,
                                     int fieldColumn) {
        String key = elements.key(i);
        Entry entry = elements.entry(i);
        boolean childField = kind.fields().contains(key);
        if (!childField && !parent.fields().contains(key) || fitsElement(entry.value(), kind)) {
            return false;
        }
        String fix;
        if (!childField) {
            fix = "move it left to column " + fieldColumn + ", where the fields of " + parent.definite() + " are";
        } else if (i == 0) {
            fix = "indent it under " + kind.definite() + " it belongs to";
        } else {
            Entry previous = elements.entry(i - 1);
            fix = "indent it under '" + elements.key(i - 1) + "' (line " + previous.key().line()
                    + ") if it belongs there";
        }
        error(entry.key(), null, "'" + key + "' is a field of " + (childField ? kind : parent).noun()
                + ", but it is indented as " + kind.noun() + of.get() + ": the indentation is off", fix);
        return true;
    }

    /** Could {@code value} be what an element of {@code kind} is: nothing, a mapping of its fields, a command? */
    private static boolean fitsElement(YamlNode value, Kind kind) {
        if (isNull(value) || kind == PROCESS && value instanceof Scalar scalar && scalar.tag().equals(YamlTag.STR)) {
            return true;
        }
        if (!(value instanceof Mapping mapping)) {
            return false;
        }
        for (Entry entry : mapping.entries()) {
            if (!(entry.key() instanceof Scalar key) || !kind.fields().contains(key.value())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A mapping's entries by key, the first of duplicates only, in the order written. Most mappings hold a handful
     * of entries, found by a scan; a large one (the apps of a team) gets a hash index.
     */
    private static final class Fields {
        private static final int SCANNED = 8;
        private final String[] keys;
        private final Entry[] entries;
        private final Map<String, Integer> index;
        private int size;

        Fields(int capacity) {
            keys = new String[capacity];
            entries = new Entry[capacity];
            index = capacity > SCANNED ? new HashMap<>(capacity * 4 / 3 + 1) : null;
        }

        int size() {
            return size;
        }

        String key(int i) {
            return keys[i];
        }

        Entry entry(int i) {
            return entries[i];
        }

        /** The first entry of the key, or null. */
        Entry get(String key) {
            int i = indexOf(key);
            return i < 0 ? null : entries[i];
        }

        /** Adds the entry unless the key is taken; returns the entry holding it already, or null. */
        Entry putIfAbsent(String key, Entry entry) {
            int i = indexOf(key);
            if (i >= 0) {
                return entries[i];
            }
            if (index != null) {
                index.put(key, size);
            }
            keys[size] = key;
            entries[size] = entry;
            size++;
            return null;
        }

        private int indexOf(String key) {
            if (index != null) {
                Integer i = index.get(key);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static SubjectPath child(SubjectPath parent, String field) {
        return parent == null ? SubjectPath.root(field) : parent.field(field);
    }

    private String optionalString(Entry field, SubjectPath subject, Supplier<String> label, String defaultValue) {
        YamlNode node = value(field);
        if (node == null || isNull(node)) {
            return defaultValue;
        }
        sources.put(subject, node);
        String text = string(node, subject, label);
        return text == null ? defaultValue : text;
    }

    /** The text of a string scalar, or null after reporting what else was found. */
    private String string(YamlNode node, SubjectPath subject, Supplier<String> label) {
        if (!visit(node)) {
            return null;
        }
        if (node instanceof Scalar scalar && scalar.tag().equals(YamlTag.STR)) {
            return scalar.value();
        }
        String fix = node instanceof Scalar scalar && !isNull(scalar) ? quoteIt(scalar) : null;
        error(node, subject, label.get() + " must be a string, found " + describe(node), fix);
        return null;
    }

    /**
     * A name written as a value (a trust entry), read like a name written as a key: a scalar that YAML reads as
     * something other than a string ({@code on}, {@code null}, {@code 1}) is refused the same way.
     *
     * @param label what the node is, for other wrong values
     * @param named the words for a name, given its text
     */
    private String name(YamlNode node, SubjectPath subject, Supplier<String> label,
                        Function<String, String> named) {
        if (node instanceof Scalar scalar && !isNull(scalar) && !scalar.tag().equals(YamlTag.STR)) {
            if (visit(node)) {
                notAName(scalar, subject, named.apply(scalar.value()));
            }
            return null;
        }
        return string(node, subject, label);
    }

    /**
     * A name that YAML reads as a boolean, number, date or null: other YAML readers of the same file (and YAML 1.1
     * ones in particular) would not see the name, so it must be quoted wherever it is written.
     */
    private void notAName(Scalar scalar, SubjectPath subject, String what) {
        error(scalar, subject, what + " is read by YAML as " + describe(scalar) + ", not as a name",
                quoteIt(scalar));
    }

    private static String quoteIt(Scalar scalar) {
        return "quote it: '" + scalar.value().replace("'", "''") + "'";
    }

    /**
     * Counts one node visit against the budget and rejects tags outside YAML's standard set (an application tag
     * could mean anything to another YAML reader of the same file). False when the node must be skipped.
     */
    private boolean visit(YamlNode node) {
        visits++;
        if (visits > maxVisits) {
            throw new ExpansionLimitExceeded(Diagnostic.error(position(node),
                    "aliases expand the document beyond " + maxVisits + " nodes",
                    "write the values out instead of referring to anchors"));
        }
        // A tag the resolver gives is always a standard one; only written tags need checking.
        if (!node.hasImplicitTag() && !isStandard(node.tag())) {
            diagnostics.add(Diagnostic.error(position(node), "unsupported tag '" + node.tag() + "'",
                    "remove the tag; watasu.yaml uses plain YAML values only"));
            return false;
        }
        return true;
    }

    private static boolean isStandard(String tag) {
        // The resolver hands out the shared constants, so identity settles nearly every node without hashing.
        return tag == YamlTag.STR || tag == YamlTag.MAP || tag == YamlTag.SEQ || tag == YamlTag.INT
                || STANDARD_TAGS.contains(tag);
    }

    /**
     * A plain number written with a leading zero ({@code 010}, {@code 08}, {@code +0080}): YAML 1.1 reads {@code 010}
     * as octal 8, YAML 1.2 as 10, and {@code 08} as text, so no reading of it is safe.
     */
    private static boolean hasLeadingZero(YamlNode node) {
        if (!(node instanceof Scalar scalar) || !scalar.hasImplicitTag()) {
            return false;
        }
        String text = scalar.value();
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (text.length() - start < 2 || text.charAt(start) != '0') {
            return false;
        }
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** The digits of a number with a leading zero, without the zeros, underscores and sign. */
    private static String withoutLeadingZeros(String text) {
        String digits = text.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        return digits.isEmpty() ? "0" : digits;
    }

    /** An optional sign and decimal digits: what {@link BigInteger#BigInteger(String)} reads. */
    private static boolean isDecimal(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String describe(YamlNode node) {
        String tag = node.tag();
        if (node instanceof Mapping) {
            return tag.equals(YamlTag.MAP) ? "a mapping" : "a mapping tagged '" + tag + "'";
        }
        if (node instanceof Sequence) {
            return tag.equals(YamlTag.SEQ) ? "a list" : "a list tagged '" + tag + "'";
        }
        String value = ((Scalar) node).value();
        if (tag.equals(YamlTag.STR)) {
            return "a string";
        }
        if (tag.equals(YamlTag.INT)) {
            return "an integer (" + value + ")";
        }
        if (tag.equals(YamlTag.FLOAT)) {
            return "a decimal number (" + value + ")";
        }
        if (tag.equals(YamlTag.BOOL)) {
            return "a boolean (" + value + ")";
        }
        if (tag.equals(YamlTag.NULL)) {
            return value.isEmpty() ? "nothing" : "null (" + value + ")";
        }
        if (tag.equals(YamlTag.TIMESTAMP)) {
            return "a date (" + value + ")";
        }
        return "a value tagged '" + tag + "'";
    }

    /** Absent, null or an empty mapping: the file itself says there is nothing (not: what it says is broken). */
    private static boolean declaresNothing(YamlNode node) {
        return node == null || isNull(node) || node instanceof Mapping mapping && mapping.entries().isEmpty();
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof Scalar && node.tag().equals(YamlTag.NULL);
    }

    private static YamlNode value(Entry field) {
        return field == null ? null : field.value();
    }

    private static String quoted(List<String> names) {
        return "'" + String.join("', '", names) + "'";
    }

    private SourcePosition position(YamlNode node) {
        return new SourcePosition(file, node.line(), node.column());
    }

    private void error(YamlNode at, SubjectPath subject, String message, String fix) {
        diagnostics.add(Diagnostic.error(position(at), message, fix).about(subject == null ? "" : subject.toString()));
    }

    private void warning(YamlNode at, SubjectPath subject, String message, String fix) {
        diagnostics.add(Diagnostic.warning(position(at), message, fix).about(subject.toString()));
    }
}
