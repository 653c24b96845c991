package io.watasu.render;

import io.watasu.net.Cidr;
import io.watasu.testing.Documents.Document;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small NetworkPolicy evaluator for tests, reading rendered documents as plain maps and following the Kubernetes
 * semantics: a pod is isolated in a direction when a policy of its namespace selects it with that policy type; then
 * traffic must match a rule of one of those policies; a peer without namespaceSelector means the policy's own
 * namespace; a peer with both selectors needs both; an absent peer or port list means all. CNIs read ipBlock in two
 * ways, and the evaluator does either: matching pod addresses too (the strictest reading), or only addresses outside
 * the pod network.
 */
final class PolicyEvaluator {
    /** A pod or an address outside any pod. */
    record Endpoint(String namespace, Map<String, String> labels, BigInteger ip, boolean ipv6) {
        boolean isPod() {
            return namespace != null;
        }
    }

    private record Port(String protocol, Integer from, Integer to) {
    }

    private record Peer(Map<?, ?> namespaceSelector, Map<?, ?> podSelector, Cidr block, List<Cidr> except) {
    }

    /** Null lists mean "all", as an absent field does in Kubernetes. */
    private record Rule(List<Peer> peers, List<Port> ports) {
    }

    private record Policy(String namespace, Map<?, ?> podSelector, List<?> types, List<Rule> ingress,
                          List<Rule> egress) {
    }

    private final List<Policy> policies = new ArrayList<>();
    private final Map<String, Map<String, String>> namespaceLabels;
    private final Map<Endpoint, List<Policy>> selecting = new IdentityHashMap<>();
    private final boolean ipBlockMatchesPods;

    PolicyEvaluator(List<Document> documents, Map<String, Map<String, String>> namespaceLabels) {
        this(documents, namespaceLabels, true);
    }

    /** @param ipBlockMatchesPods true for CNIs whose ipBlock matches pod addresses too */
    PolicyEvaluator(List<Document> documents, Map<String, Map<String, String>> namespaceLabels,
                    boolean ipBlockMatchesPods) {
        this.namespaceLabels = namespaceLabels;
        this.ipBlockMatchesPods = ipBlockMatchesPods;
        for (Document document : documents) {
            if (document.kind().equals("NetworkPolicy")) {
                Map<String, Object> spec = document.spec();
                policies.add(new Policy(document.namespace(), (Map<?, ?>) spec.get("podSelector"),
                        listOf(spec.get("policyTypes")), rules(spec.get("ingress"), "from"),
                        rules(spec.get("egress"), "to")));
            }
        }
    }

    private static List<Rule> rules(Object rules, String peersKey) {
        List<Rule> result = new ArrayList<>();
        for (Object item : listOf(rules)) {
            Map<?, ?> rule = (Map<?, ?>) item;
            List<Peer> peers = null;
            if (rule.get(peersKey) != null) {
                peers = new ArrayList<>();
                for (Object peerItem : listOf(rule.get(peersKey))) {
                    Map<?, ?> peer = (Map<?, ?>) peerItem;
                    Map<?, ?> block = (Map<?, ?>) peer.get("ipBlock");
                    peers.add(new Peer((Map<?, ?>) peer.get("namespaceSelector"), (Map<?, ?>) peer.get("podSelector"),
                            block == null ? null : Cidr.parse((String) block.get("cidr")),
                            block == null ? List.of() : listOf(block.get("except")).stream()
                                    .map(e -> Cidr.parse((String) e)).toList()));
                }
            }
            List<Port> ports = null;
            if (rule.get("ports") != null) {
                ports = new ArrayList<>();
                for (Object portItem : listOf(rule.get("ports"))) {
                    Map<?, ?> port = (Map<?, ?>) portItem;
                    Integer from = (Integer) port.get("port");
                    Integer to = port.containsKey("endPort") ? (Integer) port.get("endPort") : from;
                    ports.add(new Port(port.containsKey("protocol") ? (String) port.get("protocol") : "TCP", from, to));
                }
            }
            result.add(new Rule(peers, ports));
        }
        return result;
    }

    boolean allowed(Endpoint source, Endpoint destination, String protocol, int port) {
        return side(source, destination, protocol, port, "Egress") && side(destination, source, protocol, port, "Ingress");
    }

    /** Whether {@code subject}'s policies let traffic to/from {@code peer} through in one direction. */
    private boolean side(Endpoint subject, Endpoint peer, String protocol, int port, String type) {
        if (!subject.isPod()) {
            return true;
        }
        boolean isolated = false;
        for (Policy policy : selecting.computeIfAbsent(subject, s -> policies.stream()
                .filter(p -> p.namespace().equals(s.namespace()) && selects(p.podSelector(), s.labels())).toList())) {
            if (!policy.types().contains(type)) {
                continue;
            }
            isolated = true;
            for (Rule rule : type.equals("Ingress") ? policy.ingress() : policy.egress()) {
                if (portMatches(rule.ports(), protocol, port) && peersMatch(rule.peers(), policy.namespace(), peer)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private boolean peersMatch(List<Peer> peers, String policyNamespace, Endpoint other) {
        if (peers == null) {
            return true;
        }
        for (Peer peer : peers) {
            if (peer.block() != null) {
                if ((ipBlockMatchesPods || !other.isPod()) && inBlock(other, peer.block()) && peer.except().stream().noneMatch(e -> inBlock(other, e))) {
                    return true;
                }
                continue;
            }
            if (!other.isPod()) {
                continue;
            }
            boolean namespaceOk = peer.namespaceSelector() != null
                    ? selects(peer.namespaceSelector(), namespaceLabels.getOrDefault(other.namespace(), Map.of()))
                    : other.namespace().equals(policyNamespace);
            if (namespaceOk && (peer.podSelector() == null || selects(peer.podSelector(), other.labels()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(Endpoint endpoint, Cidr cidr) {
        return cidr.isIpv6() == endpoint.ipv6() && cidr.contains(endpoint.ip());
    }

    private static boolean portMatches(List<Port> ports, String protocol, int port) {
        if (ports == null) {
            return true;
        }
        for (Port p : ports) {
            if (p.protocol().equals(protocol) && (p.from() == null || (port >= p.from() && port <= p.to()))) {
                return true;
            }
        }
        return false;
    }

    static boolean selects(Map<?, ?> selector, Map<String, String> labels) {
        Map<?, ?> matchLabels = (Map<?, ?>) selector.get("matchLabels");
        if (matchLabels != null) {
            for (Map.Entry<?, ?> e : matchLabels.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (Object item : listOf(selector.get("matchExpressions"))) {
            Map<?, ?> expression = (Map<?, ?>) item;
            String value = labels.get(expression.get("key"));
            List<?> values = listOf(expression.get("values"));
            boolean ok = switch ((String) expression.get("operator")) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("operator " + expression.get("operator"));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<?> listOf(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
