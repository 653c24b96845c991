package io.watasu.verify;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks NetworkPolicies against the Watasu contract. It places the pods the contract speaks about (one per process,
 * the ingress controller, the DNS server) plus probes in a namespace of no team (for every app, a pod copying its
 * labels; and one pod without Watasu labels, open both ways), evaluates the policies with
 * {@link ConnectivityAnalyzer}, and compares every allowed connection, and every promised one, with what the contract
 * says. External addresses are judged as ranges cut at the cluster CIDRs.
 */
public final class IntentCheck {
    static final String PROBE_NAMESPACE = "watasu-verify-probe";
    private static final String OUTSIDE_LABEL = "watasu.io/verify-outside";
    /** Addresses that stand for the internet, one per family: a promise names the external range holding them. */
    private static final String INTERNET_PROBE = "8.8.8.8";
    private static final String INTERNET_PROBE_IPV6 = "2001:4860:4860::8888";
    private static final ConnectionSet DNS_PORTS = ConnectionSet.of(Protocol.UDP, 53)
            .union(ConnectionSet.of(Protocol.TCP, 53));
    private static final ConnectionSet INGRESS_CONTROLLER_PORTS = ConnectionSet.of(Protocol.TCP, 80)
            .union(ConnectionSet.of(Protocol.TCP, 443));
    private static final Verdict EGRESS_INTO_CLUSTER_RANGES = new Verdict(ConnectionSet.NONE, "egress into the"
            + " cluster ranges is limited to DNS, the ingress controller and trusted *-tcp services");
    private static final Verdict EGRESS_TO_INTERNET = new Verdict(ConnectionSet.ALL, "");
    private static final Verdict IPV6_CLOSED = new Verdict(ConnectionSet.NONE, "IPv6 stays closed unless"
            + " platform.clusterCidrs lists the cluster's IPv6 ranges");

    private final WatasuConfig config;
    private final List<IpRange> clusterRanges;
    /** The cluster ranges include IPv6, so the contract opens the IPv6 internet. */
    private final boolean ipv6Internet;
    // Placed workloads are distinct objects; looking them up by identity spares hashing their labels and ports.
    private final Map<Workload, Role> roles = new IdentityHashMap<>();
    private final Map<String, App> appsByName = new HashMap<>();

    private final String probeNamespace;
    /** Where external sources (destinations) are cut besides the bounds of the policies checked. */
    private final List<IpRange> sourceCuts;
    private final List<IpRange> destinationCuts;

    private IntentCheck(WatasuConfig config, String probeNamespace, List<IpRange> sourceCuts,
                        List<IpRange> destinationCuts) {
        this.config = config;
        this.clusterRanges = clusterRanges(config);
        this.ipv6Internet = clusterRanges.stream().anyMatch(IpRange::ipv6);
        this.probeNamespace = probeNamespace;
        this.sourceCuts = sourceCuts;
        this.destinationCuts = destinationCuts;
        config.apps().forEach(a -> appsByName.put(a.name(), a));
    }

    private static List<IpRange> clusterRanges(WatasuConfig config) {
        return config.platform().clusterCidrs().stream().map(IpRange::parseCidr).toList();
    }

    /**
     * Every violation of the contract by the policies among {@code rendered}, sorted by their text. When
     * {@link TeamPartition} proves that no team's policies can concern another team's pods, the teams are checked
     * separately, in parallel, with the address space cut as for the whole: the result is the same.
     */
    public static List<Violation> check(WatasuConfig config, ManifestSet rendered) {
        String probeNamespace = probeNamespace(config, rendered);
        List<IpRange> cluster = clusterRanges(config);
        Map<Team, ManifestSet> parts = TeamPartition.of(config, rendered, probeNamespace);
        if (parts == null) {
            return checkWhole(config, rendered);
        }
        List<IpRange> sourceCuts = ConnectivityAnalyzer.externalRanges(rendered, true, cluster, true);
        List<IpRange> destinationCuts = ConnectivityAnalyzer.externalRanges(rendered, false, cluster, true);
        return parts.entrySet().parallelStream()
                .flatMap(part -> new IntentCheck(config.withTeams(List.of(part.getKey())), probeNamespace,
                        sourceCuts, destinationCuts)
                        .run(part.getValue()).stream())
                .sorted(Comparator.comparing(Violation::format))
                .toList();
    }

    /** The check of the whole platform at once, never split by team (what {@link #check} must always equal). */
    static List<Violation> checkWhole(WatasuConfig config, ManifestSet rendered) {
        List<IpRange> cluster = clusterRanges(config);
        return new IntentCheck(config, probeNamespace(config, rendered), cluster, cluster).run(rendered);
    }

    /** What a placed pod stands for. */
    private sealed interface Role {
    }

    private record ProcessPod(App app, Process process) implements Role {
    }

    private record IngressControllerPod() implements Role {
    }

    private record DnsPod() implements Role {
    }

    private record LabelCopy(App app) implements Role {
    }

    /** A pod of no team, in a namespace of no team, open both ways: what any foreign pod could do. */
    private record OutsidePod() implements Role {
    }

    private List<Violation> run(ManifestSet rendered) {
        ManifestSet placed = placePods(rendered);
        // IPv6 is always analyzed: a policy that opens it without IPv6 cluster ranges breaks the contract.
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyzeUnsorted(placed, sourceCuts,
                destinationCuts, true);
        Map<Workload, PolicyEngine.PodClass> classOf = new IdentityHashMap<>();
        for (PolicyEngine.PodClass podClass : analysis.engine().classes()) {
            podClass.members().forEach(w -> classOf.put(w, podClass));
        }
        List<IpRange> internetOut = new ArrayList<>();
        List<IpRange> internetIn = new ArrayList<>();
        for (String probe : ipv6Internet ? List.of(INTERNET_PROBE, INTERNET_PROBE_IPV6) : List.of(INTERNET_PROBE)) {
            internetOut.add(containing(analysis.externalDestinations(), IpRange.single(probe)));
            internetIn.add(containing(analysis.externalSources(), IpRange.single(probe)));
        }
        Map<Link, Promise> promised = new HashMap<>();
        for (Promise promise : promises(placed, internetOut, internetIn)) {
            promised.merge(new Link(promise.source(), promise.destination()), promise, Promise::and);
        }
        List<Violation> violations = new ArrayList<>();
        for (Connection c : analysis.connections()) {
            Verdict verdict = contract(c.source(), c.destination());
            if (verdict == null) {
                continue; // no process pod at either end, so no promise either
            }
            // Promises name one external range per family each way, the internet probe's; most are other ranges.
            if (mayBePromised(c.source(), internetIn) && mayBePromised(c.destination(), internetOut)) {
                Link link = new Link(c.source(), c.destination());
                Promise promise = promised.get(link);
                if (promise != null) {
                    promised.put(link, promise.without(c.connections()));
                }
            }
            ConnectionSet excess = c.connections().minus(verdict.allowed());
            if (!excess.isEmpty()) {
                violations.add(new Violation(name(c.source()), name(c.destination()), excess, true, verdict.rule(),
                        explain(analysis.engine(), classOf, c.source(), c.destination(), excess)));
            }
        }
        for (Promise promise : promised.values()) {
            if (!promise.connections().isEmpty()) {
                violations.add(new Violation(name(promise.source()), name(promise.destination()),
                        promise.connections(), false, promise.rule(), List.of()));
            }
        }
        violations.sort(Comparator.comparing(Violation::format));
        return violations;
    }

    /** A directed pair of endpoints; placed workloads compare by identity (see {@link #roles}). */
    private record Link(Endpoint source, Endpoint destination) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Link other && same(source, other.source) && same(destination, other.destination);
        }

        @Override
        public int hashCode() {
            return 31 * hash(source) + hash(destination);
        }

        // Spelled out: the generated record methods and identity hashes are slow without an optimising compiler.
        private static boolean same(Endpoint a, Endpoint b) {
            if (a instanceof Endpoint.OfWorkload x) {
                return b instanceof Endpoint.OfWorkload y && x.workload() == y.workload();
            }
            if (a instanceof Endpoint.External x) {
                return b instanceof Endpoint.External y && x.range().equals(y.range());
            }
            return a.getClass() == b.getClass();
        }

        private static int hash(Endpoint endpoint) {
            if (endpoint instanceof Endpoint.OfWorkload w) {
                return w.workload().name().hashCode();
            }
            if (endpoint instanceof Endpoint.External e) {
                return e.range().first().hashCode();
            }
            return 0;
        }
    }

    /** The contract's pods plus the probes, under the rendered policies and namespace labels. */
    private ManifestSet placePods(ManifestSet rendered) {
        Platform platform = config.platform();
        List<Workload> workloads = new ArrayList<>();
        for (Team team : config.teams()) {
            for (App app : team.apps()) {
                for (Process process : app.processes()) {
                    Workload pod = new Workload(team.name(), app.name() + ":" + process.name(), "Pod",
                            processLabels(team, app, process), List.of(containerPort(process)));
                    workloads.add(pod);
                    roles.put(pod, new ProcessPod(app, process));
                }
            }
        }
        for (Team team : config.teams()) {
            for (App app : team.apps()) {
                app.processes().stream().min(Comparator.comparing(Process::name)).ifPresent(first -> {
                    Workload copy = new Workload(probeNamespace, app.name(), "Pod",
                            processLabels(team, app, first), List.of(containerPort(first)));
                    workloads.add(copy);
                    roles.put(copy, new LabelCopy(app));
                });
            }
        }
        Workload outside = new Workload(probeNamespace, "outside", "Pod", Map.of(OUTSIDE_LABEL, "true"),
                List.of(new Workload.ContainerPort(null, Process.DEFAULT_PORT, Protocol.TCP)));
        workloads.add(outside);
        roles.put(outside, new OutsidePod());
        Workload ingressController = new Workload(platform.ingress().pods().namespace(), "ingress-controller", "Pod",
                platform.ingress().pods().podLabels(), List.of(new Workload.ContainerPort("http", 80, Protocol.TCP),
                new Workload.ContainerPort("https", 443, Protocol.TCP)));
        workloads.add(ingressController);
        roles.put(ingressController, new IngressControllerPod());
        Workload dns = new Workload(platform.dns().pods().namespace(), "dns", "Pod", platform.dns().pods().podLabels(),
                List.of(new Workload.ContainerPort("dns", 53, Protocol.UDP),
                        new Workload.ContainerPort("dns-tcp", 53, Protocol.TCP)));
        workloads.add(dns);
        roles.put(dns, new DnsPod());
        // Label copies only ever act as sources; keeping them closed stops them from all reaching each other, which
        // would make the probe set quadratic. The outside pod stays open as the target of leaking egress.
        List<Policy> policies = new ArrayList<>(rendered.policies());
        policies.add(new Policy(probeNamespace, "label-copies-receive-nothing",
                new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement(OUTSIDE_LABEL,
                        LabelSelector.Operator.DOES_NOT_EXIST, List.of()))),
                true, false, List.of(), List.of(), null));
        return new ManifestSet(rendered.namespaces(), workloads, List.of(), List.of(), policies,
                rendered.adminPolicies(), List.of());
    }

    private static String probeNamespace(WatasuConfig config, ManifestSet rendered) {
        Set<String> taken = new HashSet<>();
        config.teams().forEach(t -> taken.add(t.name()));
        rendered.namespaces().forEach(n -> taken.add(n.name()));
        rendered.policies().forEach(p -> taken.add(p.namespace()));
        taken.add(config.platform().ingress().pods().namespace());
        taken.add(config.platform().dns().pods().namespace());
        String candidate = PROBE_NAMESPACE;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = PROBE_NAMESPACE + "-" + i;
        }
        return candidate;
    }

    private static Map<String, String> processLabels(Team team, App app, Process process) {
        return Map.of(Names.TEAM_LABEL, team.name(), Names.APP_LABEL, app.name(), Names.PROCESS_LABEL, process.name());
    }

    private static Workload.ContainerPort containerPort(Process process) {
        return new Workload.ContainerPort(null, process.port(),
                process.kind() == ProcessKind.RTC ? Protocol.UDP : Protocol.TCP);
    }

    /** What the contract allows on one connection, and the rule that says so. */
    private record Verdict(ConnectionSet allowed, String rule) {
    }

    /** The contract's word on a connection; null when it says nothing (between platform pods and probes). */
    private Verdict contract(Endpoint source, Endpoint destination) {
        Role to = role(destination);
        if (to instanceof ProcessPod target) {
            return into(source, target);
        }
        if (role(source) instanceof ProcessPod from) {
            return outOf(from, destination, to);
        }
        return null;
    }

    private Verdict into(Endpoint source, ProcessPod target) {
        Process process = target.process();
        ProcessKind kind = process.kind();
        Role from = role(source);
        if (source instanceof Endpoint.External external) {
            if (kind != ProcessKind.RTC) {
                return new Verdict(ConnectionSet.NONE, "only *-rtc processes accept traffic from outside the cluster"
                        + " (web goes through the ingress controller)");
            }
            if (external.range().ipv6() && !ipv6Internet) {
                return IPV6_CLOSED;
            }
            return insideCluster(external.range())
                    ? new Verdict(ConnectionSet.NONE,
                    "*-rtc processes accept traffic from outside the cluster ranges only")
                    : new Verdict(ConnectionSet.of(Protocol.UDP, process.port()),
                    "*-rtc processes accept only their UDP port " + process.port() + " from outside the cluster");
        }
        if (from instanceof IngressControllerPod) {
            return kind == ProcessKind.WEB
                    ? new Verdict(ConnectionSet.of(Protocol.TCP, process.port()),
                    "the ingress controller may reach a web process on its port " + process.port() + "/TCP only")
                    : new Verdict(ConnectionSet.NONE, "the ingress controller reaches web processes only");
        }
        if (from instanceof DnsPod) {
            return new Verdict(ConnectionSet.NONE, "nothing but the contract's peers reaches a process (default deny)");
        }
        if (from instanceof OutsidePod) {
            return new Verdict(ConnectionSet.NONE, "pods outside the teams' namespaces never get in");
        }
        if (from instanceof LabelCopy copy) {
            return new Verdict(ConnectionSet.NONE, "a pod outside team " + copy.app().team()
                    + "'s namespace that copies the labels of " + copy.app().team() + "/" + copy.app().name()
                    + " must not get in");
        }
        App caller = ((ProcessPod) from).app();
        App callee = target.app();
        if (!caller.team().equals(callee.team())) {
            return new Verdict(ConnectionSet.NONE, "apps of different teams can never reach each other");
        }
        if (kind != ProcessKind.TCP) {
            return new Verdict(ConnectionSet.NONE, "between pods only *-tcp processes accept connections");
        }
        if (caller.name().equals(callee.name()) || callee.trust().contains(caller.name())) {
            return new Verdict(ConnectionSet.of(Protocol.TCP, process.port()),
                    callee.name() + ":" + process.name() + " is open to trusted apps on its port " + process.port()
                            + "/TCP only");
        }
        return new Verdict(ConnectionSet.NONE, callee.name() + " does not trust " + caller.name()
                + " (trust is directional: " + callee.name() + " trusts " + callee.trust() + ")");
    }

    private Verdict outOf(ProcessPod from, Endpoint destination, Role to) {
        if (destination instanceof Endpoint.External external) {
            if (external.range().ipv6() && !ipv6Internet) {
                return IPV6_CLOSED;
            }
            return insideCluster(external.range()) ? EGRESS_INTO_CLUSTER_RANGES : EGRESS_TO_INTERNET;
        }
        if (to instanceof DnsPod) {
            return new Verdict(DNS_PORTS, "egress to DNS is UDP and TCP 53 only");
        }
        if (to instanceof IngressControllerPod) {
            return new Verdict(INGRESS_CONTROLLER_PORTS, "egress to the ingress controller is TCP 80 and 443 only");
        }
        return new Verdict(ConnectionSet.NONE, "nothing leaves a pod towards pods the contract does not list");
    }

    /** Connections the contract promises between two endpoints; {@code connections} shrinks as they are found. */
    private record Promise(Endpoint source, Endpoint destination, ConnectionSet connections, String rule) {
        Promise without(ConnectionSet granted) {
            return new Promise(source, destination, connections.minus(granted), rule);
        }

        Promise and(Promise other) {
            return new Promise(source, destination, connections.union(other.connections), rule);
        }
    }

    /** Connections the contract promises: DNS, internet and ingress controller for every pod, trust, web, rtc. */
    private List<Promise> promises(ManifestSet placed, List<IpRange> internetOutRanges,
                                   List<IpRange> internetInRanges) {
        List<Endpoint> internetOut = internetOutRanges.stream().<Endpoint>map(Endpoint.External::new).toList();
        List<Endpoint> internetIn = internetInRanges.stream().<Endpoint>map(Endpoint.External::new).toList();
        Endpoint dns = null;
        Endpoint ingressController = null;
        Map<String, List<Endpoint>> podsByApp = new HashMap<>();
        for (Workload workload : placed.workloads()) {
            Endpoint endpoint = new Endpoint.OfWorkload(workload);
            Role role = roles.get(workload);
            if (role instanceof DnsPod) {
                dns = endpoint;
            } else if (role instanceof IngressControllerPod) {
                ingressController = endpoint;
            } else if (role instanceof ProcessPod p) {
                podsByApp.computeIfAbsent(p.app().name(), k -> new ArrayList<>()).add(endpoint);
            }
        }
        List<Promise> promises = new ArrayList<>();
        for (Workload workload : placed.workloads()) {
            if (!(roles.get(workload) instanceof ProcessPod pod)) {
                continue;
            }
            Endpoint self = new Endpoint.OfWorkload(workload);
            promises.add(new Promise(self, dns, DNS_PORTS, "every pod must reach DNS on UDP and TCP 53"));
            promises.add(new Promise(self, ingressController, INGRESS_CONTROLLER_PORTS,
                    "every pod must reach the ingress controller on TCP 80 and 443"));
            for (Endpoint internet : internetOut) {
                String probe = ((Endpoint.External) internet).range().ipv6() ? INTERNET_PROBE_IPV6 : INTERNET_PROBE;
                promises.add(new Promise(self, internet, ConnectionSet.ALL,
                        "every pod must reach the internet (" + probe + ")"));
            }
            Process process = pod.process();
            switch (process.kind()) {
                case WEB -> promises.add(new Promise(ingressController, self,
                        ConnectionSet.of(Protocol.TCP, process.port()),
                        "the ingress controller must reach web processes on their port"));
                case RTC -> {
                    for (Endpoint internet : internetIn) {
                        promises.add(new Promise(internet, self, ConnectionSet.of(Protocol.UDP, process.port()),
                                "*-rtc processes must be reachable from the internet on their UDP port"));
                    }
                }
                case TCP -> {
                    List<String> callers = new ArrayList<>(pod.app().trust());
                    callers.add(pod.app().name());
                    for (String caller : callers) {
                        for (Endpoint source : podsByApp.getOrDefault(caller, List.of())) {
                            if (!source.equals(self)) {
                                promises.add(new Promise(source, self, ConnectionSet.of(Protocol.TCP, process.port()),
                                        "pods of " + pod.app().name() + " and of the apps it trusts must reach "
                                                + process.name() + " on its port"));
                            }
                        }
                    }
                }
                case WORKER -> {
                }
            }
        }
        return promises;
    }

    private static boolean mayBePromised(Endpoint endpoint, List<IpRange> internetRanges) {
        if (!(endpoint instanceof Endpoint.External e)) {
            return true;
        }
        for (int i = 0; i < internetRanges.size(); i++) { // indexed: this runs for every judged connection
            if (e.range().equals(internetRanges.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static IpRange containing(List<IpRange> ranges, IpRange address) {
        return ranges.stream().filter(r -> r.contains(address)).findFirst().orElseThrow();
    }

    private boolean insideCluster(IpRange range) {
        for (int i = 0; i < clusterRanges.size(); i++) { // indexed: this runs for every pod x external range
            if (clusterRanges.get(i).overlaps(range)) {
                return true;
            }
        }
        return false;
    }

    private Role role(Endpoint endpoint) {
        return endpoint instanceof Endpoint.OfWorkload w ? roles.get(w.workload()) : null;
    }

    private String name(Endpoint endpoint) {
        Role role = role(endpoint);
        if (role instanceof ProcessPod p) {
            return p.app().team() + "/" + p.app().name() + ":" + p.process().name();
        }
        if (role instanceof IngressControllerPod) {
            return "ingress-controller(" + config.platform().ingress().pods().namespace() + ")";
        }
        if (role instanceof DnsPod) {
            return "dns(" + config.platform().dns().pods().namespace() + ")";
        }
        if (role instanceof OutsidePod) {
            return ((Endpoint.OfWorkload) endpoint).workload().namespace() + "/outside-pod";
        }
        if (role instanceof LabelCopy copy) {
            return ((Endpoint.OfWorkload) endpoint).workload().namespace() + "/label-copy-of-" + copy.app().team()
                    + "/" + copy.app().name();
        }
        return endpoint instanceof Endpoint.External e ? "external " + e.range().format() : endpoint.displayName();
    }

    /** What let a connection through: the granting policies, or the process pod that no policy isolates. */
    private List<String> explain(PolicyEngine engine, Map<Workload, PolicyEngine.PodClass> classOf, Endpoint source,
                                 Endpoint destination, ConnectionSet wanted) {
        PolicyEngine.PodClass from = source instanceof Endpoint.OfWorkload w ? classOf.get(w.workload()) : null;
        PolicyEngine.PodClass to = destination instanceof Endpoint.OfWorkload w ? classOf.get(w.workload()) : null;
        List<Decision.Reason> allowing = new ArrayList<>();
        if (from != null && to != null) {
            allowing.addAll(engine.policiesAllowing(from, to, wanted));
        } else if (to != null && source instanceof Endpoint.External e) {
            allowing.addAll(engine.policiesAllowingFromExternal(to, e.range(), wanted));
        } else if (from != null && destination instanceof Endpoint.External e) {
            allowing.addAll(engine.policiesAllowingToExternal(from, e.range(), wanted));
        }
        List<String> causes = new ArrayList<>();
        allowing.stream().map(r -> r.kind().equals(Decision.NETWORK_POLICY) ? "policy " + r.name() : r.policy())
                .distinct().forEach(causes::add);
        // Only process pods are the renderer's to isolate; platform pods and probes are open by design.
        if (to != null && !to.ingressIsolated() && role(destination) instanceof ProcessPod) {
            causes.add("no policy isolates " + name(destination) + " for ingress");
        }
        if (from != null && !from.egressIsolated() && role(source) instanceof ProcessPod) {
            causes.add("no policy isolates " + name(source) + " for egress");
        }
        return causes;
    }
}
