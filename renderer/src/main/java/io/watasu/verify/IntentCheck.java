package io.watasu.verify;

import io.watasu.model.App;
import io.watasu.model.ClusterDns;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks NetworkPolicies against the Watasu contract. It places the pods the contract speaks about (one per process,
 * the ingress controller unless it runs in the host network, the DNS server, each scraper) plus probes in a namespace
 * of no team (for every app and every platform component, a pod copying its labels; and one pod without Watasu
 * labels, open both ways), evaluates the policies with {@link ConnectivityAnalyzer}, and compares every allowed
 * connection, and every promised one, with what the contract says. External addresses are judged as ranges cut at
 * every range the platform names (cluster, link-local, nodes, DNS, link-local entries, API server), one range per
 * {@link AddressCells} cell of identical treatment, a violation named for each range of its cell. Ingress objects
 * are held to the model by {@link IngressIntent}.
 */
public final class IntentCheck {
    static final String PROBE_NAMESPACE = "watasu-verify-probe";
    private static final String OUTSIDE_LABEL = "watasu.io/verify-outside";
    /** Marks the probes copying a platform component's labels: they stay open for ingress, as targets of egress. */
    private static final String PLATFORM_COPY_LABEL = "watasu.io/verify-platform-copy";
    /** Link-local addresses, never the internet whether or not the cluster ranges list them. */
    private static final List<IpRange> LINK_LOCAL = List.of(IpRange.parseCidr("169.254.0.0/16"),
            IpRange.parseCidr("fe80::/10"));
    /** The port DNS answers on at addresses outside pods (node-local caches, the cloud's resolver). */
    /** Addresses that stand for the internet, one per family: a promise names the external range holding them. */
    private static final String INTERNET_PROBE = "8.8.8.8";
    private static final String INTERNET_PROBE_IPV6 = "2001:4860:4860::8888";
    private static final Verdict EGRESS_INTO_CLUSTER_RANGES = new Verdict(ConnectionSet.NONE, "egress into the"
            + " cluster ranges is limited to DNS, the ingress controller and trusted *-tcp services");
    private static final Verdict EGRESS_TO_INTERNET = new Verdict(ConnectionSet.ALL, "");
    private static final Verdict IPV6_CLOSED = new Verdict(ConnectionSet.NONE, "IPv6 stays closed unless"
            + " platform.clusterCidrs lists the cluster's IPv6 ranges");
    private static final String LINK_LOCAL_RULE = "link-local addresses are never the internet: pods reach only the"
            + " platform.linkLocal entries and platform.dns.addresses, on their ports";
    private static final String NODE_RULE = "node addresses (platform.nodeCidrs) are reached only on the ports of a"
            + " host-network ingress controller and at the addresses the platform lists";

    private final WatasuConfig config;
    private final List<IpRange> clusterRanges;
    private final List<IpRange> nodeRanges;
    private final List<IpRange> dnsAddresses;
    private final List<IpRange> apiServerAddresses;
    private final List<LinkLocalGrant> linkLocalGrants;
    /** What pods may use at the DNS pods, and at the DNS addresses: each port over UDP and TCP. */
    private final ConnectionSet dnsPodPorts;
    private final ConnectionSet dnsAddressPorts = udpAndTcp(List.of(ClusterDns.DNS_PORT));
    /** The ingress controller's own ports, where pods calling a public hostname reach it. */
    private final ConnectionSet controllerPorts;
    private final Map<IpRange, Verdict> addressVerdicts = new HashMap<>();
    private final Map<IpRange, Verdict> addressVerdictsWithApi = new HashMap<>();
    /** The cluster ranges include IPv6, so the contract opens the IPv6 internet. */
    private final boolean ipv6Internet;
    // Placed workloads are distinct objects; looking them up by identity spares hashing their labels and ports.
    private final Map<Workload, Role> roles = new IdentityHashMap<>();
    private final Map<String, App> appsByName = new HashMap<>();

    private final String probeNamespace;
    /** Where external sources (destinations) are cut besides the bounds of the policies checked. */
    private final List<IpRange> sourceCuts;
    private final List<IpRange> destinationCuts;
    private final List<IpRange> contractRanges;

    private IntentCheck(WatasuConfig config, String probeNamespace, List<IpRange> sourceCuts,
                        List<IpRange> destinationCuts) {
        this.config = config;
        Platform platform = config.platform();
        this.clusterRanges = clusterRanges(config);
        this.nodeRanges = blocks(platform.nodeCidrs());
        this.dnsAddresses = blocks(platform.dns().addresses());
        this.apiServerAddresses = blocks(platform.apiServer().addresses());
        this.linkLocalGrants = platform.linkLocal().stream().map(LinkLocalGrant::of).toList();
        this.dnsPodPorts = udpAndTcp(platform.dns().ports());
        this.controllerPorts = tcp(platform.ingress().ports());
        this.ipv6Internet = clusterRanges.stream().anyMatch(IpRange::ipv6);
        this.probeNamespace = probeNamespace;
        this.sourceCuts = sourceCuts;
        this.destinationCuts = destinationCuts;
        this.contractRanges = contractRanges(clusterRanges, nodeRanges, dnsAddresses, apiServerAddresses,
                linkLocalGrants);
        config.apps().forEach(a -> appsByName.put(a.name(), a));
    }

    private static List<IpRange> clusterRanges(WatasuConfig config) {
        return config.platform().clusterCidrs().stream().map(IpRange::parseCidr).toList();
    }

    /** Addresses or CIDRs as ranges ({@code 169.254.20.10} is the single address). */
    private static List<IpRange> blocks(List<String> addresses) {
        return addresses.stream().map(a -> a.indexOf('/') >= 0 ? IpRange.parseCidr(a) : IpRange.single(a)).toList();
    }

    /**
     * Every range the contract says something about, where external addresses are cut so that each range is
     * wholly inside or outside each of them.
     */
    private static List<IpRange> contractRanges(WatasuConfig config) {
        Platform platform = config.platform();
        return contractRanges(clusterRanges(config), blocks(platform.nodeCidrs()),
                blocks(platform.dns().addresses()), blocks(platform.apiServer().addresses()),
                platform.linkLocal().stream().map(LinkLocalGrant::of).toList());
    }

    private static List<IpRange> contractRanges(List<IpRange> clusterRanges, List<IpRange> nodeRanges,
                                                List<IpRange> dnsAddresses, List<IpRange> apiServerAddresses,
                                                List<LinkLocalGrant> linkLocalGrants) {
        List<IpRange> ranges = new ArrayList<>(clusterRanges);
        ranges.addAll(LINK_LOCAL);
        ranges.addAll(nodeRanges);
        ranges.addAll(dnsAddresses);
        ranges.addAll(apiServerAddresses);
        linkLocalGrants.forEach(grant -> ranges.add(grant.range()));
        return ranges;
    }

    /** A platform.linkLocal entry: its range and the TCP ports every pod may call there. */
    private record LinkLocalGrant(IpRange range, ConnectionSet ports) {
        static LinkLocalGrant of(LinkLocalAccess access) {
            return new LinkLocalGrant(blocks(List.of(access.cidr())).get(0), tcp(access.ports()));
        }
    }

    private static ConnectionSet tcp(List<Integer> ports) {
        ConnectionSet set = ConnectionSet.NONE;
        for (int port : ports) {
            set = set.union(ConnectionSet.of(Protocol.TCP, port));
        }
        return set;
    }

    private static ConnectionSet udpAndTcp(List<Integer> ports) {
        ConnectionSet set = tcp(ports);
        for (int port : ports) {
            set = set.union(ConnectionSet.of(Protocol.UDP, port));
        }
        return set;
    }

    private static String portList(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(" and "));
    }

    /**
     * Every violation of the contract by the policies among {@code rendered}, sorted by their text. When
     * {@link TeamPartition} proves that no team's policies can concern another team's pods, the teams are checked
     * separately, in parallel, with the address space cut as for the whole: the result is the same.
     */
    public static List<Violation> check(WatasuConfig config, ManifestSet rendered) {
        String probeNamespace = probeNamespace(config, rendered);
        List<IpRange> cuts = contractRanges(config);
        Map<Team, ManifestSet> parts = TeamPartition.of(config, rendered, probeNamespace);
        if (parts == null) {
            return checkWhole(config, rendered);
        }
        List<IpRange> sourceCuts = ConnectivityAnalyzer.externalRanges(rendered, true, cuts, true);
        List<IpRange> destinationCuts = ConnectivityAnalyzer.externalRanges(rendered, false, cuts, true);
        return Stream.concat(IngressIntent.violations(config, rendered).stream(),
                        parts.entrySet().parallelStream()
                                .flatMap(part -> new IntentCheck(config.withTeams(List.of(part.getKey())),
                                        probeNamespace, sourceCuts, destinationCuts)
                                        .run(part.getValue()).stream()))
                .sorted(Comparator.comparing(Violation::format))
                .toList();
    }

    /** The check of the whole platform at once, never split by team (what {@link #check} must always equal). */
    static List<Violation> checkWhole(WatasuConfig config, ManifestSet rendered) {
        List<IpRange> cuts = contractRanges(config);
        List<Violation> violations = new ArrayList<>(new IntentCheck(config, probeNamespace(config, rendered), cuts,
                cuts).run(rendered));
        violations.addAll(IngressIntent.violations(config, rendered));
        violations.sort(Comparator.comparing(Violation::format));
        return violations;
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

    private record ScraperPod(PodSelector scraper) implements Role {
    }

    /** A pod in a namespace of no team copying a platform component's labels: it must neither send nor receive. */
    private record PlatformCopy(String component) implements Role {
    }

    /** A pod of no team, in a namespace of no team, open both ways: what any foreign pod could do. */
    private record OutsidePod() implements Role {
    }

    private List<Violation> run(ManifestSet rendered) {
        ManifestSet placed = placePods(rendered);
        // IPv6 is always analyzed: a policy that opens it without IPv6 cluster ranges breaks the contract. External
        // ranges are judged one per cell of identical treatment, and a violation reported for every range of its cell.
        AddressCells sourceCells = cells(ConnectivityAnalyzer.blockGroups(placed, true), sourceCuts);
        AddressCells destinationCells = cells(ConnectivityAnalyzer.blockGroups(placed, false), destinationCuts);
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyzeRanges(placed,
                sourceCells.representatives(), destinationCells.representatives());
        Map<Workload, PolicyEngine.PodClass> classOf = new IdentityHashMap<>();
        for (PolicyEngine.PodClass podClass : analysis.engine().classes()) {
            podClass.members().forEach(w -> classOf.put(w, podClass));
        }
        External external = new External(sourceCells, destinationCells);
        Map<Link, Promise> promised = new HashMap<>();
        for (Promise promise : promises(placed, external)) {
            // Keyed by cell, met by the cell's connections; the promise keeps naming the range that holds its address.
            promised.merge(new Link(external.sourceCell(promise.source()), external.destinationCell(
                    promise.destination())), promise, Promise::and);
        }
        List<Violation> violations = new ArrayList<>();
        for (Connection c : analysis.connections()) {
            Verdict verdict = contract(c.source(), c.destination());
            if (verdict == null) {
                continue; // no process pod at either end, so no promise either
            }
            // Promises name a few external ranges (the internet probes', the platform's addresses); most are others.
            if (mayBePromised(c.source(), external.promisedSources)
                    && mayBePromised(c.destination(), external.promisedDestinations)) {
                Link link = new Link(c.source(), c.destination());
                Promise promise = promised.get(link);
                if (promise != null) {
                    promised.put(link, promise.without(c.connections()));
                }
            }
            ConnectionSet excess = c.connections().minus(verdict.allowed());
            if (!excess.isEmpty()) {
                for (Endpoint source : external.sourceMembers(c.source())) {
                    for (Endpoint destination : external.destinationMembers(c.destination())) {
                        violations.add(new Violation(name(source), name(destination), excess, true, verdict.rule(),
                                explain(analysis.engine(), classOf, source, destination, excess)));
                    }
                }
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

    private AddressCells cells(Set<List<IpBlock>> blockGroups, List<IpRange> cuts) {
        return AddressCells.of(ConnectivityAnalyzer.externalRanges(blockGroups, cuts, true), blockGroups,
                contractRanges);
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
        // A host-network controller is no pod: its traffic carries node addresses, judged as external ranges.
        if (!platform.ingress().hostNetwork()) {
            place(workloads, platform.ingress().pods(), "ingress-controller",
                    ports(platform.ingress().ports(), List.of(Protocol.TCP)), new IngressControllerPod());
        }
        place(workloads, platform.dns().pods(), "dns", ports(platform.dns().ports(),
                List.of(Protocol.UDP, Protocol.TCP)), new DnsPod());
        for (PodSelector scraper : platform.scrapers()) {
            place(workloads, scraper, "scraper", List.of(), new ScraperPod(scraper));
        }
        // Copies of the platform components' labels where they do not run: a peer widened beyond its namespace
        // (or to no namespace at all) reaches them, and they must get nothing either way.
        placeCopy(workloads, platform.ingress().pods(), "ingress-controller",
                ports(platform.ingress().ports(), List.of(Protocol.TCP)));
        placeCopy(workloads, platform.dns().pods(), "dns", ports(platform.dns().ports(),
                List.of(Protocol.UDP, Protocol.TCP)));
        for (int i = 0; i < platform.scrapers().size(); i++) {
            placeCopy(workloads, platform.scrapers().get(i), "scraper-" + (i + 1), List.of());
        }
        // App label copies only ever act as sources; keeping them closed stops them from all reaching each other,
        // which would make the probe set quadratic. The outside pod and the platform copies stay open as targets of
        // leaking egress.
        List<Policy> policies = new ArrayList<>(rendered.policies());
        policies.add(new Policy(probeNamespace, "label-copies-receive-nothing",
                new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement(OUTSIDE_LABEL,
                        LabelSelector.Operator.DOES_NOT_EXIST, List.of()), new LabelSelector.Requirement(
                        PLATFORM_COPY_LABEL, LabelSelector.Operator.DOES_NOT_EXIST, List.of()))),
                true, false, List.of(), List.of(), null));
        return new ManifestSet(rendered.namespaces(), workloads, List.of(), List.of(), policies,
                rendered.adminPolicies(), List.of());
    }

    private void place(List<Workload> workloads, PodSelector pods, String name, List<Workload.ContainerPort> ports,
                       Role role) {
        Workload pod = new Workload(pods.namespace(), name, "Pod", pods.podLabels(), ports);
        workloads.add(pod);
        roles.put(pod, role);
    }

    private void placeCopy(List<Workload> workloads, PodSelector pods, String component,
                           List<Workload.ContainerPort> ports) {
        Map<String, String> labels = new HashMap<>(pods.podLabels());
        labels.put(PLATFORM_COPY_LABEL, component);
        Workload copy = new Workload(probeNamespace, "label-copy-of-" + component, "Pod", labels, ports);
        workloads.add(copy);
        roles.put(copy, new PlatformCopy(component));
    }

    private static List<Workload.ContainerPort> ports(List<Integer> ports, List<Protocol> protocols) {
        List<Workload.ContainerPort> result = new ArrayList<>();
        for (int port : ports) {
            for (Protocol protocol : protocols) {
                result.add(new Workload.ContainerPort(null, port, protocol));
            }
        }
        return result;
    }

    private static String probeNamespace(WatasuConfig config, ManifestSet rendered) {
        Set<String> taken = new HashSet<>();
        config.teams().forEach(t -> taken.add(t.name()));
        rendered.namespaces().forEach(n -> taken.add(n.name()));
        rendered.policies().forEach(p -> taken.add(p.namespace()));
        taken.add(config.platform().ingress().pods().namespace());
        taken.add(config.platform().dns().pods().namespace());
        config.platform().scrapers().forEach(s -> taken.add(s.namespace()));
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
            if (within(external.range(), LINK_LOCAL)) {
                return new Verdict(ConnectionSet.NONE, "link-local addresses never reach a process");
            }
            if (within(external.range(), nodeRanges)) {
                return platform().ingress().hostNetwork() && kind == ProcessKind.WEB
                        ? new Verdict(ConnectionSet.of(Protocol.TCP, process.port()), "the host-network ingress"
                        + " controller (platform.nodeCidrs) may reach a web process on its port " + process.port()
                        + "/TCP only")
                        : new Verdict(ConnectionSet.NONE, "node addresses reach a process only as a host-network"
                        + " ingress controller, on a web process's port");
            }
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
        if (from instanceof ScraperPod) {
            return process.metricsPort() != null
                    ? new Verdict(ConnectionSet.of(Protocol.TCP, process.metricsPort()), "the platform's scrapers may"
                    + " reach metrics port " + process.metricsPort() + "/TCP only")
                    : new Verdict(ConnectionSet.NONE, "the platform's scrapers reach a process's metricsPort only, and"
                    + " " + process.name() + " has none");
        }
        if (from instanceof DnsPod) {
            return new Verdict(ConnectionSet.NONE, "nothing but the contract's peers reaches a process (default deny)");
        }
        if (from instanceof PlatformCopy copy) {
            return new Verdict(ConnectionSet.NONE, "a pod outside its namespace that copies the labels of "
                    + copy.component() + " must not get in");
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
            return toAddresses(from, external.range());
        }
        if (to instanceof DnsPod) {
            return new Verdict(dnsPodPorts, "egress to DNS is UDP and TCP " + portList(platform().dns().ports())
                    + " only");
        }
        if (to instanceof IngressControllerPod) {
            return new Verdict(controllerPorts, "egress to the ingress controller is TCP "
                    + portList(platform().ingress().ports()) + " only");
        }
        if (to instanceof PlatformCopy copy) {
            return new Verdict(ConnectionSet.NONE, "a pod outside its namespace that copies the labels of "
                    + copy.component() + " receives nothing");
        }
        return new Verdict(ConnectionSet.NONE, "nothing leaves a pod towards pods the contract does not list");
    }

    /**
     * Egress to a range of external addresses (wholly inside or outside each range the platform names): the
     * internet, or within the cluster, link-local and node ranges only what the platform lists there.
     */
    private Verdict toAddresses(ProcessPod from, IpRange range) {
        // Judged once per range (and per answer to "does the app ask for the API"): every pod meets every range.
        Map<IpRange, Verdict> cache = from.app().kubernetesApi() ? addressVerdictsWithApi : addressVerdicts;
        Verdict verdict = cache.get(range);
        if (verdict == null) {
            verdict = judgeAddresses(from, range);
            cache.put(range, verdict);
        }
        return verdict;
    }

    private Verdict judgeAddresses(ProcessPod from, IpRange range) {
        ConnectionSet granted = ConnectionSet.NONE;
        if (within(range, dnsAddresses)) {
            granted = granted.union(dnsAddressPorts);
        }
        for (LinkLocalGrant grant : linkLocalGrants) {
            if (grant.range().contains(range)) {
                granted = granted.union(grant.ports());
            }
        }
        if (from.app().kubernetesApi() && within(range, apiServerAddresses)) {
            granted = granted.union(ConnectionSet.of(Protocol.TCP, platform().apiServer().port()));
        }
        if (platform().ingress().hostNetwork() && within(range, nodeRanges)) {
            granted = granted.union(controllerPorts);
        }
        Verdict base;
        if (within(range, LINK_LOCAL)) {
            base = new Verdict(ConnectionSet.NONE, LINK_LOCAL_RULE);
        } else if (within(range, nodeRanges)) {
            base = new Verdict(ConnectionSet.NONE, NODE_RULE);
        } else if (range.ipv6() && !ipv6Internet) {
            base = IPV6_CLOSED;
        } else {
            base = insideCluster(range) ? EGRESS_INTO_CLUSTER_RANGES : EGRESS_TO_INTERNET;
        }
        if (granted.isEmpty()) {
            return base;
        }
        return new Verdict(base.allowed().union(granted), base.rule() + (base.allowed().isAll() ? ""
                : "; here the platform lists " + granted.format() + (from.app().kubernetesApi()
                && within(range, apiServerAddresses) ? " (the Kubernetes API, for apps with kubernetesApi: true)"
                : "")));
    }

    private static boolean within(IpRange range, List<IpRange> blocks) {
        for (int i = 0; i < blocks.size(); i++) { // indexed: this runs for every pod x external range
            if (blocks.get(i).contains(range)) {
                return true;
            }
        }
        return false;
    }

    private Platform platform() {
        return config.platform();
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

    /**
     * Connections the contract promises: for every pod DNS (its pods and addresses), the ingress controller, the
     * internet and the link-local entries; the API for apps that ask; trust, web (from the controller), rtc (from the
     * internet) and metrics ports (from the scrapers).
     */
    private List<Promise> promises(ManifestSet placed, External external) {
        Platform platform = platform();
        List<Endpoint> internetOut = new ArrayList<>();
        List<Endpoint> internetIn = new ArrayList<>();
        for (String probe : ipv6Internet ? List.of(INTERNET_PROBE, INTERNET_PROBE_IPV6) : List.of(INTERNET_PROBE)) {
            internetOut.add(external.destination(IpRange.single(probe)));
            internetIn.add(external.source(IpRange.single(probe)));
        }
        List<Endpoint> dnsAddressEndpoints = dnsAddresses.stream().map(external::destination).toList();
        List<Map.Entry<Endpoint, LinkLocalGrant>> linkLocalEndpoints = linkLocalGrants.stream()
                .map(g -> Map.entry(external.destination(g.range()), g)).toList();
        List<Endpoint> apiEndpoints = apiServerAddresses.stream().map(external::destination).toList();
        // The controller as pods see it when they call a public hostname, and as web processes see it.
        List<Endpoint> controllerOut = new ArrayList<>();
        List<Endpoint> controllerIn = new ArrayList<>();
        if (platform.ingress().hostNetwork()) {
            nodeRanges.forEach(n -> {
                controllerOut.add(external.destination(n));
                controllerIn.add(external.source(n));
            });
        }
        Endpoint dns = null;
        List<Endpoint> scrapers = new ArrayList<>();
        Map<String, List<Endpoint>> podsByApp = new HashMap<>();
        for (Workload workload : placed.workloads()) {
            Endpoint endpoint = new Endpoint.OfWorkload(workload);
            Role role = roles.get(workload);
            if (role instanceof DnsPod) {
                dns = endpoint;
            } else if (role instanceof IngressControllerPod) {
                controllerOut.add(endpoint);
                controllerIn.add(endpoint);
            } else if (role instanceof ScraperPod) {
                scrapers.add(endpoint);
            } else if (role instanceof ProcessPod p) {
                podsByApp.computeIfAbsent(p.app().name(), k -> new ArrayList<>()).add(endpoint);
            }
        }
        String dnsPorts = portList(platform.dns().ports());
        String controllerPortList = portList(platform.ingress().ports());
        List<Promise> promises = new ArrayList<>();
        for (Workload workload : placed.workloads()) {
            if (!(roles.get(workload) instanceof ProcessPod pod)) {
                continue;
            }
            Endpoint self = new Endpoint.OfWorkload(workload);
            promises.add(new Promise(self, dns, dnsPodPorts, "every pod must reach DNS on UDP and TCP " + dnsPorts));
            for (Endpoint address : dnsAddressEndpoints) {
                promises.add(new Promise(self, address, dnsAddressPorts, "every pod must reach DNS at the platform's"
                        + " DNS addresses on UDP and TCP " + ClusterDns.DNS_PORT));
            }
            for (Endpoint controller : controllerOut) {
                promises.add(new Promise(self, controller, controllerPorts,
                        "every pod must reach the ingress controller on TCP " + controllerPortList));
            }
            for (Map.Entry<Endpoint, LinkLocalGrant> entry : linkLocalEndpoints) {
                promises.add(new Promise(self, entry.getKey(), entry.getValue().ports(),
                        "every pod must reach the platform's link-local entries on their ports"));
            }
            if (pod.app().kubernetesApi()) {
                for (Endpoint api : apiEndpoints) {
                    promises.add(new Promise(self, api, ConnectionSet.of(Protocol.TCP, platform.apiServer().port()),
                            "apps with kubernetesApi: true must reach the Kubernetes API"));
                }
            }
            for (Endpoint internet : internetOut) {
                String probe = ((Endpoint.External) internet).range().ipv6() ? INTERNET_PROBE_IPV6 : INTERNET_PROBE;
                promises.add(new Promise(self, internet, ConnectionSet.ALL,
                        "every pod must reach the internet (" + probe + ")"));
            }
            Process process = pod.process();
            if (process.metricsPort() != null) {
                for (Endpoint scraper : scrapers) {
                    promises.add(new Promise(scraper, self, ConnectionSet.of(Protocol.TCP, process.metricsPort()),
                            "the platform's scrapers must reach metrics ports"));
                }
            }
            switch (process.kind()) {
                case WEB -> {
                    for (Endpoint controller : controllerIn) {
                        promises.add(new Promise(controller, self, ConnectionSet.of(Protocol.TCP, process.port()),
                                "the ingress controller must reach web processes on their port"));
                    }
                }
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

    private static boolean mayBePromised(Endpoint endpoint, Set<IpRange> promisedRanges) {
        return !(endpoint instanceof Endpoint.External e) || promisedRanges.contains(e.range());
    }

    /**
     * The external ranges of one analysis, grouped in cells, and the cells that promises name: a promise to an
     * address names the range holding it (ranges are cut at every address the platform lists, so it lies wholly
     * inside the listed block), and is met by what reaches that range's cell.
     */
    private static final class External {
        private final AddressCells sources;
        private final AddressCells destinations;
        final Set<IpRange> promisedSources = new HashSet<>();
        final Set<IpRange> promisedDestinations = new HashSet<>();

        External(AddressCells sources, AddressCells destinations) {
            this.sources = sources;
            this.destinations = destinations;
        }

        Endpoint source(IpRange block) {
            IpRange range = sources.holding(block.first());
            promisedSources.add(sources.representative(range));
            return new Endpoint.External(range);
        }

        Endpoint destination(IpRange block) {
            IpRange range = destinations.holding(block.first());
            promisedDestinations.add(destinations.representative(range));
            return new Endpoint.External(range);
        }

        /** The endpoint standing for {@code endpoint}'s cell as a source: itself unless it is an external range. */
        Endpoint sourceCell(Endpoint endpoint) {
            return endpoint instanceof Endpoint.External e ? new Endpoint.External(sources.representative(e.range()))
                    : endpoint;
        }

        Endpoint destinationCell(Endpoint endpoint) {
            return endpoint instanceof Endpoint.External e
                    ? new Endpoint.External(destinations.representative(e.range())) : endpoint;
        }

        /** Every endpoint a connection from {@code endpoint} stands for: each range of its cell, or itself. */
        List<Endpoint> sourceMembers(Endpoint endpoint) {
            return endpoint instanceof Endpoint.External e ? members(sources, e.range()) : List.of(endpoint);
        }

        List<Endpoint> destinationMembers(Endpoint endpoint) {
            return endpoint instanceof Endpoint.External e ? members(destinations, e.range()) : List.of(endpoint);
        }

        private static List<Endpoint> members(AddressCells cells, IpRange representative) {
            return cells.members(representative).stream().<Endpoint>map(Endpoint.External::new).toList();
        }
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
        if (role instanceof ScraperPod scraper) {
            return "scraper(" + scraper.scraper().namespace() + ")";
        }
        if (role instanceof PlatformCopy copy) {
            return ((Endpoint.OfWorkload) endpoint).workload().namespace() + "/label-copy-of-" + copy.component();
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
