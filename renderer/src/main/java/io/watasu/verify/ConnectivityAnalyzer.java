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
     * The result: connections sorted by their printed line, the engine that produced them (for explanations), and
     * the ranges external sources and destinations were cut into.
     */
    public record Analysis(List<Connection> connections, PolicyEngine engine, List<IpRange> externalSources,
                           List<IpRange> externalDestinations) {
    }

    public static Analysis analyze(ManifestSet manifests) {
        return analyze(manifests, List.of());
    }

    /**
     * @param extraCuts address ranges whose bounds must also split the external peers (the intent check passes the
     *                  cluster ranges so that no external peer straddles one)
     */
    public static Analysis analyze(ManifestSet manifests, List<IpRange> extraCuts) {
        Analysis unsorted = analyzeUnsorted(manifests, extraCuts);
        List<Connection> sorted = unsorted.connections().stream()
                .map(c -> Map.entry(c.line(), c))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
        return new Analysis(sorted, unsorted.engine(), unsorted.externalSources(), unsorted.externalDestinations());
    }

    /** The same connections in no particular order, for callers that judge them one by one. */
    static Analysis analyzeUnsorted(ManifestSet manifests, List<IpRange> extraCuts) {
        PolicyEngine engine = new PolicyEngine(manifests);
        List<Connection> connections = new ArrayList<>();
        addWorkloadConnections(engine, connections);
        List<IpRange> sources = externalRanges(engine.policies(), true, extraCuts);
        List<IpRange> destinations = externalRanges(engine.policies(), false, extraCuts);
        addExternalConnections(engine, connections, sources, destinations);
        addIngressControllerConnections(engine, manifests, connections);
        return new Analysis(connections, engine, sources, destinations);
    }

    /**
     * Pairs of classes are visited only where both sides could allow something: the destinations the source's egress
     * rules name (or all), intersected with the destinations whose ingress is open or names the source.
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
        for (Policy policy : source.egressPolicies()) {
            for (Policy.Rule rule : policy.egress()) {
                if (rule.anyPeer()) {
                    return null;
                }
                result.addAll(peerClasses(engine, policy, rule));
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

    /** Ingress ipBlocks split the external sources, egress ipBlocks the external destinations. */
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
                    for (Endpoint member : members) {
                        out.add(new Connection(sourceEndpoints.get(i), member, allowed));
                    }
                }
            }
            ConnectionSet[] allowedTo = engine.egressToExternal(podClass, destinations);
            for (int i = 0; i < allowedTo.length; i++) {
                if (!allowedTo[i].isEmpty()) {
                    for (Endpoint member : members) {
                        out.add(new Connection(member, destinationEndpoints.get(i), allowedTo[i]));
                    }
                }
            }
        }
    }

    /** The whole IPv4 space cut at every bound of the ipBlocks of one direction (and the extra cuts). */
    static List<IpRange> externalRanges(List<Policy> policies, boolean ingress, List<IpRange> extraCuts) {
        TreeSet<Long> starts = new TreeSet<>();
        starts.add(0L);
        List<IpRange> bounds = new ArrayList<>(extraCuts);
        for (Policy policy : policies) {
            for (Policy.Rule rule : ingress ? policy.ingress() : policy.egress()) {
                for (Policy.Peer peer : rule.peers()) {
                    if (peer.ipBlock() != null && peer.ipBlock().cidr() != null) {
                        bounds.add(peer.ipBlock().cidr());
                        bounds.addAll(peer.ipBlock().except());
                    }
                }
            }
        }
        for (IpRange r : bounds) {
            starts.add(r.first());
            if (r.last() < IpRange.MAX_ADDRESS) {
                starts.add(r.last() + 1);
            }
        }
        List<IpRange> ranges = new ArrayList<>();
        Long previous = null;
        for (Long start : starts) {
            if (previous != null) {
                ranges.add(new IpRange(previous, start - 1));
            }
            previous = start;
        }
        ranges.add(new IpRange(previous, IpRange.MAX_ADDRESS));
        return ranges;
    }

    /**
     * Ingress -> Service -> selected workloads on the referenced ports' target ports, kept where the policies let the
     * controller's stand-in pod in (its real namespace and labels are not known here).
     */
    private static void addIngressControllerConnections(PolicyEngine engine, ManifestSet manifests,
                                                        List<Connection> out) {
        Map<String, Service> servicesByName = new HashMap<>();
        for (Service s : manifests.services()) {
            servicesByName.put(s.namespace() + "/" + s.name(), s);
        }
        Map<Workload, ConnectionSet> reached = new LinkedHashMap<>();
        Map<Workload, PolicyEngine.PodClass> classOf = new HashMap<>();
        for (PolicyEngine.PodClass podClass : engine.classes()) {
            podClass.members().forEach(w -> classOf.put(w, podClass));
        }
        Map<String, List<Workload>> workloadsByNamespace = new HashMap<>();
        for (Workload w : manifests.workloads()) {
            workloadsByNamespace.computeIfAbsent(w.namespace(), n -> new ArrayList<>()).add(w);
        }
        Set<String> seenBackends = new HashSet<>();
        for (Ingress ingress : manifests.ingresses()) {
            for (Ingress.Backend backend : ingress.backends()) {
                Service service = servicesByName.get(ingress.namespace() + "/" + backend.service());
                if (service == null || service.selector().isEmpty()
                        || !seenBackends.add(ingress.namespace() + "/" + backend.service() + ":" + backend.port())) {
                    continue;
                }
                for (Service.ServicePort port : service.ports()) {
                    if (backend.port() != null && !backend.port().equals(String.valueOf(port.port()))
                            && !backend.port().equals(port.name())) {
                        continue;
                    }
                    for (Workload w : workloadsByNamespace.getOrDefault(service.namespace(), List.of())) {
                        if (service.selector().entrySet().stream()
                                .allMatch(e -> e.getValue().equals(w.labels().get(e.getKey())))) {
                            reached.merge(w, targetPort(port, w), ConnectionSet::union);
                        }
                    }
                }
            }
        }
        Pod controller = engine.ingressControllerStandIn();
        for (Map.Entry<Workload, ConnectionSet> e : reached.entrySet()) {
            ConnectionSet allowed = e.getValue().intersect(engine.ingress(classOf.get(e.getKey()), controller));
            if (!allowed.isEmpty()) {
                out.add(new Connection(new Endpoint.IngressController(), new Endpoint.OfWorkload(e.getKey()), allowed));
            }
        }
    }

    private static ConnectionSet targetPort(Service.ServicePort port, Workload workload) {
        if (port.targetPort().matches("[0-9]+")) {
            return ConnectionSet.of(port.protocol(), Integer.parseInt(port.targetPort()));
        }
        ConnectionSet result = ConnectionSet.NONE;
        for (Workload.ContainerPort c : workload.ports()) {
            if (port.targetPort().equals(c.name()) && c.protocol() == port.protocol()) {
                result = result.union(ConnectionSet.of(port.protocol(), c.port()));
            }
        }
        return result;
    }
}
