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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        }
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
        Map<String, ProcessRef> hostOwners = new HashMap<>();
        for (Team team : config.teams()) {
            checkTeamName(team.name(), platformNamespaces);
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
                    suggestion(app.name(), "rename the app"));
            return;
        }
        for (Process process : app.processes()) {
            checkProcess(team, app, process, serviceOwners, hostOwners);
        }
    }

    private void checkTeamName(String team, Set<String> platformNamespaces) {
        String problem = Names.dnsLabelProblem(team, false);
        if (problem != null) {
            error(Subjects.team(team), "team name '" + team + "' is not valid: " + problem
                    + " (a team is a namespace, whose name must be a DNS-1123 label)", suggestion(team, "rename the team"));
        } else if (Names.isReservedNamespace(team)) {
            error(Subjects.team(team), "team name '" + team
                            + "' is reserved: it is a Kubernetes or platform system namespace",
                    "choose another team name");
        } else if (platformNamespaces.contains(team)) {
            error(Subjects.team(team), "team name '" + team + "' is reserved: it is the namespace of the platform's "
                    + (team.equals(config.platform().ingress().namespace()) ? "ingress controller" : "DNS"),
                    "choose another team name");
        }
    }

    private void checkProcess(Team team, App app, Process process, Map<String, ProcessRef> serviceOwners,
                              Map<String, ProcessRef> hostOwners) {
        String problem = Names.dnsLabelProblem(process.name(), false);
        ProcessRef ref = new ProcessRef(team.name(), app.name(), process.name());
        if (problem != null) {
            error(ref.subject(), "process name '" + process.name() + "' of app '" + app.name() + "' is not valid: "
                    + problem, suggestion(process.name(), "rename the process"));
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
        if (!app.hasProcessOfKind(ProcessKind.TCP)) {
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
                warning(Subjects.trustEntry(team.name(), app.name(), i), "'" + trusted
                        + "' is already in the trust list of app '" + app.name() + "' (line "
                        + line(Subjects.trustEntry(team.name(), app.name(), first)) + ")", "remove the repeat");
            } else if (trusted.equals(app.name())) {
                warning(Subjects.trustEntry(team.name(), app.name(), i), "app '" + app.name()
                                + "' trusts itself: an app can always reach its own processes",
                        "remove '" + trusted + "' from its trust list");
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

    private static String suggestion(String name, String action) {
        String candidate = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^[^a-z]+|-+$", "");
        if (candidate.length() > Names.MAX_LABEL_LENGTH || !Names.isDns1035Label(candidate)) {
            return action + " using only lower-case letters, digits and '-'";
        }
        return action + ", e.g. '" + candidate + "'";
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
