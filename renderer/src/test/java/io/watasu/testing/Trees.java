package io.watasu.testing;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * SnakeYAML node trees written out in full (kind, tag, style, value, anchor, start and end marks), so that two
 * trees compare as text and a difference shows where it is.
 */
public final class Trees {
    private Trees() {
    }

    /**
     * The tree under {@code root}; {@code lineOffset} is added to every mark's line, and mark indexes are left out
     * unless {@code withIndex} (a document composed alone counts them from its own start).
     */
    public static String dump(Node root, int lineOffset, boolean withIndex) {
        StringBuilder out = new StringBuilder();
        dump(root, lineOffset, withIndex, 0, out);
        return out.toString();
    }

    private static void dump(Node node, int lineOffset, boolean withIndex, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(node.getNodeId()).append(' ').append(node.getTag().getValue())
                .append(" anchor=").append(node.getAnchor())
                .append(" @").append(mark(node.getStartMark(), lineOffset, withIndex))
                .append("-").append(mark(node.getEndMark(), lineOffset, withIndex));
        if (node instanceof ScalarNode scalar) {
            out.append(' ').append(scalar.getScalarStyle())
                    .append(" value=\"").append(escape(scalar.getValue())).append("\"\n");
        } else if (node instanceof SequenceNode sequence) {
            out.append(' ').append(sequence.getFlowStyle()).append('\n');
            for (Node item : sequence.getValue()) {
                dump(item, lineOffset, withIndex, depth + 1, out);
            }
        } else if (node instanceof MappingNode mapping) {
            out.append(' ').append(mapping.getFlowStyle()).append(" merged=").append(mapping.isMerged()).append('\n');
            for (NodeTuple tuple : mapping.getValue()) {
                dump(tuple.getKeyNode(), lineOffset, withIndex, depth + 1, out);
                dump(tuple.getValueNode(), lineOffset, withIndex, depth + 2, out);
            }
        }
    }

    private static String mark(Mark mark, int lineOffset, boolean withIndex) {
        if (mark == null) {
            return "?";
        }
        return (lineOffset + mark.getLine()) + ":" + mark.getColumn() + (withIndex ? "#" + mark.getIndex() : "");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
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
