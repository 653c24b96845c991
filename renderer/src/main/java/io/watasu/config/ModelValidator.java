package io.watasu.config;

import io.watasu.model.App;
import io.watasu.model.IngressController;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.net.Cidr;
import io.watasu.net.Cidrs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that span elements of a model: names, derived Service names and hostnames, collisions, trust. Pure: the
 * model and where its parts were written in, findings out. {@link ConfigLoader} runs it on every file; code that
 * builds a model without a file can run it with {@link SourceMap#empty(String)}.
 */
public final class ModelValidator {
    /** File order: by line, then column; findings at the same place keep the order they were made in. */
    static final Comparator<Diagnostic> FILE_ORDER = Comparator
            .comparingInt((Diagnostic d) -> d.position().line())
            .thenComparingInt(d -> d.position().column());

    /*
     * Limits on the model, so that every object a valid file renders stays within what the renderer's parse-back
     * accepts (DocumentCheck: 3 Mi code points per object) and what Kubernetes stores (an object is at most 1.5 MiB
     * in etcd, its annotations 256 KiB); validate and render therefore agree on every input. Figures in
     * docs/config.md, "Limits".
     */

    /**
     * Teams per file: the Argo CD AppProject lists every team namespace (10,000 names of 63 characters make 1.2 MB).
     * 10,000 namespaces is also the largest cluster Kubernetes' own scalability tests cover.
     */
    public static final int MAX_TEAMS = 10_000;
    /** Entries of one trust list: a *-tcp process's policies list every caller, once more in their annotation. */
    public static final int MAX_TRUST_ENTRIES = 1_000;
    /** Cluster ranges: the internet rules are their complement, up to 254 blocks per IPv6 gap between them. */
    public static final int MAX_CLUSTER_CIDRS = 32;
    /** Labels of the ingress controller's or DNS pods: every team's baseline policies repeat them. */
    public static final int MAX_POD_LABELS = 16;

    /**
     * Entries of the other platform lists (node ranges, DNS and API server addresses, link-local entries, scrapers,
     * ports): every team's policies repeat them.
     */
    public static final int MAX_PLATFORM_ENTRIES = 32;

    private static final Cidr IPV4_LINK_LOCAL = Cidr.parse("169.254.0.0/16");
    private static final Cidr IPV6_LINK_LOCAL = Cidr.parse("fe80::/10");
    private static final List<Cidr> LINK_LOCAL = List.of(IPV4_LINK_LOCAL, IPV6_LINK_LOCAL);

    /** Trust lists up to this long are searched for repeats by a scan. */
    private static final int SHORT_LIST = 16;

    private final WatasuConfig config;
    private final SourceMap sources;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Every app name to the first team declaring it. */
    private final Map<String, String> appTeams = new HashMap<>();

    private ModelValidator(WatasuConfig config, SourceMap sources) {
        this.config = config;
        this.sources = sources;
    }

    /** All findings about the model, in file order. */
    public static List<Diagnostic> validate(WatasuConfig config, SourceMap sources) {
        ModelValidator validator = new ModelValidator(config, sources);
        validator.checkPlatform(config.platform());
        validator.checkTeamsAndApps();
        validator.checkTrust();
        validator.diagnostics.addAll(FleetValidator.validate(config, sources, validator.diagnostics));
        validator.diagnostics.sort(FILE_ORDER);
        return List.copyOf(validator.diagnostics);
    }

    // ---- platform ----

    private void checkPlatform(Platform platform) {
        String domainSubject = Subjects.field(Subjects.PLATFORM, "domain");
        if (!Names.isDns1123Subdomain(platform.domain())) {
            error(domainSubject, "platform.domain '" + platform.domain() + "' is not a valid DNS domain",
                    "use lower-case labels of letters, digits and '-' separated by dots, e.g. 'apps.example.com'");
        }
        List<Cidr> cluster = checkClusterCidrs(platform.clusterCidrs());
        String nodesSubject = Subjects.field(Subjects.PLATFORM, "nodeCidrs");
        List<Cidr> nodes = blocks(platform.nodeCidrs(), nodesSubject, false);
        if (cluster != null && nodes != null) {
            for (int i = 0; i < nodes.size(); i++) {
                if (!Cidrs.covers(cluster, nodes.get(i))) {
                    error(Subjects.item(nodesSubject, i), "'" + platform.nodeCidrs().get(i) + "' in"
                                    + " platform.nodeCidrs is not inside platform.clusterCidrs: node addresses outside"
                                    + " the cluster ranges would be \"the internet\" to every pod, on every port",
                            "add the nodes' range to platform.clusterCidrs too");
                }
            }
        }
        checkReservedNamespaces(platform.reservedNamespaces());
        checkIngress(platform);
        String dnsSubject = Subjects.field(Subjects.PLATFORM, "dns");
        checkPodSelector(platform.dns().pods(), dnsSubject);
        checkPorts(platform.dns().ports(), Subjects.field(dnsSubject, "ports"));
        blocks(platform.dns().addresses(), Subjects.field(dnsSubject, "addresses"), true);
        checkLinkLocal(platform.linkLocal(), cluster);
        String scrapersSubject = Subjects.field(Subjects.PLATFORM, "scrapers");
        limit(platform.scrapers(), scrapersSubject, "the metrics policy of every process with a metrics port lists"
                + " them");
        for (int i = 0; i < platform.scrapers().size(); i++) {
            checkPodSelector(platform.scrapers().get(i), Subjects.item(scrapersSubject, i));
        }
        blocks(platform.apiServer().addresses(), Subjects.field(Subjects.PLATFORM, "apiServer.addresses"), true);
    }

    private void checkIngress(Platform platform) {
        String subject = Subjects.field(Subjects.PLATFORM, "ingress");
        IngressController ingress = platform.ingress();
        checkPodSelector(ingress.pods(), subject);
        if (!Names.isDns1123Subdomain(ingress.className())) {
            error(Subjects.field(subject, "className"), "platform.ingress.className '" + ingress.className()
                    + "' is not a valid IngressClass name", "use lower-case letters, digits, '-' and '.', e.g. 'nginx'");
        }
        checkPorts(ingress.ports(), Subjects.field(subject, "ports"));
        if (ingress.hostNetwork() && platform.nodeCidrs().isEmpty()) {
            error(Subjects.field(subject, "hostNetwork"), "platform.ingress.hostNetwork is true but platform.nodeCidrs"
                            + " is empty: the controller's traffic carries node addresses, which no rule could name",
                    "list the nodes' address ranges in platform.nodeCidrs");
        }
    }

    private void checkPorts(List<Integer> ports, String subject) {
        limit(ports, subject, "every team's policies repeat them");
    }

    /**
     * Node-local addresses opened to every pod: each must be a link-local range or lie inside the cluster ranges (a
     * node-local address such as EKS's fd00:ec2::23); anywhere else it is already the internet.
     */
    private void checkLinkLocal(List<LinkLocalAccess> entries, List<Cidr> cluster) {
        String subject = Subjects.field(Subjects.PLATFORM, "linkLocal");
        limit(entries, subject, "every team's policies repeat them");
        for (int i = 0; i < entries.size(); i++) {
            String itemSubject = Subjects.item(subject, i);
            String cidrSubject = Subjects.field(itemSubject, "cidr");
            Cidr block = block(entries.get(i).cidr(), cidrSubject, subject, false);
            if (block != null && cluster != null && !Cidrs.covers(LINK_LOCAL, block)
                    && !Cidrs.covers(cluster, block)) {
                error(cidrSubject, "'" + entries.get(i).cidr() + "' in platform.linkLocal is neither link-local ("
                                + IPV4_LINK_LOCAL + ", " + IPV6_LINK_LOCAL + ") nor inside platform.clusterCidrs",
                        "list a node-local address; other addresses are reached as the internet already");
            }
            checkPorts(entries.get(i).ports(), Subjects.field(itemSubject, "ports"));
        }
    }

    /** Reports a platform list longer than {@link #MAX_PLATFORM_ENTRIES}, at its first entry over the limit. */
    private void limit(List<?> list, String subject, String why) {
        if (list.size() > MAX_PLATFORM_ENTRIES) {
            error(Subjects.item(subject, MAX_PLATFORM_ENTRIES), subject + " has " + list.size() + " entries, more than"
                    + " the " + MAX_PLATFORM_ENTRIES + " allowed: " + why, "merge or drop entries");
        }
    }

    /**
     * The cluster ranges, parsed, or null when one is invalid (then the checks that need them are skipped).
     */
    private List<Cidr> checkClusterCidrs(List<String> cidrs) {
        String subject = Subjects.field(Subjects.PLATFORM, "clusterCidrs");
        if (cidrs.isEmpty()) {
            error(subject, "platform.clusterCidrs is empty: pods could then reach cluster addresses as \"the internet\"",
                    "list the cluster's pod, service and node ranges, or remove the field for the defaults");
            return null;
        }
        if (cidrs.size() > MAX_CLUSTER_CIDRS) {
            error(Subjects.item(subject, MAX_CLUSTER_CIDRS), "platform.clusterCidrs has " + cidrs.size()
                    + " entries, more than the " + MAX_CLUSTER_CIDRS + " allowed: the internet rules of every team"
                    + " are their complement", "merge adjacent ranges into larger ones");
        }
        List<Cidr> ranges = blocks(cidrs, subject, false);
        if (ranges != null && ranges.stream().noneMatch(Cidr::isIpv4)) {
            // The IPv4 complement is always rendered; link-local is left out of it whether listed or not.
            error(subject, "platform.clusterCidrs lists no IPv4 range: the IPv4 internet would then be every IPv4"
                            + " address but link-local, every pod, Service and node address included, in every pod's"
                            + " egress and in the ingress of *-rtc processes",
                    "list the cluster's IPv4 pod, Service and node ranges (an IPv6-only cluster lists at least its"
                            + " nodes' IPv4 range)");
            return null;
        }
        return ranges;
    }

    /**
     * Parses a list of address blocks, reporting each invalid one.
     *
     * @param addressesAllowed whether a single address may be written without its prefix ({@code 169.254.20.10})
     * @return the blocks, or null when one of them is invalid
     */
    private List<Cidr> blocks(List<String> texts, String subject, boolean addressesAllowed) {
        List<Cidr> blocks = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Cidr block = block(texts.get(i), Subjects.item(subject, i), subject, addressesAllowed);
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks.size() == texts.size() ? blocks : null;
    }

    /** One address block, or null after reporting why {@code text} is not one ({@code field} names the list). */
    private Cidr block(String text, String subject, String field, boolean addressesAllowed) {
        Cidr cidr;
        try {
            cidr = addressesAllowed ? Cidr.parseAddressOrBlock(text) : Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            error(subject, "'" + text + "' in " + field + " is not " + (addressesAllowed ? "an address or " : "")
                    + "a CIDR: " + e.getMessage(), "write an address range like 10.0.0.0/8 or fd00::/8"
                    + (addressesAllowed ? ", or an address like 169.254.20.10" : ""));
            return null;
        }
        if (cidr.hasHostBits()) {
            error(subject, "'" + text + "' in " + field + " has bits set after the /" + cidr.prefixLength()
                    + " prefix", "did you mean '" + cidr.network() + "'?");
            return null;
        }
        return cidr;
    }

    private void checkReservedNamespaces(List<String> patterns) {
        String subject = Subjects.field(Subjects.PLATFORM, "reservedNamespaces");
        for (int i = 0; i < patterns.size(); i++) {
            String problem = Names.namespacePatternProblem(patterns.get(i));
            if (problem != null) {
                error(Subjects.item(subject, i), "'" + patterns.get(i) + "' in platform.reservedNamespaces is not a"
                                + " namespace name or prefix: " + problem,
                        "write a namespace name, or the start of one followed by '*' (e.g. 'infra-*')");
            }
        }
    }

    private void checkPodSelector(PodSelector selector, String subject) {
        if (Names.dnsLabelProblem(selector.namespace(), false) != null) {
            error(Subjects.field(subject, "namespace"), subject + ".namespace '" + selector.namespace()
                    + "' is not a valid namespace name: " + Names.dnsLabelProblem(selector.namespace(), false),
                    "give the namespace the component runs in");
        }
        String labelsSubject = Subjects.field(subject, "podLabels");
        if (selector.podLabels().isEmpty()) {
            error(labelsSubject, subject + ".podLabels is empty: it would select every pod in the namespace",
                    "give the labels that identify the component's pods");
        } else if (selector.podLabels().size() > MAX_POD_LABELS) {
            error(labelsSubject, subject + ".podLabels has " + selector.podLabels().size() + " labels, more than the "
                    + MAX_POD_LABELS + " allowed: every team's policies repeat them", "select the pods by fewer labels");
        }
        for (Map.Entry<String, String> label : selector.sortedPodLabels().entrySet()) {
            String labelSubject = Subjects.labelKey(labelsSubject, label.getKey());
            if (!Names.isLabelKey(label.getKey())) {
                error(labelSubject, "'" + label.getKey() + "' in " + subject + ".podLabels is not a valid label key",
                        "use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.'");
            } else if (!Names.isLabelValue(label.getValue())) {
                error(labelSubject, "the value '" + label.getValue() + "' of label '" + label.getKey() + "' in "
                                + subject + ".podLabels is not a valid label value",
                        "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            }
        }
    }

    // ---- names, Service names, hostnames ----

    private void checkTeamsAndApps() {
        // A HashSet, not Set.of: the ingress controller may run in the DNS namespace (kube-system).
        Set<String> platformNamespaces = new HashSet<>(List.of(config.platform().ingress().pods().namespace(),
                config.platform().dns().pods().namespace()));
        config.platform().scrapers().forEach(s -> platformNamespaces.add(s.namespace()));
        ReservedByPlatform reserved = new ReservedByPlatform(config.platform().reservedNamespaces());
        Map<String, ProcessRef> hostOwners = new HashMap<>();
        List<Team> teams = config.teams();
        for (int i = 0; i < teams.size(); i++) {
            Team team = teams.get(i);
            if (i == MAX_TEAMS) {
                error(Subjects.team(team.name()), "more than " + MAX_TEAMS + " teams (" + teams.size() + "): the Argo CD"
                                + " AppProject lists every team namespace and would outgrow what Kubernetes stores"
                                + " (" + MAX_TEAMS + " namespaces is also the most a cluster is tested with)",
                        "split the platform: one watasu.yaml per cluster");
            }
            checkTeamName(team.name(), platformNamespaces, reserved);
            Map<String, ProcessRef> serviceOwners = new HashMap<>();
            for (App app : team.apps()) {
                checkApp(team, app, serviceOwners, hostOwners);
            }
        }
    }

    private void checkApp(Team team, App app, Map<String, ProcessRef> serviceOwners,
                          Map<String, ProcessRef> hostOwners) {
        String otherTeam = appTeams.putIfAbsent(app.name(), team.name());
        if (otherTeam != null && !otherTeam.equals(team.name())) {
            error(Subjects.app(team.name(), app.name()), "app name '" + app.name() + "' is already used in team '"
                            + otherTeam + "' (line " + line(Subjects.app(otherTeam, app.name()))
                            + "): app names are global because they name public hostnames",
                    "rename one of the two apps");
            return;
        }
        String appProblem = Names.dnsLabelProblem(app.name(), true);
        if (appProblem != null) {
            error(Subjects.app(team.name(), app.name()), "app name '" + app.name() + "' is not valid: " + appProblem
                            + " (app names start Service names, which must be DNS-1035 labels)",
                    suggestion("app", app.name()));
            return;
        }
        if (app.kubernetesApi() && config.platform().apiServer().addresses().isEmpty()) {
            error(Subjects.field(Subjects.app(team.name(), app.name()), "kubernetesApi"), "app '" + app.name()
                            + "' asks for the Kubernetes API, but platform.apiServer.addresses is empty",
                    "list the API server's endpoint addresses in platform.apiServer.addresses (kubectl get"
                            + " endpointslices -n default -l kubernetes.io/service-name=kubernetes)");
        }
        for (Process process : app.processes()) {
            checkProcess(team, app, process, serviceOwners, hostOwners);
            if (process.metricsPort() != null && config.platform().scrapers().isEmpty()) {
                warning(Subjects.field(Subjects.process(team.name(), app.name(), process.name()), "metricsPort"),
                        "the metrics port of process '" + process.name() + "' of app '" + app.name() + "' has no"
                                + " effect: platform.scrapers is empty", "list the scrapers in platform.scrapers,"
                                + " or remove metricsPort");
            }
        }
    }

    private void checkTeamName(String team, Set<String> platformNamespaces, ReservedByPlatform reserved) {
        String problem = Names.dnsLabelProblem(team, false);
        if (problem != null) {
            error(Subjects.team(team), "team name '" + team + "' is not valid: " + problem
                    + " (a team is a namespace, whose name must be a DNS-1123 label)", suggestion("team", team));
            return;
        }
        Optional<Names.ReservedNamespace> system = Names.systemNamespace(team);
        Integer platformEntry = reserved.entryFor(team);
        if (system.isPresent()) {
            error(Subjects.team(team), "team name '" + team + "' is reserved ('" + system.get().pattern() + "': "
                            + system.get().owner() + "): a team's default deny there would cut it off",
                    "choose another team name");
        } else if (platformNamespaces.contains(team)) {
            error(Subjects.team(team), "team name '" + team + "' is reserved: it is the namespace of the platform's "
                    + platformComponentIn(team), "choose another team name");
        } else if (platformEntry != null) {
            String entrySubject = Subjects.item(Subjects.field(Subjects.PLATFORM, "reservedNamespaces"), platformEntry);
            error(Subjects.team(team), "team name '" + team + "' is reserved by platform.reservedNamespaces ('"
                    + config.platform().reservedNamespaces().get(platformEntry) + "', line " + line(entrySubject)
                    + ")", "choose another team name");
        }
    }

    /** Which platform component runs in {@code namespace}, for messages. */
    private String platformComponentIn(String namespace) {
        Platform platform = config.platform();
        if (namespace.equals(platform.ingress().pods().namespace())) {
            return "ingress controller";
        }
        return namespace.equals(platform.dns().pods().namespace()) ? "DNS" : "metrics scrapers";
    }

    /** The platform's reserved names and prefixes, looked up without scanning the list for every team. */
    private static final class ReservedByPlatform {
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<String, Integer> prefixes = new HashMap<>();

        ReservedByPlatform(List<String> patterns) {
            for (int i = 0; i < patterns.size(); i++) {
                String pattern = patterns.get(i);
                if (Names.isPrefixPattern(pattern)) {
                    prefixes.putIfAbsent(pattern.substring(0, pattern.length() - 1), i);
                } else {
                    names.putIfAbsent(pattern, i);
                }
            }
        }

        /** The index of the first entry reserving {@code namespace}, or null. */
        Integer entryFor(String namespace) {
            Integer entry = names.get(namespace);
            for (int length = 1; entry == null && !prefixes.isEmpty() && length <= namespace.length(); length++) {
                entry = prefixes.get(namespace.substring(0, length));
            }
            return entry;
        }
    }

    private void checkProcess(Team team, App app, Process process, Map<String, ProcessRef> serviceOwners,
                              Map<String, ProcessRef> hostOwners) {
        String problem = Names.dnsLabelProblem(process.name(), false);
        ProcessRef ref = new ProcessRef(team.name(), app.name(), process.name());
        if (problem != null) {
            error(ref.subject(), "process name '" + process.name() + "' of app '" + app.name() + "' is not valid: "
                    + problem, suggestion("process", process.name()));
            return;
        }
        // The Service name's length is known before it is written out; most processes never need the name.
        int serviceNameLength = app.name().length() + 1 + process.name().length();
        if (serviceNameLength > Names.MAX_LABEL_LENGTH) {
            String serviceName = Names.serviceName(app.name(), process.name());
            error(ref.subject(), "'" + serviceName + "' (app-process name of process '" + process.name() + "' of app '"
                            + app.name() + "') is " + serviceName.length() + " characters, over the "
                            + Names.MAX_LABEL_LENGTH + " allowed for Service names and labels",
                    "shorten the app or process name by " + (serviceName.length() - Names.MAX_LABEL_LENGTH)
                            + " characters");
            return;
        }
        ProcessKind kind = process.kind();
        if (kind.exposed()) {
            String serviceName = Names.serviceName(app.name(), process.name());
            ProcessRef owner = serviceOwners.putIfAbsent(serviceName, ref);
            if (owner != null) {
                error(ref.subject(), "process '" + process.name() + "' of app '" + app.name()
                        + "' has the same Service name '" + serviceName + "' as " + owner + " (line "
                        + line(owner.subject()) + ")", "rename one of the two processes or apps");
                return; // the same two processes would collide on their hostname too; once is enough
            }
        }
        if (kind == ProcessKind.WEB) {
            checkHostname(ref, hostOwners);
        }
    }

    private void checkHostname(ProcessRef ref, Map<String, ProcessRef> hostOwners) {
        String hostname = Names.publicHostname(ref.app(), ref.process(), config.platform().domain());
        if (hostname.length() > Names.MAX_SUBDOMAIN_LENGTH) {
            error(ref.subject(), "public hostname '" + hostname + "' of " + ref + " is " + hostname.length()
                            + " characters, over the " + Names.MAX_SUBDOMAIN_LENGTH + " allowed",
                    "shorten the app or process name, or platform.domain");
        }
        ProcessRef owner = hostOwners.putIfAbsent(hostname, ref);
        if (owner != null) {
            error(ref.subject(), "public hostname '" + hostname + "' of " + ref + " is already used by "
                            + owner + " of team '" + owner.team() + "' (line " + line(owner.subject())
                            + "); hostnames are global", "rename one of the two processes or apps");
        }
    }

    // ---- trust ----

    /** Runs after {@link #checkTeamsAndApps()}, which has mapped every app name to its first team. */
    private void checkTrust() {
        for (Team team : config.teams()) {
            Set<String> teamApps = new LinkedHashSet<>();
            team.apps().forEach(a -> teamApps.add(a.name()));
            for (App app : team.apps()) {
                checkTrustList(team, app, teamApps);
            }
        }
    }

    private void checkTrustList(Team team, App app, Set<String> teamApps) {
        List<String> trust = app.trust();
        if (trust.isEmpty()) {
            return;
        }
        if (trust.size() > MAX_TRUST_ENTRIES) {
            error(Subjects.trustEntry(team.name(), app.name(), MAX_TRUST_ENTRIES), "app '" + app.name() + "' trusts "
                            + trust.size() + " apps, more than the " + MAX_TRUST_ENTRIES + " allowed: the policies of"
                            + " each *-tcp process list every caller", "trust fewer apps, e.g. by merging callers");
        }
        // Without a *-tcp process the list has no effect: one warning says so, none about its entries.
        boolean effective = app.hasProcessOfKind(ProcessKind.TCP);
        if (!effective) {
            warning(Subjects.trust(team.name(), app.name()), "app '" + app.name()
                            + "' has a trust list but no '*-tcp' process: the trust list has no effect",
                    "add a '<name>-tcp' process or remove the trust list");
        }
        // Trust lists are short: a scan finds repeats without a map, unless the list is long enough to need one.
        Map<String, Integer> firstIndex = trust.size() > SHORT_LIST ? new HashMap<>() : null;
        for (int i = 0; i < trust.size(); i++) {
            String trusted = trust.get(i);
            Integer earlier = firstIndex != null ? firstIndex.putIfAbsent(trusted, i) : null;
            int first = firstIndex != null ? (earlier == null ? i : earlier) : trust.indexOf(trusted);
            if (first < i) {
                if (effective) {
                    warning(Subjects.trustEntry(team.name(), app.name(), i), "'" + trusted
                                    + "' is already in the trust list of app '" + app.name() + "' (line "
                                    + line(Subjects.trustEntry(team.name(), app.name(), first)) + ")",
                            "remove the repeat");
                }
            } else if (trusted.equals(app.name())) {
                if (effective) {
                    warning(Subjects.trustEntry(team.name(), app.name(), i), "app '" + app.name()
                            + "' trusts itself: an app can always reach its own processes",
                            "remove '" + trusted + "' from its trust list");
                }
            } else if (!teamApps.contains(trusted)) {
                String subject = Subjects.trustEntry(team.name(), app.name(), i);
                String otherTeam = appTeams.get(trusted);
                if (otherTeam != null) {
                    error(subject, "app '" + app.name() + "' trusts '" + trusted + "' of team '" + otherTeam
                                    + "': apps of different teams can never reach each other",
                            "if they must talk, move both apps into one team");
                } else {
                    error(subject, "app '" + app.name() + "' trusts unknown app '" + trusted + "' (not in team '"
                                    + team.name() + "')",
                            Suggestions.nearest(trusted, teamApps).map(s -> "did you mean '" + s + "'?")
                                    .orElse("declare the app in team '" + team.name() + "' or remove the entry"));
                }
            }
        }
    }

    // ---- helpers ----

    /** A process by its full name, for messages that point from one process to another. */
    private record ProcessRef(String team, String app, String process) {
        String subject() {
            return Subjects.process(team, app, process);
        }

        @Override
        public String toString() {
            return "process '" + process + "' of app '" + app + "'";
        }
    }

    /** How to fix an invalid name of a {@code kind} ("team", "app", "process"): shorten it, or a valid look-alike. */
    private static String suggestion(String kind, String name) {
        if (name.length() > Names.MAX_LABEL_LENGTH) {
            return "shorten the " + kind + " name by " + (name.length() - Names.MAX_LABEL_LENGTH) + " characters";
        }
        String candidate = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^[^a-z]+|-+$", "");
        if (!Names.isDns1035Label(candidate)) {
            return "rename the " + kind + " using only lower-case letters, digits and '-'";
        }
        return "rename the " + kind + ", e.g. '" + candidate + "'";
    }

    private int line(String subject) {
        return sources.at(subject).line();
    }

    private void error(String subject, String message, String fix) {
        diagnostics.add(Diagnostic.error(sources.at(subject), message, fix).about(subject));
    }

    private void warning(String subject, String message, String fix) {
        diagnostics.add(Diagnostic.warning(sources.at(subject), message, fix).about(subject));
    }
}
