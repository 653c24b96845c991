package io.watasu.verify;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a composed YAML node that keeps its file and position, so that every structural error can be
 * reported as {@code file:line:column}. Reading a field that is absent (or null) yields null.
 */
final class YamlNode {
    /** What to do about an object the API server would reject, when the message names no better fix. */
    static final String FIX = "correct the object or move its file out of the directory";
    private final String file;
    private final Node node;

    YamlNode(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** The value under {@code key}, or null when absent or an explicit null. */
    YamlNode get(String key) throws ManifestException {
        List<NodeTuple> tuples = requireMapping().getValue();
        for (int i = 0; i < tuples.size(); i++) { // indexed: every field read goes through here
            NodeTuple tuple = tuples.get(i);
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                Node value = tuple.getValueNode();
                return isNull(value) ? null : new YamlNode(file, value);
            }
        }
        return null;
    }

    /** Follows a path of keys; null as soon as one is absent. */
    YamlNode at(String... keys) throws ManifestException {
        YamlNode current = this;
        for (String key : keys) {
            current = current.get(key);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    String text() throws ManifestException {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value here, found " + describe());
        }
        return scalar.getValue();
    }

    String textAt(String key) throws ManifestException {
        YamlNode value = get(key);
        return value == null ? null : value.text();
    }

    int integer() throws ManifestException {
        String text = text();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error("expected a number, found '" + text + "'");
        }
    }

    /** True for a scalar of ASCII digits only (a loop: {@code String.matches} compiles a pattern on every call). */
    boolean isNumber() {
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isEmpty()) {
            return false;
        }
        String value = scalar.getValue();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    List<YamlNode> items() throws ManifestException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list here, found " + describe());
        }
        List<YamlNode> result = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            result.add(new YamlNode(file, item));
        }
        return result;
    }

    /** The items of the list under {@code key}; empty when absent. */
    List<YamlNode> itemsAt(String key) throws ManifestException {
        YamlNode value = get(key);
        return value == null ? List.of() : value.items();
    }

    /** A string-to-string map such as labels; empty when this node is null-valued. */
    Map<String, String> stringMap() throws ManifestException {
        Map<String, String> result = new LinkedHashMap<>();
        for (NodeTuple tuple : requireMapping().getValue()) {
            String key = new YamlNode(file, tuple.getKeyNode()).text();
            Node value = tuple.getValueNode();
            result.put(key, isNull(value) ? "" : new YamlNode(file, value).text());
        }
        return result;
    }

    Map<String, String> stringMapAt(String key) throws ManifestException {
        YamlNode value = get(key);
        return value == null ? Map.of() : value.stringMap();
    }

    /** An error whose message says what is wrong; the fix is the general one. */
    ManifestException error(String message) {
        return error(message, FIX);
    }

    ManifestException error(String message, String fix) {
        return new ManifestException(Diagnostic.error(position(), message, fix));
    }

    /** Where this node starts, 1-based. */
    SourcePosition position() {
        return new SourcePosition(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    boolean isSequence() {
        return node instanceof SequenceNode;
    }

    /** The keys of this mapping, in order. */
    List<String> keys() throws ManifestException {
        List<String> keys = new ArrayList<>();
        for (NodeTuple tuple : requireMapping().getValue()) {
            keys.add(new YamlNode(file, tuple.getKeyNode()).text());
        }
        return keys;
    }

    private MappingNode requireMapping() throws ManifestException {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping here, found " + describe());
        }
        return mapping;
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static boolean isNull(Node value) {
        return value instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }
}
