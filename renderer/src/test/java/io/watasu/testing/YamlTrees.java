package io.watasu.testing;

import io.watasu.yaml.YamlNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * SnakeYAML's composed trees and watasu's {@link YamlNode} trees written out in one form (kind, tag, style, anchor,
 * line:column, character span, value; a node met again through an alias as a reference to its first appearance), so
 * that a tree of either compares with the other as text. A SnakeYAML node's span is its marks' indexes (code points,
 * the same as characters for text in the Basic Multilingual Plane); a block collection ends with its last value.
 */
public final class YamlTrees {
    private YamlTrees() {
    }

    public static String dumpSnake(List<Node> documents) {
        return dumpSnake(documents, null);
    }

    /**
     * As {@link #dumpSnake(List)}, with the block scalars of {@code text} ending with their last line, as ours do
     * (SnakeYAML's end mark lies after the line break).
     */
    public static String dumpSnake(List<Node> documents, String text) {
        StringBuilder out = new StringBuilder();
        Map<Object, Integer> seen = new IdentityHashMap<>();
        for (Node document : documents) {
            out.append("--- document\n");
            snake(document, 0, out, seen, text);
        }
        return out.toString();
    }

    public static String dump(List<YamlNode> documents) {
        StringBuilder out = new StringBuilder();
        Map<Object, Integer> seen = new IdentityHashMap<>();
        for (YamlNode document : documents) {
            out.append("--- document\n");
            ours(document, 0, out, seen);
        }
        return out.toString();
    }

    /** Returns the end index of {@code node}: the one our trees give. */
    private static int snake(Node node, int depth, StringBuilder out, Map<Object, Integer> seen, String text) {
        out.append("  ".repeat(depth));
        if (seenBefore(node, out, seen)) {
            return -1;
        }
        int at = out.length();
        String style;
        int end = node.getEndMark().getIndex();
        String value = "";
        if (node instanceof ScalarNode scalar) {
            style = scalar.getScalarStyle().name();
            value = " <" + escape(scalar.getValue()) + ">";
            boolean block = style.equals("LITERAL") || style.equals("FOLDED");
            while (block && text != null && end > node.getStartMark().getIndex()
                    && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                end--;
            }
        } else {
            boolean flow = (node instanceof MappingNode m ? m.getFlowStyle() : ((SequenceNode) node).getFlowStyle())
                    == DumperOptions.FlowStyle.FLOW;
            style = flow ? "FLOW" : "BLOCK";
            int last = -1;
            StringBuilder children = new StringBuilder();
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    snake(tuple.getKeyNode(), depth + 1, children, seen, text);
                    last = snake(tuple.getValueNode(), depth + 2, children, seen, text);
                }
            } else {
                for (Node item : ((SequenceNode) node).getValue()) {
                    last = snake(item, depth + 1, children, seen, text);
                }
            }
            if (!flow) {
                end = last; // -1 after an alias: SnakeYAML's nodes keep no trace of where it was written
            }
            value = "\n" + children;
        }
        head(node.getNodeId().name(), node.getTag().getValue(), style, node.getAnchor(),
                node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1,
                node.getStartMark().getIndex(), end, out);
        out.append(value);
        if (node instanceof ScalarNode) {
            out.append('\n');
        }
        return end;
    }

    /** Returns false when {@code node} was met before (an alias in a loader's tree). */
    private static boolean ours(YamlNode node, int depth, StringBuilder out, Map<Object, Integer> seen) {
        out.append("  ".repeat(depth));
        if (seenBefore(node, out, seen)) {
            return false;
        }
        if (node instanceof YamlNode.Alias alias) {
            out.append("alias *").append(alias.name()).append(" @").append(node.line()).append(':')
                    .append(node.column()).append(" #").append(node.start()).append('-').append(node.end()).append('\n');
            return true;
        }
        String kind = node instanceof YamlNode.Scalar ? "scalar" : node instanceof YamlNode.Mapping ? "mapping"
                : "sequence";
        String style = switch (node.style()) {
            case PLAIN -> "PLAIN";
            case SINGLE_QUOTED -> "SINGLE_QUOTED";
            case DOUBLE_QUOTED -> "DOUBLE_QUOTED";
            case LITERAL -> "LITERAL";
            case FOLDED -> "FOLDED";
            case FLOW -> "FLOW";
            case BLOCK -> "BLOCK";
        };
        StringBuilder children = new StringBuilder();
        boolean lastWritten = true;
        if (node instanceof YamlNode.Mapping mapping) {
            for (YamlNode.Entry entry : mapping.entries()) {
                ours(entry.key(), depth + 1, children, seen);
                lastWritten = ours(entry.value(), depth + 2, children, seen);
            }
        } else if (node instanceof YamlNode.Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                lastWritten = ours(item, depth + 1, children, seen);
            }
        }
        int end = lastWritten || node.isFlow() ? node.end() : -1;
        head(kind, node.tag(), style, node.anchor(), node.line(), node.column(), node.start(), end, out);
        if (node instanceof YamlNode.Scalar scalar) {
            out.append(" <").append(escape(scalar.value())).append(">\n");
        } else {
            out.append('\n').append(children);
        }
        return true;
    }

    private static boolean seenBefore(Object node, StringBuilder out, Map<Object, Integer> seen) {
        Integer first = seen.putIfAbsent(node, seen.size());
        if (first != null) {
            out.append("*").append(first).append('\n');
        }
        return first != null;
    }

    private static void head(String kind, String tag, String style, String anchor, int line, int column, int start,
                             int end, StringBuilder out) {
        out.append(kind).append(' ').append(tag).append(' ').append(style).append(" anchor=").append(anchor)
                .append(" @").append(line).append(':').append(column).append(" #").append(start).append('-')
                .append(end);
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp == '>' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp < 0x20 || cp > 0x7e) {
                out.append(String.format("\\u{%x}", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
