package io.watasu.render;

import io.watasu.plan.Label;
import io.watasu.plan.Peer;
import io.watasu.plan.PortRule;
import io.watasu.plan.Requirement;
import io.watasu.plan.Selector;
import io.watasu.yaml.YamlStrings;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes any string as a YAML scalar that reads back as exactly that string. Plain (unquoted) only for a
 * conservative alphabet that no YAML 1.1 or 1.2 reader turns into a number, boolean, null, timestamp or indicator;
 * everything else becomes a double-quoted scalar with escapes. Safe in block and flow context alike.
 */
public final class YamlScalars {
    /** YAML 1.1 booleans and nulls made of plain-safe characters; compared case-insensitively. */
    private static final Set<String> RESERVED_WORDS =
            Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private YamlScalars() {
    }

    public static String scalar(String value) {
        if (isPlainSafe(value) && !(value.length() <= 5 && RESERVED_WORDS.contains(value.toLowerCase(Locale.ROOT)))) {
            return value;
        }
        if (needsNoEscape(value)) {
            return '"' + value + '"';
        }
        return YamlStrings.doubleQuoted(value);
    }

    /**
     * Printable ASCII without {@code "} or {@code \}: what {@link YamlStrings#doubleQuoted} leaves as it is. Most
     * quoted values (every object's reason) are such; checking is a fraction of escaping code point by code point.
     */
    private static boolean needsNoEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z][A-Za-z0-9._/-]*}, by hand: this runs for every interpolated value of a large render. */
    private static boolean isPlainSafe(String value) {
        if (value.isEmpty() || !isAsciiLetter(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Labels as a YAML flow mapping, {@code {a: b, c: d}}, keys and values written by {@link #scalar}. One helper
     * call instead of a template loop: label maps are most of a large render.
     */
    public static String flowMap(List<?> labels) {
        StringBuilder out = new StringBuilder("{");
        for (Object item : labels) {
            Label label = (Label) item;
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(scalar(label.key())).append(": ").append(scalar(label.value()));
        }
        return out.append('}').toString();
    }

    /**
     * A label selector as a YAML flow mapping: {@code {}} for everything, else its {@code matchExpressions} and
     * {@code matchLabels}, each only when not empty. One helper call instead of a partial per selector: selectors
     * are in every peer of every policy.
     */
    public static String flowSelector(Selector selector) {
        if (selector.selectsEverything()) {
            return "{}";
        }
        StringBuilder out = new StringBuilder("{");
        if (!selector.matchExpressions().isEmpty()) {
            out.append("matchExpressions: [");
            for (int r = 0; r < selector.matchExpressions().size(); r++) {
                Requirement requirement = selector.matchExpressions().get(r);
                out.append(r == 0 ? "{key: " : ", {key: ").append(scalar(requirement.key()))
                        .append(", operator: ").append(scalar(requirement.operator())).append(", values: [");
                for (int i = 0; i < requirement.values().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(scalar(requirement.values().get(i)));
                }
                out.append("]}");
            }
            out.append(selector.matchLabels().isEmpty() ? "]" : "], ");
        }
        if (!selector.matchLabels().isEmpty()) {
            out.append("matchLabels: ").append(flowMap(selector.matchLabels()));
        }
        return out.append('}').toString();
    }

    /**
     * Label-selector peers of a NetworkPolicy rule as block sequence items indented by {@code indent} spaces, without
     * a final newline: {@code - podSelector: {...}}, or with a namespace selector both keys in ONE item
     * ({@code - namespaceSelector: {...}} and {@code podSelector: {...}} on the next line), so that both must match;
     * two items would mean either. One helper call instead of a template loop with a partial per selector.
     */
    public static String selectorPeers(List<?> peers, int indent) {
        String prefix = " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        for (Object item : peers) {
            Peer peer = (Peer) item;
            if (peer.podSelector() == null) {
                throw new IllegalArgumentException("a selector peer without a pod selector");
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(prefix);
            if (peer.namespaceSelector() != null) {
                out.append("- namespaceSelector: ").append(flowSelector(peer.namespaceSelector())).append('\n')
                        .append(prefix).append("  podSelector: ");
            } else {
                out.append("- podSelector: ");
            }
            out.append(flowSelector(peer.podSelector()));
        }
        return out.toString();
    }

    /**
     * Address blocks as NetworkPolicy peers, one block sequence item per line ({@code - ipBlock: {cidr: ...}})
     * indented by {@code indent} spaces, without a final newline. One helper call instead of a template loop: the
     * complement of the cluster ranges is dozens of blocks in every internet and {@code *-rtc} rule.
     */
    public static String ipBlocks(List<?> cidrs, int indent) {
        String prefix = " ".repeat(indent) + "- ipBlock: {cidr: ";
        StringBuilder out = new StringBuilder(cidrs.size() * (prefix.length() + 24));
        for (Object cidr : cidrs) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(prefix).append(scalar(cidr.toString())).append('}');
        }
        return out.toString();
    }

    /** Ports of a rule as block sequence items ({@code - {protocol: TCP, port: 80}}), as {@link #ipBlocks}. */
    public static String ports(List<?> ports, int indent) {
        String prefix = " ".repeat(indent) + "- {protocol: ";
        StringBuilder out = new StringBuilder();
        for (Object item : ports) {
            PortRule port = (PortRule) item;
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(prefix).append(scalar(port.protocol())).append(", port: ").append(port.port()).append('}');
        }
        return out.toString();
    }

    /** Labels as block mapping lines ({@code key: value}) indented by {@code indent} spaces, without a final newline. */
    public static String blockMap(List<?> labels, int indent) {
        String prefix = " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        for (Object item : labels) {
            Label label = (Label) item;
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(prefix).append(scalar(label.key())).append(": ").append(scalar(label.value()));
        }
        return out.toString();
    }
}
