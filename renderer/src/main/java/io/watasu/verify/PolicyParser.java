package io.watasu.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a NetworkPolicy object, applying the API's defaults for policyTypes, protocols and selectors. */
final class PolicyParser {
    private PolicyParser() {
    }

    /**
     * @param cidrs CIDRs already parsed, by text: the same few blocks recur in thousands of policies, and the intent
     *              check compares and hashes them often
     */
    static Policy parse(YamlNode object, String namespace, Map<String, IpRange> cidrs) throws ManifestException {
        YamlNode metadata = object.get("metadata");
        String name = metadata == null ? null : metadata.textAt("name");
        if (name == null) {
            throw object.error("NetworkPolicy without metadata.name");
        }
        YamlNode spec = object.get("spec");
        if (spec == null) {
            throw object.error("NetworkPolicy " + namespace + "/" + name + " has no spec");
        }
        YamlNode podSelector = spec.get("podSelector");
        List<Policy.Rule> ingress = rules(spec.get("ingress"), "from", cidrs);
        List<Policy.Rule> egress = rules(spec.get("egress"), "to", cidrs);
        YamlNode types = spec.get("policyTypes");
        boolean affectsIngress;
        boolean affectsEgress;
        if (types == null) {
            affectsIngress = true;
            affectsEgress = spec.get("egress") != null;
        } else {
            affectsIngress = false;
            affectsEgress = false;
            for (YamlNode type : types.items()) {
                switch (type.text()) {
                    case "Ingress" -> affectsIngress = true;
                    case "Egress" -> affectsEgress = true;
                    default -> throw type.error("unknown policyType '" + type.text() + "' (expected Ingress or Egress)");
                }
            }
        }
        return new Policy(namespace, name, podSelector == null ? LabelSelector.EVERYTHING : selector(podSelector),
                affectsIngress, affectsEgress, ingress, egress, object.position());
    }

    private static List<Policy.Rule> rules(YamlNode list, String peersKey, Map<String, IpRange> cidrs)
            throws ManifestException {
        List<Policy.Rule> rules = new ArrayList<>();
        if (list == null) {
            return rules;
        }
        for (YamlNode rule : list.items()) {
            List<Policy.Peer> peers = new ArrayList<>();
            for (YamlNode peer : rule.itemsAt(peersKey)) {
                peers.add(peer(peer, cidrs));
            }
            List<Policy.PolicyPort> ports = new ArrayList<>();
            for (YamlNode port : rule.itemsAt("ports")) {
                ports.add(port(port));
            }
            rules.add(new Policy.Rule(peers, ports, rule.position()));
        }
        return rules;
    }

    private static Policy.Peer peer(YamlNode peer, Map<String, IpRange> cidrs) throws ManifestException {
        YamlNode pods = peer.get("podSelector");
        YamlNode namespaces = peer.get("namespaceSelector");
        YamlNode ipBlock = peer.get("ipBlock");
        if (ipBlock != null) {
            if (pods != null || namespaces != null) {
                throw peer.error("a peer with ipBlock cannot also have podSelector or namespaceSelector");
            }
            return new Policy.Peer(null, null, ipBlock(ipBlock, cidrs));
        }
        if (pods == null && namespaces == null) {
            throw peer.error("empty peer: give podSelector, namespaceSelector or ipBlock");
        }
        return new Policy.Peer(pods == null ? null : selector(pods), namespaces == null ? null : selector(namespaces),
                null);
    }

    private static IpBlock ipBlock(YamlNode block, Map<String, IpRange> cidrs) throws ManifestException {
        YamlNode cidrNode = block.get("cidr");
        if (cidrNode == null) {
            throw block.error("ipBlock without cidr");
        }
        IpRange cidr = cidr(cidrNode, cidrs);
        List<IpRange> except = new ArrayList<>();
        for (YamlNode e : block.itemsAt("except")) {
            IpRange range = cidr(e, cidrs);
            if (range.ipv6() == cidr.ipv6()) { // an except of the other family removes nothing
                except.add(range);
            }
        }
        return new IpBlock(cidr, except);
    }

    static IpRange cidr(YamlNode node, Map<String, IpRange> cidrs) throws ManifestException {
        String text = node.text();
        IpRange known = cidrs.get(text);
        if (known != null) {
            return known;
        }
        try {
            IpRange range = IpRange.parseCidr(text);
            cidrs.put(text, range);
            return range;
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }


    private static Policy.PolicyPort port(YamlNode port) throws ManifestException {
        Protocol protocol = ManifestReader.protocol(port.get("protocol"));
        YamlNode number = port.get("port");
        YamlNode end = port.get("endPort");
        Integer endPort = end == null ? null : end.integer();
        if (number == null) {
            return new Policy.PolicyPort(protocol, null, null, null);
        }
        if (number.isNumber()) {
            return new Policy.PolicyPort(protocol, number.integer(), null, endPort);
        }
        if (endPort != null) {
            throw end.error("endPort needs a numeric port, not the named port '" + number.text() + "'");
        }
        return new Policy.PolicyPort(protocol, null, number.text(), null);
    }

    static LabelSelector selector(YamlNode selector) throws ManifestException {
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        for (YamlNode expression : selector.itemsAt("matchExpressions")) {
            String key = expression.textAt("key");
            YamlNode operatorNode = expression.get("operator");
            if (key == null || operatorNode == null) {
                throw expression.error("matchExpressions item needs key and operator");
            }
            LabelSelector.Operator operator = LabelSelector.Operator.parse(operatorNode.text());
            if (operator == null) {
                throw operatorNode.error("unknown operator '" + operatorNode.text()
                        + "' (expected In, NotIn, Exists or DoesNotExist)");
            }
            List<String> values = new ArrayList<>();
            for (YamlNode value : expression.itemsAt("values")) {
                values.add(value.text());
            }
            requirements.add(new LabelSelector.Requirement(key, operator, values));
        }
        return new LabelSelector(selector.stringMapAt("matchLabels"), requirements);
    }
}
