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
 * Policy semantics over one set of manifests: NetworkPolicies, and the tiers of the network-policy-api around them
 * (see {@link AdminPolicy}). Workloads are grouped into classes of identical {@link Pod}s, and policies and peers are
 * matched through a per-namespace label index, so that the cost follows the number of selections rather than
 * pods x policies. A pod class that no admin or baseline policy selects is evaluated by its NetworkPolicies alone.
 */
public final class PolicyEngine {
    /** What a rule can be tested against: a class of known pods, a pod outside them, or external addresses. */
    sealed interface Counterpart permits PodClass, Pod, IpRange {
    }

    /** A group of workloads that every policy treats alike, with the policies that select it. */
    public static final class PodClass implements Counterpart {
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
        // Admin and baseline tier policies selecting these pods with rules of that direction, in evaluation order.
        private final List<AdminPolicy> adminIngress = new ArrayList<>();
        private final List<AdminPolicy> adminEgress = new ArrayList<>();
        private final List<AdminPolicy> baselineIngress = new ArrayList<>();
        private final List<AdminPolicy> baselineEgress = new ArrayList<>();

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

        /** True when some NetworkPolicy selects these pods for ingress: then only what a rule allows gets in. */
        public boolean ingressIsolated() {
            return !ingressPolicies.isEmpty();
        }

        public boolean egressIsolated() {
            return !egressPolicies.isEmpty();
        }

        /** True when an admin or baseline policy selects these pods in that direction. */
        public boolean tiered(boolean ingress) {
            return ingress ? !adminIngress.isEmpty() || !baselineIngress.isEmpty()
                    : !adminEgress.isEmpty() || !baselineEgress.isEmpty();
        }

        List<Policy> ingressPolicies() {
            return ingressPolicies;
        }

        List<Policy> egressPolicies() {
            return egressPolicies;
        }

        List<Policy> networkPolicies(boolean ingress) {
            return ingress ? ingressPolicies : egressPolicies;
        }

        List<AdminPolicy> admin(boolean ingress) {
            return ingress ? adminIngress : adminEgress;
        }

        List<AdminPolicy> baseline(boolean ingress) {
            return ingress ? baselineIngress : baselineEgress;
        }
    }

    private final List<Policy> policies;
    private final List<AdminPolicy> adminPolicies;
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
    /** Per admin policy peer (namespaces or pods), the classes it matches. */
    private final Map<AdminPolicy.Peer, Set<PodClass>> adminPeerClasses = new IdentityHashMap<>();
    /** Per egress policy, what it lets out to each of {@link #externalEgressRanges}: classes share their policies. */
    private final Map<Policy, ConnectionSet[]> externalEgress = new IdentityHashMap<>();
    private List<IpRange> externalEgressRanges;

    private record PeerInNamespace(String policyNamespace, LabelSelector podSelector, LabelSelector namespaceSelector) {
    }

    private record PeerMatch(String policyNamespace, List<PodClass> classes) {
    }

    /**
     * Whether some rule of one direction of a policy can admit a pod (any peer, or a selector peer) or an external
     * address (any peer, or an ipBlock). A policy that cannot adds nothing on that side (the internet egress policy's
     * dozens of ipBlocks never match a pod), so it is skipped there.
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
                    external |= peer.ipBlock() != null;
                }
            }
            return new Reach(pods, external);
        }
    }

    public PolicyEngine(ManifestSet manifests) {
        this.policies = manifests.policies();
        this.adminPolicies = evaluationOrder(manifests.adminPolicies());
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
        for (AdminPolicy policy : adminPolicies) {
            for (PodClass selected : classesIn(policy.subject())) {
                addAdminPolicy(selected, policy);
            }
        }
    }

    /** Admin tier by priority, then baseline tier by priority (the BaselineAdminNetworkPolicy last). */
    private static List<AdminPolicy> evaluationOrder(List<AdminPolicy> policies) {
        return policies.stream().sorted(Comparator.comparing(AdminPolicy::tier)
                .thenComparingInt(AdminPolicy::priority)
                .thenComparing(AdminPolicy::kind)
                .thenComparing(AdminPolicy::name)).toList();
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
        for (AdminPolicy policy : adminPolicies) {
            if (policy.subject().matches(pod)) {
                addAdminPolicy(probe, policy);
            }
        }
        return probe;
    }

    /** What {@code destination}'s policies let in from {@code source}. */
    public ConnectionSet ingress(PodClass destination, Pod source) {
        return destination.tiered(true) ? tiered(destination, true, source, null).allowed()
                : networkPolicies(destination, true, source, null, ConnectionSet.ALL);
    }

    /** What {@code source}'s policies let out towards {@code destination}. */
    public ConnectionSet egress(PodClass source, Pod destination) {
        return source.tiered(false) ? tiered(source, false, destination, null).allowed()
                : networkPolicies(source, false, destination, null, ConnectionSet.ALL);
    }

    /**
     * {@link #ingress(PodClass, Pod)} for a source among {@link #classes()} (not a {@link #classify} probe): a rule's
     * selector peers are answered from the classes they match ({@link #matching} tests the same selectors once per
     * peer), instead of testing them again for every pair.
     */
    public ConnectionSet ingress(PodClass destination, PodClass source) {
        return destination.tiered(true) ? tiered(destination, true, source, null).allowed()
                : networkPolicies(destination, true, source, null, ConnectionSet.ALL);
    }

    /** {@link #egress(PodClass, Pod)} for a destination among {@link #classes()}, answered as in the ingress twin. */
    public ConnectionSet egress(PodClass source, PodClass destination) {
        return source.tiered(false) ? tiered(source, false, destination, null).allowed()
                : networkPolicies(source, false, destination, null, ConnectionSet.ALL);
    }

    /** What gets into {@code destination} from external addresses {@code range} (pre-split at ipBlock bounds). */
    public ConnectionSet ingressFromExternal(PodClass destination, IpRange range) {
        return destination.tiered(true) ? tiered(destination, true, range, null).allowed()
                : networkPolicies(destination, true, range, null, ConnectionSet.ALL);
    }

    /**
     * True when nothing can let any external address into {@code destination}. Admin and baseline ingress rules name
     * pods only (a peer of unknown shape only denies), so external sources are decided by the NetworkPolicies.
     */
    public boolean closedToExternal(PodClass destination) {
        return destination.ingressIsolated() && destination.ingressPoliciesForAddresses.isEmpty();
    }

    /** What leaves {@code source} towards external addresses {@code range}; named ports resolve to nothing there. */
    public ConnectionSet egressToExternal(PodClass source, IpRange range) {
        return source.tiered(false) ? tiered(source, false, range, null).allowed()
                : networkPolicies(source, false, range, null, ConnectionSet.ALL);
    }

    /** {@link #egressToExternal(PodClass, IpRange)} for each of {@code ranges}, in their order. */
    public ConnectionSet[] egressToExternal(PodClass source, List<IpRange> ranges) {
        ConnectionSet[] allowed = new ConnectionSet[ranges.size()];
        if (source.tiered(false)) {
            for (int i = 0; i < allowed.length; i++) {
                allowed[i] = tiered(source, false, ranges.get(i), null).allowed();
            }
            return allowed;
        }
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

    /** Why {@code subject}'s policies of one direction decide as they do about a pod class of the manifests. */
    public Decision explain(PodClass subject, boolean ingress, PodClass other) {
        return tiered(subject, ingress, other, new ArrayList<>());
    }

    /** Why {@code subject}'s policies of one direction decide as they do about a pod outside the manifests. */
    public Decision explain(PodClass subject, boolean ingress, Pod other) {
        return tiered(subject, ingress, other, new ArrayList<>());
    }

    /** Why {@code subject}'s policies of one direction decide as they do about external addresses. */
    public Decision explain(PodClass subject, boolean ingress, IpRange other) {
        return tiered(subject, ingress, other, new ArrayList<>());
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

    /** The policies of the destination (ingress) and source (egress) that grant part of {@code wanted}. */
    public List<Decision.Reason> policiesAllowing(PodClass source, PodClass destination, ConnectionSet wanted) {
        List<Decision.Reason> reasons = new ArrayList<>(explain(destination, true, source.pod).allowing(wanted));
        reasons.addAll(explain(source, false, destination.pod).allowing(wanted));
        return reasons;
    }

    /** The destination's policies that let part of {@code wanted} in from {@code range}. */
    public List<Decision.Reason> policiesAllowingFromExternal(PodClass destination, IpRange range,
                                                              ConnectionSet wanted) {
        return explain(destination, true, range).allowing(wanted);
    }

    /** The source's policies that let part of {@code wanted} out to {@code range}. */
    public List<Decision.Reason> policiesAllowingToExternal(PodClass source, IpRange range, ConnectionSet wanted) {
        return explain(source, false, range).allowing(wanted);
    }

    /** The container ports named ports resolve against: the subject's for ingress, the counterpart pod's for egress. */
    private static List<Workload.ContainerPort> destinationPorts(PodClass subject, boolean ingress,
                                                                 Counterpart other) {
        if (ingress) {
            return subject.pod.ports();
        }
        if (other instanceof PodClass c) {
            return c.pod.ports();
        }
        return other instanceof Pod p ? p.ports() : List.of();
    }

    /**
     * The network-policy-api's order for one direction: admin tier rules (first match decides, Pass hands over to the
     * NetworkPolicies), then the NetworkPolicies if one selects the pod, else the baseline tier, else allowed.
     *
     * @param trace null on the fast path; otherwise collects the reasons
     */
    private Decision tiered(PodClass subject, boolean ingress, Counterpart other, List<Decision.Reason> trace) {
        List<Workload.ContainerPort> ports = destinationPorts(subject, ingress, other);
        ConnectionSet allowed = ConnectionSet.NONE;
        ConnectionSet denied = ConnectionSet.NONE;
        ConnectionSet passed = ConnectionSet.NONE;
        for (AdminPolicy policy : subject.admin(ingress)) {
            List<AdminPolicy.Rule> rules = policy.rules(ingress);
            for (int i = 0; i < rules.size(); i++) {
                AdminPolicy.Rule rule = rules.get(i);
                if (!matches(rule, other)) {
                    continue;
                }
                ConnectionSet fresh = rule.connections(ports).minus(allowed).minus(denied).minus(passed);
                if (fresh.isEmpty()) {
                    continue;
                }
                switch (rule.action()) {
                    case ALLOW -> allowed = allowed.union(fresh);
                    case DENY -> denied = denied.union(fresh);
                    case PASS -> passed = passed.union(fresh);
                }
                if (trace != null) {
                    trace.add(reason(policy, rule, ingress, i, fresh));
                }
            }
        }
        ConnectionSet undecided = ConnectionSet.ALL.minus(allowed).minus(denied);
        if (undecided.isEmpty()) {
            return new Decision(ingress, allowed, trace == null ? List.of() : trace);
        }
        if (!subject.networkPolicies(ingress).isEmpty()) {
            ConnectionSet byNetworkPolicies = networkPolicies(subject, ingress, other, trace, undecided)
                    .intersect(undecided);
            if (trace != null) {
                ConnectionSet rest = undecided.minus(byNetworkPolicies);
                if (!rest.isEmpty()) {
                    for (Policy p : subject.networkPolicies(ingress)) {
                        trace.add(new Decision.Reason(Decision.Effect.ISOLATED, rest, Decision.NETWORK_POLICY,
                                p.qualifiedName(), null, p.at()));
                    }
                }
            }
            return new Decision(ingress, allowed.union(byNetworkPolicies), trace == null ? List.of() : trace);
        }
        ConnectionSet baselineDecided = ConnectionSet.NONE;
        ConnectionSet baselineDenied = ConnectionSet.NONE;
        for (AdminPolicy policy : subject.baseline(ingress)) {
            List<AdminPolicy.Rule> rules = policy.rules(ingress);
            for (int i = 0; i < rules.size(); i++) {
                AdminPolicy.Rule rule = rules.get(i);
                if (!matches(rule, other)) {
                    continue;
                }
                ConnectionSet fresh = rule.connections(ports).intersect(undecided).minus(baselineDecided);
                if (fresh.isEmpty()) {
                    continue;
                }
                baselineDecided = baselineDecided.union(fresh);
                if (rule.action() == AdminPolicy.Action.DENY) {
                    baselineDenied = baselineDenied.union(fresh);
                }
                if (trace != null) {
                    trace.add(reason(policy, rule, ingress, i, fresh));
                }
            }
        }
        if (trace != null) {
            ConnectionSet byDefault = undecided.minus(baselineDecided);
            if (!byDefault.isEmpty()) {
                trace.add(new Decision.Reason(Decision.Effect.DEFAULT_ALLOW, byDefault, null, null, null, null));
            }
        }
        return new Decision(ingress, allowed.union(undecided.minus(baselineDenied)),
                trace == null ? List.of() : trace);
    }

    /** What an admin or baseline rule decided, for explanations. */
    private static Decision.Reason reason(AdminPolicy policy, AdminPolicy.Rule rule, boolean ingress, int index,
                                         ConnectionSet decided) {
        Decision.Effect effect = switch (rule.action()) {
            case ALLOW -> Decision.Effect.ALLOW;
            case DENY -> Decision.Effect.DENY;
            case PASS -> Decision.Effect.PASS;
        };
        return new Decision.Reason(effect, decided, policy.kind(), policy.name(), ruleName(ingress, index,
                rule.name()), rule.at());
    }

    private static String ruleName(boolean ingress, int index, String name) {
        return (ingress ? "ingress" : "egress") + " rule "
                + (name == null || name.isEmpty() ? String.valueOf(index + 1) : "'" + name + "'");
    }

    /** Whether an admin or baseline rule's peers include {@code other}. */
    private boolean matches(AdminPolicy.Rule rule, Counterpart other) {
        for (AdminPolicy.Peer peer : rule.peers()) {
            if (peer instanceof AdminPolicy.Peer.Unknown) {
                return true;
            }
            if (peer instanceof AdminPolicy.Peer.Networks n) {
                if (other instanceof IpRange range && anyBlockContains(n.blocks(), range)) {
                    return true;
                }
            } else {
                AdminPolicy.PodsSelection selection = podsSelection(peer);
                if (selection != null && podMatch(peer, other, selection)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pods a namespaces or pods peer names; null for peers that name no pod (networks, nodes). */
    private static AdminPolicy.PodsSelection podsSelection(AdminPolicy.Peer peer) {
        if (peer instanceof AdminPolicy.Peer.Namespaces n) {
            return new AdminPolicy.PodsSelection(n.selector(), null);
        }
        return peer instanceof AdminPolicy.Peer.Pods p ? p.selection() : null;
    }

    private boolean podMatch(AdminPolicy.Peer peer, Counterpart other, AdminPolicy.PodsSelection selection) {
        if (other instanceof PodClass c && c.ordinal >= 0) {
            return adminPeerClasses.computeIfAbsent(peer, p -> new HashSet<>(classesIn(selection))).contains(c);
        }
        if (other instanceof PodClass c) {
            return selection.matches(c.pod);
        }
        return other instanceof Pod pod && selection.matches(pod);
    }

    private static boolean anyBlockContains(List<IpBlock> blocks, IpRange range) {
        for (IpBlock block : blocks) {
            if (block.contains(range)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the NetworkPolicies of one direction let through; everything when none selects the subject.
     *
     * @param trace null on the fast path; otherwise collects each allowing rule's part of {@code left}
     * @param left  what the admin tier left to the NetworkPolicies (for the trace)
     */
    private ConnectionSet networkPolicies(PodClass subject, boolean ingress, Counterpart other,
                                          List<Decision.Reason> trace, ConnectionSet left) {
        if (subject.networkPolicies(ingress).isEmpty()) {
            return ConnectionSet.ALL;
        }
        List<Workload.ContainerPort> ports = destinationPorts(subject, ingress, other);
        ConnectionSet allowed = ConnectionSet.NONE;
        if (trace != null) {
            for (Policy policy : subject.networkPolicies(ingress)) {
                List<Policy.Rule> rules = policy.rules(ingress);
                for (int i = 0; i < rules.size(); i++) {
                    Policy.Rule rule = rules.get(i);
                    if (rule.anyPeer() || ruleMatches(policy, rule, other)) {
                        ConnectionSet granted = rule.connections(ports);
                        allowed = allowed.union(granted);
                        if (!granted.intersect(left).isEmpty()) {
                            trace.add(new Decision.Reason(Decision.Effect.ALLOW, granted.intersect(left),
                                    Decision.NETWORK_POLICY, policy.qualifiedName(), ruleName(ingress, i, null),
                                    rule.at()));
                        }
                    }
                }
            }
            return allowed;
        }
        if (other instanceof IpRange range) {
            for (Policy policy : ingress ? subject.ingressPoliciesForAddresses : subject.egressPoliciesForAddresses) {
                allowed = allowed.union(allowedForAddresses(policy.rules(ingress), range, ports));
            }
            return allowed;
        }
        for (Policy policy : ingress ? subject.ingressPoliciesForPods : subject.egressPoliciesForPods) {
            if (other instanceof PodClass c && c.ordinal >= 0) {
                // get before computing: a lambda (it would capture this engine) is allocated on every call
                Map<Policy, List<Set<PodClass>>> cache = ingress ? ingressRuleClasses : egressRuleClasses;
                List<Set<PodClass>> named = cache.get(policy);
                if (named == null) {
                    named = ruleClasses(policy, policy.rules(ingress));
                    cache.put(policy, named);
                }
                allowed = allowed.union(allowedByRules(policy.rules(ingress), named, c, ports));
            } else {
                Pod pod = other instanceof PodClass c ? c.pod : (Pod) other;
                allowed = allowed.union(allowedByRules(policy, policy.rules(ingress), pod, ports));
            }
        }
        return allowed;
    }

    private static boolean ruleMatches(Policy policy, Policy.Rule rule, Counterpart other) {
        if (other instanceof IpRange range) {
            return anyIpBlockContains(rule, range);
        }
        return anyPeerMatchesPod(policy.namespace(), rule, other instanceof PodClass c ? c.pod : (Pod) other);
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

    /** Classes an admin policy peer matches: those of a namespaces or pods peer, every class for an unknown one. */
    List<PodClass> matching(AdminPolicy.Peer peer) {
        if (peer instanceof AdminPolicy.Peer.Unknown) {
            return classes();
        }
        AdminPolicy.PodsSelection selection = podsSelection(peer);
        return selection == null ? List.of() : classesIn(selection);
    }

    private List<PodClass> matchingBySelectors(String policyNamespace, Policy.Peer peer) {
        return peerMatches.computeIfAbsent(
                new PeerInNamespace(policyNamespace, peer.podSelector(), peer.namespaceSelector()), key -> {
                    LabelSelector pods = key.podSelector() == null ? LabelSelector.EVERYTHING : key.podSelector();
                    if (key.namespaceSelector() == null) {
                        return selectInNamespace(key.policyNamespace(), pods);
                    }
                    return classesIn(new AdminPolicy.PodsSelection(key.namespaceSelector(), pods));
                });
    }

    /** Classes of the namespaces a selection names, and of its pods. */
    private List<PodClass> classesIn(AdminPolicy.PodsSelection selection) {
        LabelSelector pods = selection.pods() == null ? LabelSelector.EVERYTHING : selection.pods();
        List<PodClass> result = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> ns : namespaceLabels.entrySet()) {
            if (selection.namespaces().matches(ns.getValue())) {
                result.addAll(selectInNamespace(ns.getKey(), pods));
            }
        }
        return result;
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

    /** Policies arrive in evaluation order ({@link #adminPolicies}); without rules of a direction, no say there. */
    private static void addAdminPolicy(PodClass podClass, AdminPolicy policy) {
        boolean admin = policy.tier() == AdminPolicy.Tier.ADMIN;
        if (!policy.ingress().isEmpty()) {
            (admin ? podClass.adminIngress : podClass.baselineIngress).add(policy);
        }
        if (!policy.egress().isEmpty()) {
            (admin ? podClass.adminEgress : podClass.baselineEgress).add(policy);
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
