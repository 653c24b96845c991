package io.watasu.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NetworkPolicy semantics over one set of manifests. Workloads are grouped into classes of identical {@link Pod}s, and
 * policies and peers are matched through a per-namespace label index, so that the cost follows the number of
 * selections rather than pods x policies.
 */
public final class PolicyEngine {
    /** A group of workloads that every policy treats alike, with the policies that select it. */
    public static final class PodClass {
        private final Pod pod;
        /** Registration order within the engine; -1 for a probe class. */
        private final int ordinal;
        private final List<Workload> members = new ArrayList<>();
        private final List<Policy> ingressPolicies = new ArrayList<>();
        private final List<Policy> egressPolicies = new ArrayList<>();
        // The same policies less those that cannot admit a pod (an address): they add nothing on that side.
        private final List<Policy> ingressPoliciesForPods = new ArrayList<>();
        private final List<Policy> egressPoliciesForPods = new ArrayList<>();
        private final List<Policy> ingressPoliciesForAddresses = new ArrayList<>();
        private final List<Policy> egressPoliciesForAddresses = new ArrayList<>();

        PodClass(Pod pod, int ordinal) {
            this.pod = pod;
            this.ordinal = ordinal;
        }

        public Pod pod() {
            return pod;
        }

        public List<Workload> members() {
            return members;
        }

        /** True when some policy selects these pods for ingress: then only what a rule allows gets in. */
        public boolean ingressIsolated() {
            return !ingressPolicies.isEmpty();
        }

        public boolean egressIsolated() {
            return !egressPolicies.isEmpty();
        }

        List<Policy> ingressPolicies() {
            return ingressPolicies;
        }

        List<Policy> egressPolicies() {
            return egressPolicies;
        }
    }

    private final List<Policy> policies;
    private final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
    private final Map<Pod, PodClass> classes = new LinkedHashMap<>();
    private final Map<String, List<PodClass>> classesByNamespace = new HashMap<>();
    /** namespace -> label key -> label value -> classes, in registration order. */
    private final Map<String, Map<String, Map<String, List<PodClass>>>> labelIndex = new HashMap<>();
    private final Map<PeerInNamespace, List<PodClass>> peerMatches = new HashMap<>();
    /** {@link #peerMatches} by peer object first: hashing the selectors costs more than the lookups it spares. */
    private final Map<Policy.Peer, PeerMatch> peerMatchesByIdentity = new IdentityHashMap<>();
    /** Per policy, which kinds of peer its ingress (egress) rules can admit at all. */
    private final Map<Policy, Reach> ingressReach = new IdentityHashMap<>();
    private final Map<Policy, Reach> egressReach = new IdentityHashMap<>();
    /** Per policy and rule (by position), the classes its selector peers match: the per-pair test for known classes. */
    private final Map<Policy, List<Set<PodClass>>> ingressRuleClasses = new IdentityHashMap<>();
    private final Map<Policy, List<Set<PodClass>>> egressRuleClasses = new IdentityHashMap<>();
    /** Per egress policy, what it lets out to each of {@link #externalEgressRanges}: classes share their policies. */
    private final Map<Policy, ConnectionSet[]> externalEgress = new IdentityHashMap<>();
    private List<IpRange> externalEgressRanges;

    private record PeerInNamespace(String policyNamespace, LabelSelector podSelector, LabelSelector namespaceSelector) {
    }

    private record PeerMatch(String policyNamespace, List<PodClass> classes) {
    }

    /**
     * Whether some rule of one direction of a policy can admit a pod (any peer, or a selector peer) or an external
     * address (any peer, or an IPv4 ipBlock). A policy that cannot adds nothing on that side (the internet egress
     * policy's dozens of ipBlocks never match a pod), so it is skipped there.
     */
    private record Reach(boolean pods, boolean external) {
        static Reach of(List<Policy.Rule> rules) {
            boolean pods = false;
            boolean external = false;
            for (Policy.Rule rule : rules) {
                pods |= rule.anyPeer();
                external |= rule.anyPeer();
                for (Policy.Peer peer : rule.peers()) {
                    pods |= peer.ipBlock() == null;
                    external |= peer.ipBlock() != null && peer.ipBlock().cidr() != null;
                }
            }
            return new Reach(pods, external);
        }
    }

    public PolicyEngine(ManifestSet manifests) {
        this.policies = manifests.policies();
        for (KubeNamespace ns : manifests.namespaces()) {
            namespaceLabels.put(ns.name(), ns.labels());
        }
        for (Workload w : manifests.workloads()) {
            namespaceLabels.computeIfAbsent(w.namespace(), n -> new KubeNamespace(n, Map.of()).labels());
            Pod pod = new Pod(w.namespace(), namespaceLabels.get(w.namespace()), w.labels(), w.ports());
            PodClass podClass = classes.computeIfAbsent(pod, this::register);
            podClass.members.add(w);
        }
        for (Policy policy : policies) {
            for (PodClass selected : selectInNamespace(policy.namespace(), policy.podSelector())) {
                addPolicy(selected, policy);
            }
        }
    }

    public List<PodClass> classes() {
        return List.copyOf(classes.values());
    }

    public List<Policy> policies() {
        return policies;
    }

    /** The class a pod would belong to, with the policies that select it (for pods not in the manifests too). */
    public PodClass classify(Pod pod) {
        PodClass known = classes.get(pod);
        if (known != null) {
            return known;
        }
        PodClass probe = new PodClass(pod, -1);
        for (Policy policy : policies) {
            if (policy.namespace().equals(pod.namespace()) && policy.podSelector().matches(pod.labels())) {
                addPolicy(probe, policy);
            }
        }
        return probe;
    }

    /** What {@code destination}'s ingress policies let in from {@code source}. */
    public ConnectionSet ingress(PodClass destination, Pod source) {
        if (!destination.ingressIsolated()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy policy : destination.ingressPoliciesForPods) {
            allowed = allowed.union(allowedByRules(policy, policy.ingress(), source, destination.pod.ports()));
        }
        return allowed;
    }

    /** What {@code source}'s egress policies let out towards {@code destination}. */
    public ConnectionSet egress(PodClass source, Pod destination) {
        if (!source.egressIsolated()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy policy : source.egressPoliciesForPods) {
            allowed = allowed.union(allowedByRules(policy, policy.egress(), destination, destination.ports()));
        }
        return allowed;
    }

    /**
     * {@link #ingress(PodClass, Pod)} for a source among {@link #classes()} (not a {@link #classify} probe): a rule's
     * selector peers are answered from the classes they match ({@link #matching} tests the same selectors once per
     * peer), instead of testing them again for every pair.
     */
    public ConnectionSet ingress(PodClass destination, PodClass source) {
        if (!destination.ingressIsolated()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy policy : destination.ingressPoliciesForPods) {
            List<Set<PodClass>> named = ingressRuleClasses.computeIfAbsent(policy, p -> ruleClasses(p, p.ingress()));
            allowed = allowed.union(allowedByRules(policy.ingress(), named, source, destination.pod.ports()));
        }
        return allowed;
    }

    /** {@link #egress(PodClass, Pod)} for a destination among {@link #classes()}, answered as in the ingress twin. */
    public ConnectionSet egress(PodClass source, PodClass destination) {
        if (!source.egressIsolated()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy policy : source.egressPoliciesForPods) {
            List<Set<PodClass>> named = egressRuleClasses.computeIfAbsent(policy, p -> ruleClasses(p, p.egress()));
            allowed = allowed.union(allowedByRules(policy.egress(), named, destination, destination.pod.ports()));
        }
        return allowed;
    }

    private List<Set<PodClass>> ruleClasses(Policy policy, List<Policy.Rule> rules) {
        List<Set<PodClass>> result = new ArrayList<>();
        for (Policy.Rule rule : rules) {
            Set<PodClass> named = new HashSet<>();
            for (Policy.Peer peer : rule.peers()) {
                if (peer.ipBlock() == null) {
                    named.addAll(matching(policy.namespace(), peer));
                }
            }
            result.add(named);
        }
        return result;
    }

    private static ConnectionSet allowedByRules(List<Policy.Rule> rules, List<Set<PodClass>> named, PodClass peer,
                                                List<Workload.ContainerPort> destinationPorts) {
        ConnectionSet allowed = ConnectionSet.NONE;
        for (int i = 0; i < rules.size(); i++) {
            Policy.Rule rule = rules.get(i);
            if (rule.anyPeer() || named.get(i).contains(peer)) {
                allowed = allowed.union(rule.connections(destinationPorts));
            }
        }
        return allowed;
    }

    /** What gets into {@code destination} from external addresses {@code range} (pre-split at ipBlock bounds). */
    public ConnectionSet ingressFromExternal(PodClass destination, IpRange range) {
        if (!destination.ingressIsolated()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy policy : destination.ingressPoliciesForAddresses) {
            allowed = allowed.union(allowedForAddresses(policy.ingress(), range, destination.pod.ports()));
        }
        return allowed;
    }

    /** True when no ingress policy of an isolated {@code destination} can admit any external address. */
    public boolean closedToExternal(PodClass destination) {
        return destination.ingressIsolated() && destination.ingressPoliciesForAddresses.isEmpty();
    }

    /** What leaves {@code source} towards external addresses {@code range}; named ports resolve to nothing there. */
    public ConnectionSet egressToExternal(PodClass source, IpRange range) {
        if (!source.egressIsolated()) {
            return ConnectionSet.ALL;
        }
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy policy : source.egressPolicies) {
            allowed = allowed.union(allowedForAddresses(policy.egress(), range, List.of()));
        }
        return allowed;
    }

    /** {@link #egressToExternal(PodClass, IpRange)} for each of {@code ranges}, in their order. */
    public ConnectionSet[] egressToExternal(PodClass source, List<IpRange> ranges) {
        ConnectionSet[] allowed = new ConnectionSet[ranges.size()];
        if (!source.egressIsolated()) {
            Arrays.fill(allowed, ConnectionSet.ALL);
            return allowed;
        }
        Arrays.fill(allowed, ConnectionSet.NONE);
        if (ranges != externalEgressRanges) {
            externalEgress.clear();
            externalEgressRanges = ranges;
        }
        for (Policy policy : source.egressPoliciesForAddresses) {
            ConnectionSet[] byPolicy = externalEgress.computeIfAbsent(policy, p -> {
                ConnectionSet[] result = new ConnectionSet[ranges.size()];
                for (int i = 0; i < result.length; i++) {
                    result[i] = allowedForAddresses(p.egress(), ranges.get(i), List.of());
                }
                return result;
            });
            for (int i = 0; i < allowed.length; i++) {
                allowed[i] = allowed[i].union(byPolicy[i]);
            }
        }
        return allowed;
    }

    /**
     * The pod that stands for the ingress controller, whose real namespace and labels the manifests do not tell:
     * like netpol-analyzer, a pod without labels in a namespace {@code ingress-controller-ns} of its own.
     */
    public Pod ingressControllerStandIn() {
        String namespace = "ingress-controller-ns";
        Map<String, String> labels = namespaceLabels.get(namespace);
        return new Pod(namespace, labels != null ? labels : new KubeNamespace(namespace, Map.of()).labels(), Map.of(),
                List.of());
    }

    /** Names of the policies of the destination (ingress) and source (egress) that grant part of {@code wanted}. */
    public List<String> policiesAllowing(PodClass source, PodClass destination, ConnectionSet wanted) {
        List<String> names = new ArrayList<>();
        for (Policy policy : destination.ingressPolicies) {
            if (!allowedByRules(policy, policy.ingress(), source.pod, destination.pod.ports()).intersect(wanted).isEmpty()) {
                names.add(policy.qualifiedName());
            }
        }
        for (Policy policy : source.egressPolicies) {
            if (!allowedByRules(policy, policy.egress(), destination.pod, destination.pod.ports()).intersect(wanted).isEmpty()) {
                names.add(policy.qualifiedName());
            }
        }
        return names;
    }

    /** Names of the destination's ingress policies that let part of {@code wanted} in from {@code range}. */
    public List<String> policiesAllowingFromExternal(PodClass destination, IpRange range, ConnectionSet wanted) {
        List<String> names = new ArrayList<>();
        for (Policy policy : destination.ingressPolicies) {
            if (!allowedForAddresses(policy.ingress(), range, destination.pod.ports()).intersect(wanted).isEmpty()) {
                names.add(policy.qualifiedName());
            }
        }
        return names;
    }

    /** Names of the source's egress policies that let part of {@code wanted} out to {@code range}. */
    public List<String> policiesAllowingToExternal(PodClass source, IpRange range, ConnectionSet wanted) {
        List<String> names = new ArrayList<>();
        for (Policy policy : source.egressPolicies) {
            if (!allowedForAddresses(policy.egress(), range, List.of()).intersect(wanted).isEmpty()) {
                names.add(policy.qualifiedName());
            }
        }
        return names;
    }

    /** Classes whose pods match a (non-ipBlock) peer of a policy in {@code policyNamespace}; cached. */
    List<PodClass> matching(String policyNamespace, Policy.Peer peer) {
        PeerMatch known = peerMatchesByIdentity.get(peer);
        if (known != null && known.policyNamespace().equals(policyNamespace)) {
            return known.classes();
        }
        List<PodClass> classes = matchingBySelectors(policyNamespace, peer);
        peerMatchesByIdentity.put(peer, new PeerMatch(policyNamespace, classes));
        return classes;
    }

    private List<PodClass> matchingBySelectors(String policyNamespace, Policy.Peer peer) {
        return peerMatches.computeIfAbsent(
                new PeerInNamespace(policyNamespace, peer.podSelector(), peer.namespaceSelector()), key -> {
                    LabelSelector pods = key.podSelector() == null ? LabelSelector.EVERYTHING : key.podSelector();
                    if (key.namespaceSelector() == null) {
                        return selectInNamespace(key.policyNamespace(), pods);
                    }
                    List<PodClass> result = new ArrayList<>();
                    for (Map.Entry<String, Map<String, String>> ns : namespaceLabels.entrySet()) {
                        if (key.namespaceSelector().matches(ns.getValue())) {
                            result.addAll(selectInNamespace(ns.getKey(), pods));
                        }
                    }
                    return result;
                });
    }

    private ConnectionSet allowedByRules(Policy policy, List<Policy.Rule> rules, Pod peerPod,
                                         List<Workload.ContainerPort> destinationPorts) {
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy.Rule rule : rules) {
            if (rule.anyPeer() || anyPeerMatchesPod(policy.namespace(), rule, peerPod)) {
                allowed = allowed.union(rule.connections(destinationPorts));
            }
        }
        return allowed;
    }

    private static ConnectionSet allowedForAddresses(List<Policy.Rule> rules, IpRange range,
                                                     List<Workload.ContainerPort> destinationPorts) {
        ConnectionSet allowed = ConnectionSet.NONE;
        for (Policy.Rule rule : rules) {
            if (rule.anyPeer() || anyIpBlockContains(rule, range)) {
                allowed = allowed.union(rule.connections(destinationPorts));
            }
        }
        return allowed;
    }

    // Loops rather than streams in these two: they run for every evaluated pair and range.
    private static boolean anyPeerMatchesPod(String policyNamespace, Policy.Rule rule, Pod pod) {
        for (Policy.Peer peer : rule.peers()) {
            if (matchesPod(policyNamespace, peer, pod)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyIpBlockContains(Policy.Rule rule, IpRange range) {
        for (Policy.Peer peer : rule.peers()) {
            if (peer.ipBlock() != null && peer.ipBlock().contains(range)) {
                return true;
            }
        }
        return false;
    }

    /** ipBlocks never match pods: they stand for addresses outside the cluster's pod network. */
    private static boolean matchesPod(String policyNamespace, Policy.Peer peer, Pod pod) {
        if (peer.ipBlock() != null) {
            return false;
        }
        boolean namespaceMatches = peer.namespaceSelector() == null
                ? pod.namespace().equals(policyNamespace)
                : peer.namespaceSelector().matches(pod.namespaceLabels());
        return namespaceMatches && (peer.podSelector() == null || peer.podSelector().matches(pod.labels()));
    }

    private PodClass register(Pod pod) {
        PodClass podClass = new PodClass(pod, classes.size());
        classesByNamespace.computeIfAbsent(pod.namespace(), n -> new ArrayList<>()).add(podClass);
        Map<String, Map<String, List<PodClass>>> index = labelIndex.computeIfAbsent(pod.namespace(),
                n -> new HashMap<>());
        for (Map.Entry<String, String> label : pod.labels().entrySet()) {
            index.computeIfAbsent(label.getKey(), k -> new HashMap<>())
                    .computeIfAbsent(label.getValue(), v -> new ArrayList<>()).add(podClass);
        }
        return podClass;
    }

    /**
     * Classes in one namespace matching a selector, in registration order, starting from the narrowest candidates:
     * a matchLabels bucket, or the buckets of an {@code In} expression's values (disjoint: a pod has one value per key).
     */
    private List<PodClass> selectInNamespace(String namespace, LabelSelector selector) {
        List<PodClass> candidates = classesByNamespace.getOrDefault(namespace, List.of());
        Map<String, Map<String, List<PodClass>>> index = labelIndex.getOrDefault(namespace, Map.of());
        for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
            List<PodClass> bucket = index.getOrDefault(label.getKey(), Map.of()).getOrDefault(label.getValue(),
                    List.of());
            if (bucket.size() < candidates.size()) {
                candidates = bucket;
            }
        }
        boolean fromValueBuckets = false;
        for (LabelSelector.Requirement requirement : selector.expressions()) {
            if (requirement.operator() != LabelSelector.Operator.IN) {
                continue;
            }
            List<PodClass> buckets = new ArrayList<>();
            Map<String, List<PodClass>> byValue = index.getOrDefault(requirement.key(), Map.of());
            for (String value : new LinkedHashSet<>(requirement.values())) {
                buckets.addAll(byValue.getOrDefault(value, List.of()));
            }
            if (buckets.size() < candidates.size()) {
                candidates = buckets;
                fromValueBuckets = true;
            }
        }
        List<PodClass> result = new ArrayList<>();
        for (PodClass c : candidates) {
            if (selector.matches(c.pod.labels())) {
                result.add(c);
            }
        }
        if (fromValueBuckets) {
            result.sort(Comparator.comparingInt(c -> c.ordinal));
        }
        return result;
    }

    private void addPolicy(PodClass podClass, Policy policy) {
        if (policy.affectsIngress()) {
            Reach reach = ingressReach.computeIfAbsent(policy, p -> Reach.of(p.ingress()));
            add(policy, reach, podClass.ingressPolicies, podClass.ingressPoliciesForPods,
                    podClass.ingressPoliciesForAddresses);
        }
        if (policy.affectsEgress()) {
            Reach reach = egressReach.computeIfAbsent(policy, p -> Reach.of(p.egress()));
            add(policy, reach, podClass.egressPolicies, podClass.egressPoliciesForPods,
                    podClass.egressPoliciesForAddresses);
        }
    }

    private static void add(Policy policy, Reach reach, List<Policy> all, List<Policy> forPods,
                            List<Policy> forAddresses) {
        all.add(policy);
        if (reach.pods()) {
            forPods.add(policy);
        }
        if (reach.external()) {
            forAddresses.add(policy);
        }
    }
}
