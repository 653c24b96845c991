package io.watasu.config;

import io.watasu.model.App;
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

    /** Link-local addresses are never the internet: the cloud metadata service, node-local DNS, the node's side. */
    private static final Cidr IPV4_LINK_LOCAL = Cidr.parse("169.254.0.0/16");
    private static final Cidr IPV6_LINK_LOCAL = Cidr.parse("fe80::/10");

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
        checkClusterCidrs(platform.clusterCidrs());
        checkReservedNamespaces(platform.reservedNamespaces());
        String ingressSubject = Subjects.field(Subjects.PLATFORM, "ingress");
        checkPodSelector(platform.ingress(), ingressSubject);
        if (!Names.isDns1123Subdomain(platform.ingressClassName())) {
            error(Subjects.field(ingressSubject, "className"), "platform.ingress.className '"
                            + platform.ingressClassName() + "' is not a valid IngressClass name",
                    "use lower-case letters, digits, '-' and '.', e.g. 'nginx'");
        }
        checkPodSelector(platform.dns(), Subjects.field(Subjects.PLATFORM, "dns"));
    }

    private void checkClusterCidrs(List<String> cidrs) {
        String subject = Subjects.field(Subjects.PLATFORM, "clusterCidrs");
        if (cidrs.isEmpty()) {
            error(subject, "platform.clusterCidrs is empty: pods could then reach cluster addresses as \"the internet\"",
                    "list the cluster's pod, service and node ranges, or remove the field for the defaults");
            return;
        }
        if (cidrs.size() > MAX_CLUSTER_CIDRS) {
            error(Subjects.item(subject, MAX_CLUSTER_CIDRS), "platform.clusterCidrs has " + cidrs.size()
                    + " entries, more than the " + MAX_CLUSTER_CIDRS + " allowed: the internet rules of every team"
                    + " are their complement", "merge adjacent ranges into larger ones");
        }
        List<Cidr> ranges = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            String text = cidrs.get(i);
            String itemSubject = Subjects.item(subject, i);
            Cidr cidr;
            try {
                cidr = Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                error(itemSubject, "'" + text + "' in platform.clusterCidrs is not a CIDR: " + e.getMessage(),
                        "write an address range like 10.0.0.0/8 or fd00::/8");
                continue;
            }
            if (cidr.hasHostBits()) {
                error(itemSubject, "'" + text + "' in platform.clusterCidrs has bits set after the /"
                        + cidr.prefixLength() + " prefix", "did you mean '" + cidr.network() + "'?");
                continue;
            }
            ranges.add(cidr);
        }
        if (ranges.size() == cidrs.size()) {
            checkInternetExcludesCluster(ranges, subject);
        }
    }

    /**
     * The internet rules are the complement of the cluster ranges, per family: always for IPv4, for IPv6 when an
     * IPv6 range is listed. Each rendered complement must leave out every cluster address; of those, watasu can only
     * know the link-local ones, which are cluster-internal everywhere, and that an IPv4 list must exist at all.
     */
    private void checkInternetExcludesCluster(List<Cidr> ranges, String subject) {
        if (ranges.stream().noneMatch(Cidr::isIpv4)) {
            error(subject, "platform.clusterCidrs lists no IPv4 range: the IPv4 internet would then be 0.0.0.0/0,"
                            + " which takes in every pod, Service and node address, in every pod's egress and in the"
                            + " ingress of *-rtc processes",
                    "list the cluster's IPv4 pod, Service and node ranges and 169.254.0.0/16 (an IPv6-only cluster"
                            + " lists at least 169.254.0.0/16 and its nodes' IPv4 range)");
        } else if (!Cidrs.covers(ranges, IPV4_LINK_LOCAL)) {
            error(subject, "platform.clusterCidrs does not cover " + IPV4_LINK_LOCAL + ": the internet rules would let"
                            + " every pod reach link-local addresses (the cloud metadata service, node-local DNS)",
                    "add " + IPV4_LINK_LOCAL + " to the list");
        }
        if (ranges.stream().anyMatch(Cidr::isIpv6) && !Cidrs.covers(ranges, IPV6_LINK_LOCAL)) {
            error(subject, "platform.clusterCidrs lists IPv6 ranges but does not cover " + IPV6_LINK_LOCAL + ": the"
                            + " IPv6 internet rules would let every pod reach link-local addresses (the node's end of"
                            + " each pod's link)", "add '" + IPV6_LINK_LOCAL + "' to the list");
        }
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
        Set<String> platformNamespaces = new HashSet<>(List.of(config.platform().ingress().namespace(),
                config.platform().dns().namespace()));
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
        for (Process process : app.processes()) {
            checkProcess(team, app, process, serviceOwners, hostOwners);
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
                    + (team.equals(config.platform().ingress().namespace()) ? "ingress controller" : "DNS"),
                    "choose another team name");
        } else if (platformEntry != null) {
            String entrySubject = Subjects.item(Subjects.field(Subjects.PLATFORM, "reservedNamespaces"), platformEntry);
            error(Subjects.team(team), "team name '" + team + "' is reserved by platform.reservedNamespaces ('"
                    + config.platform().reservedNamespaces().get(platformEntry) + "', line " + line(entrySubject)
                    + ")", "choose another team name");
        }
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
