package io.watasu.verify;

import io.watasu.config.Diagnostic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and ClusterNetworkPolicy
 * (v1alpha2) objects, field names as in the network-policy-api CRDs. What the CRDs' validation would reject is an
 * error; what is read but cannot be fully evaluated here (nodes peers, a peer of an unknown shape) is a warning.
 */
final class AdminPolicyParser {
    private static final String ANP_FIX = "see the AdminNetworkPolicy reference of the network-policy-api";

    private final List<Diagnostic> warnings;
    private final Map<String, IpRange> cidrs;

    AdminPolicyParser(List<Diagnostic> warnings, Map<String, IpRange> cidrs) {
        this.warnings = warnings;
        this.cidrs = cidrs;
    }

    AdminPolicy parse(YamlNode object, String kind) throws ManifestException {
        YamlNode metadata = object.get("metadata");
        String name = metadata == null ? null : metadata.textAt("name");
        if (name == null) {
            throw object.error(kind + " without metadata.name");
        }
        YamlNode spec = object.get("spec");
        if (spec == null) {
            throw object.error(kind + " " + name + " has no spec");
        }
        boolean clusterNetworkPolicy = kind.equals(AdminPolicy.CNP);
        AdminPolicy.Tier tier = clusterNetworkPolicy ? tier(spec)
                : kind.equals(AdminPolicy.BANP) ? AdminPolicy.Tier.BASELINE : AdminPolicy.Tier.ADMIN;
        int priority = AdminPolicy.MAX_PRIORITY + 1;
        if (!kind.equals(AdminPolicy.BANP)) {
            priority = priority(spec, kind, name);
        } else if (!name.equals("default")) {
            throw metadata.get("name").error("a BaselineAdminNetworkPolicy must be named 'default' (the API allows"
                    + " only that one)", "rename it to 'default'");
        }
        AdminPolicy.PodsSelection subject = subject(spec, kind, name);
        boolean baselineActions = kind.equals(AdminPolicy.BANP);
        List<AdminPolicy.Rule> ingress = rules(spec.get("ingress"), "from", clusterNetworkPolicy, baselineActions,
                false);
        List<AdminPolicy.Rule> egress = rules(spec.get("egress"), "to", clusterNetworkPolicy, baselineActions, true);
        return new AdminPolicy(kind, name, tier, priority, subject, ingress, egress, object.position());
    }

    private static AdminPolicy.Tier tier(YamlNode spec) throws ManifestException {
        YamlNode tier = spec.get("tier");
        if (tier == null) {
            throw spec.error("ClusterNetworkPolicy without spec.tier", "set tier: Admin or tier: Baseline");
        }
        return switch (tier.text()) {
            case "Admin" -> AdminPolicy.Tier.ADMIN;
            case "Baseline" -> AdminPolicy.Tier.BASELINE;
            default -> throw tier.error("unknown tier '" + tier.text() + "' (expected Admin or Baseline)");
        };
    }

    private static int priority(YamlNode spec, String kind, String name) throws ManifestException {
        YamlNode priority = spec.get("priority");
        if (priority == null) {
            throw spec.error(kind + " " + name + " has no spec.priority", "give a priority from 0 to 1000");
        }
        int value = priority.integer();
        if (value < 0 || value > AdminPolicy.MAX_PRIORITY) {
            throw priority.error("priority " + value + " is outside 0-1000", "give a priority from 0 to 1000");
        }
        return value;
    }

    private static AdminPolicy.PodsSelection subject(YamlNode spec, String kind, String name)
            throws ManifestException {
        YamlNode subject = spec.get("subject");
        if (subject == null) {
            throw spec.error(kind + " " + name + " has no spec.subject", "select pods with namespaces or pods");
        }
        YamlNode namespaces = subject.get("namespaces");
        YamlNode pods = subject.get("pods");
        if ((namespaces == null) == (pods == null)) {
            throw subject.error("a subject needs exactly one of namespaces and pods", ANP_FIX);
        }
        return namespaces != null ? new AdminPolicy.PodsSelection(PolicyParser.selector(namespaces), null)
                : podsSelection(pods);
    }

    /** {@code pods: {namespaceSelector, podSelector}}; an absent namespaceSelector selects every namespace. */
    private static AdminPolicy.PodsSelection podsSelection(YamlNode pods) throws ManifestException {
        YamlNode namespaceSelector = pods.get("namespaceSelector");
        YamlNode podSelector = pods.get("podSelector");
        return new AdminPolicy.PodsSelection(
                namespaceSelector == null ? LabelSelector.EVERYTHING : PolicyParser.selector(namespaceSelector),
                podSelector == null ? LabelSelector.EVERYTHING : PolicyParser.selector(podSelector));
    }

    private List<AdminPolicy.Rule> rules(YamlNode list, String peersKey, boolean clusterNetworkPolicy,
                                         boolean baselineActions, boolean egress) throws ManifestException {
        List<AdminPolicy.Rule> rules = new ArrayList<>();
        if (list == null) {
            return rules;
        }
        for (YamlNode rule : list.items()) {
            String name = rule.textAt("name");
            AdminPolicy.Action action = action(rule, clusterNetworkPolicy, baselineActions);
            List<YamlNode> peerNodes = rule.itemsAt(peersKey);
            if (peerNodes.isEmpty()) {
                throw rule.error("rule " + (name == null ? "" : "'" + name + "' ") + "has no '" + peersKey
                        + "' peers", "name at least one peer");
            }
            List<AdminPolicy.Peer> peers = new ArrayList<>();
            boolean unknownShape = false;
            for (YamlNode peer : peerNodes) {
                AdminPolicy.Peer parsed = peer(peer, egress);
                if (parsed instanceof AdminPolicy.Peer.Unknown) {
                    unknownShape = true;
                    warnings.add(Diagnostic.warning(peer.position(), "peer with none of the fields "
                            + (egress ? "namespaces, pods, networks, nodes" : "namespaces, pods")
                            + " this analysis knows: evaluated fail-closed as the API asks ("
                            + (action == AdminPolicy.Action.ALLOW ? "it matches nothing" : "the rule denies everything")
                            + ")", "check the CRD version of the policy"));
                } else {
                    peers.add(parsed);
                }
            }
            List<AdminPolicy.Port> ports = clusterNetworkPolicy ? protocols(rule.get("protocols"))
                    : ports(rule.get("ports"));
            if (unknownShape && action != AdminPolicy.Action.ALLOW) {
                rules.add(new AdminPolicy.Rule(name, AdminPolicy.Action.DENY,
                        List.of(new AdminPolicy.Peer.Unknown()), null, rule.position()));
            } else {
                rules.add(new AdminPolicy.Rule(name, action, peers, ports, rule.position()));
            }
        }
        return rules;
    }

    private static AdminPolicy.Action action(YamlNode rule, boolean clusterNetworkPolicy, boolean baselineActions)
            throws ManifestException {
        YamlNode action = rule.get("action");
        if (action == null) {
            throw rule.error("rule without action", clusterNetworkPolicy ? "use Accept, Deny or Pass"
                    : baselineActions ? "use Allow or Deny" : "use Allow, Deny or Pass");
        }
        String text = action.text();
        if (clusterNetworkPolicy) {
            return switch (text) {
                case "Accept" -> AdminPolicy.Action.ALLOW;
                case "Deny" -> AdminPolicy.Action.DENY;
                case "Pass" -> AdminPolicy.Action.PASS;
                default -> throw action.error("unknown action '" + text + "' (expected Accept, Deny or Pass)");
            };
        }
        return switch (text) {
            case "Allow" -> AdminPolicy.Action.ALLOW;
            case "Deny" -> AdminPolicy.Action.DENY;
            case "Pass" -> {
                if (baselineActions) {
                    throw action.error("a BaselineAdminNetworkPolicy rule cannot Pass (expected Allow or Deny)");
                }
                yield AdminPolicy.Action.PASS;
            }
            default -> throw action.error("unknown action '" + text + "' (expected "
                    + (baselineActions ? "Allow or Deny" : "Allow, Deny or Pass") + ")");
        };
    }

    private AdminPolicy.Peer peer(YamlNode peer, boolean egress) throws ManifestException {
        List<AdminPolicy.Peer> found = new ArrayList<>();
        YamlNode namespaces = peer.get("namespaces");
        if (namespaces != null) {
            found.add(new AdminPolicy.Peer.Namespaces(PolicyParser.selector(namespaces)));
        }
        YamlNode pods = peer.get("pods");
        if (pods != null) {
            found.add(new AdminPolicy.Peer.Pods(podsSelection(pods)));
        }
        YamlNode networks = egress ? peer.get("networks") : null;
        if (networks != null) {
            List<IpBlock> blocks = new ArrayList<>();
            for (YamlNode cidr : networks.items()) {
                blocks.add(new IpBlock(PolicyParser.cidr(cidr, cidrs), List.of()));
            }
            found.add(new AdminPolicy.Peer.Networks(blocks));
        }
        YamlNode nodes = egress ? peer.get("nodes") : null;
        if (nodes != null) {
            warnings.add(Diagnostic.warning(nodes.position(), "a nodes peer matches cluster nodes, which are not"
                    + " endpoints of this analysis: it matches no pod and no external range here",
                    "check traffic to nodes on the cluster itself"));
            found.add(new AdminPolicy.Peer.Nodes(PolicyParser.selector(nodes)));
        }
        if (found.size() > 1) {
            throw peer.error("a peer needs exactly one of " + (egress ? "namespaces, pods, networks and nodes"
                    : "namespaces and pods"), ANP_FIX);
        }
        return found.isEmpty() ? new AdminPolicy.Peer.Unknown() : found.get(0);
    }

    /** v1alpha1 {@code ports}: portNumber, portRange or namedPort per item; absent means every port. */
    private static List<AdminPolicy.Port> ports(YamlNode list) throws ManifestException {
        if (list == null) {
            return null;
        }
        List<AdminPolicy.Port> ports = new ArrayList<>();
        for (YamlNode item : list.items()) {
            YamlNode number = item.get("portNumber");
            YamlNode range = item.get("portRange");
            YamlNode named = item.get("namedPort");
            if ((number != null ? 1 : 0) + (range != null ? 1 : 0) + (named != null ? 1 : 0) != 1) {
                throw item.error("a port needs exactly one of portNumber, portRange and namedPort", ANP_FIX);
            }
            if (number != null) {
                int port = port(number, "port");
                ports.add(new AdminPolicy.Port.Numbers(ManifestReader.protocol(number.get("protocol")), port, port));
            } else if (range != null) {
                ports.add(portRange(range, ManifestReader.protocol(range.get("protocol"))));
            } else {
                ports.add(new AdminPolicy.Port.Named(named.text()));
            }
        }
        return ports;
    }

    /** v1alpha2 {@code protocols}: tcp, udp or sctp (with an optional destinationPort) or destinationNamedPort. */
    private static List<AdminPolicy.Port> protocols(YamlNode list) throws ManifestException {
        if (list == null) {
            return null;
        }
        List<AdminPolicy.Port> ports = new ArrayList<>();
        for (YamlNode item : list.items()) {
            List<String> keys = item.keys();
            if (keys.size() != 1) {
                throw item.error("a protocols item needs exactly one of tcp, udp, sctp and destinationNamedPort",
                        "see the ClusterNetworkPolicy reference of the network-policy-api");
            }
            String key = keys.get(0);
            YamlNode value = item.get(key);
            if (key.equals("destinationNamedPort")) {
                ports.add(new AdminPolicy.Port.Named(value.text()));
                continue;
            }
            Protocol protocol = Protocol.parse(key);
            if (protocol == null || !key.equals(key.toLowerCase(java.util.Locale.ROOT))) {
                throw item.error("unknown protocols item '" + key + "' (expected tcp, udp, sctp or"
                        + " destinationNamedPort)");
            }
            YamlNode destination = value == null ? null : value.get("destinationPort");
            if (destination == null) {
                ports.add(new AdminPolicy.Port.AllOf(protocol));
            } else if (destination.get("number") != null) {
                int port = port(destination, "number");
                ports.add(new AdminPolicy.Port.Numbers(protocol, port, port));
            } else if (destination.get("range") != null) {
                ports.add(portRange(destination.get("range"), protocol));
            } else {
                throw destination.error("destinationPort needs number or range");
            }
        }
        return ports;
    }

    private static AdminPolicy.Port portRange(YamlNode range, Protocol protocol) throws ManifestException {
        int start = port(range, "start");
        int end = port(range, "end");
        if (end < start) {
            throw range.error("port range " + start + "-" + end + " is empty", "give start <= end");
        }
        return new AdminPolicy.Port.Numbers(protocol, start, end);
    }

    private static int port(YamlNode parent, String key) throws ManifestException {
        YamlNode node = parent.get(key);
        if (node == null) {
            throw parent.error("missing '" + key + "'");
        }
        int port = node.integer();
        if (port < PortSet.MIN_PORT || port > PortSet.MAX_PORT) {
            throw node.error("port " + port + " is outside 1-65535");
        }
        return port;
    }
}
