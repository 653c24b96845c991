package io.watasu.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes every allowed connection between workloads, external address ranges and the ingress controller, with the
 * semantics and naming of np-guard netpol-analyzer's connectivity list. A connection needs the source's egress AND the
 * destination's ingress; a workload's connection to itself is not listed.
 */
public final class ConnectivityAnalyzer {
    private ConnectivityAnalyzer() {
    }

    /**
     * The result: connections sorted by their printed line, every workload (connected or not), the engine that
     * produced them (for explanations), and the ranges external sources and destinations were cut into.
     */
    public record Analysis(List<Connection> connections, List<Workload> workloads, PolicyEngine engine,
                           List<IpRange> externalSources, List<IpRange> externalDestinations) {
    }

    /** The analysis netpol-analyzer makes: IPv4 external peers only. */
    public static Analysis analyze(ManifestSet manifests) {
        return analyze(manifests, List.of(), false);
    }

    /**
     * @param extraCuts address ranges whose bounds must also split the external peers (the intent check passes the
     *                  cluster ranges so that no external peer straddles one)
     * @param ipv6      list external IPv6 peers too (netpol-analyzer lists IPv4 ones only)
     */
    public static Analysis analyze(ManifestSet manifests, List<IpRange> extraCuts, boolean ipv6) {
        Analysis unsorted = analyzeUnsorted(manifests, extraCuts, ipv6);
        List<Connection> sorted = unsorted.connections().stream()
                .map(c -> Map.entry(c.line(), c))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
        return new Analysis(sorted, unsorted.workloads(), unsorted.engine(), unsorted.externalSources(),
                unsorted.externalDestinations());
    }

    /** The same connections in no particular order, for callers that judge them one by one. */
    static Analysis analyzeUnsorted(ManifestSet manifests, List<IpRange> extraCuts, boolean ipv6) {
        return analyzeRanges(manifests, externalRanges(manifests, true, extraCuts, ipv6),
                externalRanges(manifests, false, extraCuts, ipv6));
    }

    /**
     * As above with the external peers given: each range must lie wholly inside or outside every block the policies
     * name (they need not cover the address space: the intent check passes one range per {@link AddressCells} cell).
     */
    static Analysis analyzeRanges(ManifestSet manifests, List<IpRange> sources, List<IpRange> destinations) {
        PolicyEngine engine = new PolicyEngine(manifests);
        List<Connection> connections = new ArrayList<>();
        addWorkloadConnections(engine, connections);
        addExternalConnections(engine, connections, sources, destinations);
        addIngressControllerConnections(engine, manifests, connections);
        return new Analysis(connections, manifests.workloads(), engine, sources, destinations);
    }

    /**
     * Pairs of classes are visited only where both sides could allow something: the destinations the source's egress
     * rules name (or all), intersected with the destinations whose ingress is open or names the source. Admin tier
     * Allow rules name peers like NetworkPolicy rules do; baseline rules only matter where no NetworkPolicy isolates
     * the pod, and such a pod is open to every peer anyway.
     */
    private static void addWorkloadConnections(PolicyEngine engine, List<Connection> out) {
        List<PolicyEngine.PodClass> classes = engine.classes();
        Set<PolicyEngine.PodClass> openToAnySource = new LinkedHashSet<>();
        Map<PolicyEngine.PodClass, Set<PolicyEngine.PodClass>> ingressNamedSources = new HashMap<>();
        for (PolicyEngine.PodClass destination : classes) {
            if (!destination.ingressIsolated()) {
                openToAnySource.add(destination);
                continue;
            }
            for (Policy policy : destination.ingressPolicies()) {
                for (Policy.Rule rule : policy.ingress()) {
                    if (rule.anyPeer()) {
                        openToAnySource.add(destination);
                    }
                    for (PolicyEngine.PodClass source : peerClasses(engine, policy, rule)) {
                        ingressNamedSources.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(destination);
                    }
                }
            }
            for (PolicyEngine.PodClass source : adminAllowedClasses(engine, destination, true)) {
                ingressNamedSources.computeIfAbsent(source, s -> new LinkedHashSet<>()).add(destination);
            }
        }
        for (PolicyEngine.PodClass source : classes) {
            Set<PolicyEngine.PodClass> byIngress = new LinkedHashSet<>(openToAnySource);
            byIngress.addAll(ingressNamedSources.getOrDefault(source, Set.of()));
            Collection<PolicyEngine.PodClass> byEgress = egressCandidates(engine, source);
            Collection<PolicyEngine.PodClass> candidates;
            if (byEgress == null) {
                candidates = byIngress;
            } else {
                candidates = new ArrayList<>();
                for (PolicyEngine.PodClass d : byEgress) {
                    if (byIngress.contains(d)) {
                        candidates.add(d);
                    }
                }
            }
            for (PolicyEngine.PodClass destination : candidates) {
                ConnectionSet allowed = engine.egress(source, destination);
                if (!allowed.isEmpty()) {
                    allowed = allowed.intersect(engine.ingress(destination, source));
                }
                if (!allowed.isEmpty()) {
                    addMemberPairs(source, destination, allowed, out);
                }
            }
        }
    }

    /** Destinations the source's egress could reach; null when unrestricted. */
    private static Collection<PolicyEngine.PodClass> egressCandidates(PolicyEngine engine,
                                                                      PolicyEngine.PodClass source) {
        if (!source.egressIsolated()) {
            return null;
        }
        Set<PolicyEngine.PodClass> result = new LinkedHashSet<>();
        List<Policy> policies = source.egressPolicies();
        for (int p = 0; p < policies.size(); p++) { // indexed loops: this runs once per pod class
            Policy policy = policies.get(p);
            for (int r = 0; r < policy.egress().size(); r++) {
                Policy.Rule rule = policy.egress().get(r);
                if (rule.anyPeer()) {
                    return null;
                }
                result.addAll(peerClasses(engine, policy, rule));
            }
        }
        result.addAll(adminAllowedClasses(engine, source, false));
        return result;
    }

    /** Classes that an admin tier Allow rule of the subject's policies names in one direction. */
    private static Set<PolicyEngine.PodClass> adminAllowedClasses(PolicyEngine engine, PolicyEngine.PodClass subject,
                                                                 boolean ingress) {
        Set<PolicyEngine.PodClass> result = new LinkedHashSet<>();
        for (AdminPolicy policy : subject.admin(ingress)) {
            for (AdminPolicy.Rule rule : policy.rules(ingress)) {
                if (rule.action() == AdminPolicy.Action.ALLOW) {
                    for (AdminPolicy.Peer peer : rule.peers()) {
                        result.addAll(engine.matching(peer));
                    }
                }
            }
        }
        return result;
    }

    private static List<PolicyEngine.PodClass> peerClasses(PolicyEngine engine, Policy policy, Policy.Rule rule) {
        List<PolicyEngine.PodClass> result = new ArrayList<>();
        for (Policy.Peer peer : rule.peers()) {
            if (peer.ipBlock() == null) {
                result.addAll(engine.matching(policy.namespace(), peer));
            }
        }
        return result;
    }

    private static void addMemberPairs(PolicyEngine.PodClass source, PolicyEngine.PodClass destination,
                                       ConnectionSet allowed, List<Connection> out) {
        for (Workload s : source.members()) {
            for (Workload d : destination.members()) {
                if (s != d) {
                    out.add(new Connection(new Endpoint.OfWorkload(s), new Endpoint.OfWorkload(d), allowed));
                }
            }
        }
    }

    /** Ingress ipBlocks split the external sources, egress ipBlocks and networks the external destinations. */
    private static void addExternalConnections(PolicyEngine engine, List<Connection> out, List<IpRange> sources,
                                               List<IpRange> destinations) {
        // Endpoints are immutable values, so one object per range and per workload serves every connection.
        List<Endpoint> sourceEndpoints = sources.stream().<Endpoint>map(Endpoint.External::new).toList();
        List<Endpoint> destinationEndpoints = destinations.stream().<Endpoint>map(Endpoint.External::new).toList();
        for (PolicyEngine.PodClass podClass : engine.classes()) {
            List<Endpoint> members = podClass.members().stream().<Endpoint>map(Endpoint.OfWorkload::new).toList();
            int open = engine.closedToExternal(podClass) ? 0 : sources.size();
            for (int i = 0; i < open; i++) {
                ConnectionSet allowed = engine.ingressFromExternal(podClass, sources.get(i));
                if (!allowed.isEmpty()) {
                    for (int m = 0; m < members.size(); m++) { // indexed: C1 allocates an iterator per for-each
                        out.add(new Connection(sourceEndpoints.get(i), members.get(m), allowed));
                    }
                }
            }
            ConnectionSet[] allowedTo = engine.egressToExternal(podClass, destinations);
            for (int i = 0; i < allowedTo.length; i++) {
                if (!allowedTo[i].isEmpty()) {
                    for (int m = 0; m < members.size(); m++) {
                        out.add(new Connection(members.get(m), destinationEndpoints.get(i), allowedTo[i]));
                    }
                }
            }
        }
    }

    /**
     * The address space (IPv4, and IPv6 when asked) cut at the bounds of every set of addresses the policies of one
     * direction name, and at the extra cuts. A set's bounds are those of its intervals: an ipBlock is its cidr less
     * the union of its excepts, so excepts that meet leave no bound between them.
     */
    static List<IpRange> externalRanges(ManifestSet manifests, boolean ingress, List<IpRange> extraCuts,
                                        boolean ipv6) {
        return externalRanges(blockGroups(manifests, ingress), extraCuts, ipv6);
    }

    /** As above, for the policies' {@link #blockGroups} of one direction. */
    static List<IpRange> externalRanges(Collection<List<IpBlock>> blockGroups, List<IpRange> extraCuts,
                                        boolean ipv6) {
        // Policies repeat the same blocks (every team's internet egress): each distinct block is cut once.
        Set<IpBlock> blocks = new LinkedHashSet<>();
        blockGroups.forEach(blocks::addAll);
        List<IpRange> bounds = new ArrayList<>(extraCuts);
        blocks.forEach(b -> bounds.addAll(b.intervals()));
        List<IpRange> ranges = new ArrayList<>(cut(IpRange.ALL_IPV4, bounds));
        if (ipv6) {
            ranges.addAll(cut(IpRange.ALL_IPV6, bounds));
        }
        return ranges;
    }

    /**
     * The sets of addresses the policies of one direction decide by: the ipBlocks of each NetworkPolicy rule, and
     * the blocks of each AdminNetworkPolicy {@code networks} peer (egress only). A rule matches a range cut at their
     * bounds exactly when one block of its set holds it. Distinct sets only, in the order found.
     */
    static Set<List<IpBlock>> blockGroups(ManifestSet manifests, boolean ingress) {
        Set<List<IpBlock>> groups = new LinkedHashSet<>();
        for (Policy policy : manifests.policies()) {
            for (Policy.Rule rule : policy.rules(ingress)) {
                List<IpBlock> blocks = new ArrayList<>();
                for (Policy.Peer peer : rule.peers()) {
                    if (peer.ipBlock() != null) {
                        blocks.add(peer.ipBlock());
                    }
                }
                if (!blocks.isEmpty()) {
                    groups.add(blocks);
                }
            }
        }
        if (!ingress) { // admin policies name addresses in egress rules only
            for (AdminPolicy policy : manifests.adminPolicies()) {
                for (AdminPolicy.Rule rule : policy.egress()) {
                    for (AdminPolicy.Peer peer : rule.peers()) {
                        if (peer instanceof AdminPolicy.Peer.Networks networks && !networks.blocks().isEmpty()) {
                            groups.add(networks.blocks());
                        }
                    }
                }
            }
        }
        return groups;
    }

    private static List<IpRange> cut(IpRange space, List<IpRange> bounds) {
        TreeSet<IpAddress> starts = new TreeSet<>();
        starts.add(space.first());
        for (IpRange r : bounds) {
            if (r.ipv6() == space.ipv6()) {
                starts.add(r.first());
                if (!r.last().isLast()) {
                    starts.add(r.last().next());
                }
            }
        }
        List<IpRange> ranges = new ArrayList<>();
        IpAddress previous = null;
        for (IpAddress start : starts) {
            if (previous != null) {
                ranges.add(new IpRange(previous, start.previous()));
            }
            previous = start;
        }
        ranges.add(new IpRange(previous, space.last()));
        return ranges;
    }

    /**
     * A workload that Ingresses or Routes send the ingress controller to: the ports they lead to, and the objects.
     */
    public record IngressRoute(Workload workload, ConnectionSet ports, List<Ingress> via) {
    }

    /**
     * Ingress (or Route) -> Service -> selected workloads on the referenced ports' target ports. As in
     * netpol-analyzer, the controller reaches only TCP ports the workload's containers declare.
     */
    public static List<IngressRoute> ingressRoutes(ManifestSet manifests) {
        Map<String, Service> servicesByName = new HashMap<>();
        for (Service s : manifests.services()) {
            servicesByName.put(s.namespace() + "/" + s.name(), s);
        }
        Map<String, List<Workload>> workloadsByNamespace = new HashMap<>();
        for (Workload w : manifests.workloads()) {
            workloadsByNamespace.computeIfAbsent(w.namespace(), n -> new ArrayList<>()).add(w);
        }
        Map<Workload, ConnectionSet> reached = new LinkedHashMap<>();
        Map<Workload, Set<Ingress>> via = new HashMap<>();
        Set<String> seenBackends = new HashSet<>();
        for (Ingress ingress : manifests.ingresses()) {
            for (Ingress.Backend backend : ingress.backends()) {
                Service service = servicesByName.get(ingress.namespace() + "/" + backend.service());
                String key = ingress.kind() + ":" + ingress.namespace() + "/" + ingress.name() + ":" + backend.service()
                        + ":" + backend.port();
                if (service == null || service.selector().isEmpty() || !seenBackends.add(key)) {
                    continue;
                }
                for (Service.ServicePort port : servicePorts(service, backend, ingress.kind().equals("Route"))) {
                    for (Workload w : workloadsByNamespace.getOrDefault(service.namespace(), List.of())) {
                        if (service.selector().entrySet().stream()
                                .allMatch(e -> e.getValue().equals(w.labels().get(e.getKey())))) {
                            reached.merge(w, targetPort(port, w), ConnectionSet::union);
                            via.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(ingress);
                        }
                    }
                }
            }
        }
        List<IngressRoute> routes = new ArrayList<>();
        reached.forEach((w, ports) -> routes.add(new IngressRoute(w, ports, List.copyOf(via.get(w)))));
        return routes;
    }

    /**
     * The ingress controller's connections: where Ingresses and Routes lead, kept where the policies let the
     * controller's stand-in pod out and in (its real namespace and labels are not known here).
     */
    private static void addIngressControllerConnections(PolicyEngine engine, ManifestSet manifests,
                                                        List<Connection> out) {
        Map<Workload, PolicyEngine.PodClass> classOf = new HashMap<>();
        for (PolicyEngine.PodClass podClass : engine.classes()) {
            podClass.members().forEach(w -> classOf.put(w, podClass));
        }
        Pod controller = engine.ingressControllerStandIn();
        PolicyEngine.PodClass controllerClass = engine.classify(controller);
        for (IngressRoute route : ingressRoutes(manifests)) {
            PolicyEngine.PodClass target = classOf.get(route.workload());
            ConnectionSet allowed = route.ports().intersect(engine.ingress(target, controller));
            if (!allowed.isEmpty()) {
                allowed = allowed.intersect(engine.egress(controllerClass, target.pod()));
            }
            if (!allowed.isEmpty()) {
                out.add(new Connection(new Endpoint.IngressController(), new Endpoint.OfWorkload(route.workload()),
                        allowed));
            }
        }
    }

    /**
     * The service ports a backend reaches: every port when none is given, else the first whose name, number or (for
     * a Route, whose {@code targetPort} means the Service's) target port is the one named.
     */
    private static List<Service.ServicePort> servicePorts(Service service, Ingress.Backend backend, boolean route) {
        if (backend.port() == null) {
            return service.ports();
        }
        boolean number = backend.port().matches("[0-9]+");
        for (Service.ServicePort port : service.ports()) {
            boolean byName = !number && backend.port().equals(port.name());
            boolean byNumber = number && (backend.port().equals(String.valueOf(port.port()))
                    || backend.port().equals(port.targetPort()));
            boolean byTargetName = route && !number && backend.port().equals(port.targetPort());
            if (byName || byNumber || byTargetName) {
                return List.of(port);
            }
        }
        return List.of();
    }

    private static ConnectionSet targetPort(Service.ServicePort port, Workload workload) {
        String target = port.targetPort();
        for (Workload.ContainerPort c : workload.ports()) {
            boolean numberMatch = target.equals(String.valueOf(c.port()));
            boolean nameMatch = target.equals(c.name()) && c.protocol() == Protocol.TCP;
            if (numberMatch || nameMatch) {
                return ConnectionSet.of(Protocol.TCP, c.port());
            }
        }
        return ConnectionSet.NONE;
    }
}
