package io.watasu.config;

import io.watasu.yaml.BoundedYaml;
import io.watasu.yaml.YamlNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What SnakeYAML's own composer makes of a text, written out node by node (position, tag, value; a node met again
 * through an alias as a reference to its first appearance), to compare our composers' trees with. A rejected text
 * is written as the diagnostic the loader would report.
 */
final class SnakeYamlReference {
    private SnakeYamlReference() {
    }

    static String dump(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ConfigLoader.MAX_INPUT_BYTES);
        Node root;
        try {
            root = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
                    .getSingleNode();
        } catch (YAMLException e) {
            return "rejected: " + ConfigLoader.diagnostic(Yaml.FILE, BoundedYaml.invalidYaml(text, e)).format();
        }
        StringBuilder out = new StringBuilder();
        dumpSnake(root, out, new IdentityHashMap<>());
        return out.toString();
    }

    /** Our tree in the same form. */
    static String dump(YamlNode root) {
        StringBuilder out = new StringBuilder();
        dumpOurs(root, out, new IdentityHashMap<>());
        return out.toString();
    }

    private static void dumpSnake(Node node, StringBuilder out, Map<Object, Integer> seen) {
        if (node == null) {
            out.append("empty\n");
            return;
        }
        if (seenBefore(node, out, seen)) {
            return;
        }
        head(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, node.getTag().getValue(), out);
        if (node instanceof ScalarNode scalar) {
            out.append('<').append(scalar.getValue()).append(">\n");
        } else if (node instanceof MappingNode mapping) {
            out.append("{\n");
            for (NodeTuple tuple : mapping.getValue()) {
                dumpSnake(tuple.getKeyNode(), out, seen);
                dumpSnake(tuple.getValueNode(), out, seen);
            }
            out.append("}\n");
        } else {
            out.append("[\n");
            ((SequenceNode) node).getValue().forEach(item -> dumpSnake(item, out, seen));
            out.append("]\n");
        }
    }

    private static void dumpOurs(YamlNode node, StringBuilder out, Map<Object, Integer> seen) {
        if (node == null) {
            out.append("empty\n");
            return;
        }
        if (seenBefore(node, out, seen)) {
            return;
        }
        head(node.line(), node.column(), node.tag(), out);
        if (node instanceof YamlNode.Scalar scalar) {
            out.append('<').append(scalar.value()).append(">\n");
        } else if (node instanceof YamlNode.Mapping mapping) {
            out.append("{\n");
            for (YamlNode.Entry entry : mapping.entries()) {
                dumpOurs(entry.key(), out, seen);
                dumpOurs(entry.value(), out, seen);
            }
            out.append("}\n");
        } else {
            out.append("[\n");
            ((YamlNode.Sequence) node).items().forEach(item -> dumpOurs(item, out, seen));
            out.append("]\n");
        }
    }

    private static boolean seenBefore(Object node, StringBuilder out, Map<Object, Integer> seen) {
        Integer first = seen.putIfAbsent(node, seen.size());
        if (first != null) {
            out.append("*").append(first).append('\n');
        }
        return first != null;
    }

    private static void head(int line, int column, String tag, StringBuilder out) {
        out.append(line).append(':').append(column).append(' ').append(tag).append(' ');
    }
}
