package io.watasu.verify;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;
import io.watasu.yaml.YamlNode.Entry;
import io.watasu.yaml.YamlNode.Mapping;
import io.watasu.yaml.YamlNode.Scalar;
import io.watasu.yaml.YamlNode.Sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a composed {@link io.watasu.yaml.YamlNode} with the file it came from, so that every structural
 * error can be reported as {@code file:line:column}. Reading a field that is absent (or null) yields null.
 */
final class YamlNode {
    /** What to do about an object the API server would reject, when the message names no better fix. */
    static final String FIX = "correct the object or move its file out of the directory";
    private final String file;
    private final io.watasu.yaml.YamlNode node;

    YamlNode(String file, io.watasu.yaml.YamlNode node) {
        this.file = file;
        this.node = node;
    }

    boolean isMapping() {
        return node instanceof Mapping;
    }

    /** The value under {@code key}, or null when absent or an explicit null. */
    YamlNode get(String key) throws ManifestException {
        List<Entry> entries = requireMapping().entries();
        for (int i = 0; i < entries.size(); i++) { // indexed, no Optional: every field read goes through here
            if (entries.get(i).key() instanceof Scalar k && k.value().equals(key)) {
                return isNull(entries.get(i).value()) ? null : new YamlNode(file, entries.get(i).value());
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
        if (!(node instanceof Scalar scalar)) {
            throw error("expected a single value here, found " + describe());
        }
        return scalar.value();
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
        if (!(node instanceof Scalar scalar) || scalar.value().isEmpty()) {
            return false;
        }
        for (int i = 0; i < scalar.value().length(); i++) {
            if (scalar.value().charAt(i) < '0' || scalar.value().charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    List<YamlNode> items() throws ManifestException {
        if (!(node instanceof Sequence sequence)) {
            throw error("expected a list here, found " + describe());
        }
        List<YamlNode> result = new ArrayList<>(sequence.items().size());
        for (io.watasu.yaml.YamlNode item : sequence.items()) {
            result.add(new YamlNode(file, item));
        }
        return result;
    }

    /** The items of the list under {@code key}; empty when absent. */
    List<YamlNode> itemsAt(String key) throws ManifestException {
        YamlNode value = get(key);
        return value == null ? List.of() : value.items();
    }

    /** The string-to-string map (such as labels) under {@code key}; empty when absent. */
    Map<String, String> stringMapAt(String key) throws ManifestException {
        YamlNode value = get(key);
        if (value == null) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Entry entry : value.requireMapping().entries()) {
            result.put(new YamlNode(file, entry.key()).text(),
                    isNull(entry.value()) ? "" : new YamlNode(file, entry.value()).text());
        }
        return result;
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
        return new SourcePosition(file, node.line(), node.column());
    }

    /** The keys of this mapping, in order. */
    List<String> keys() throws ManifestException {
        List<String> keys = new ArrayList<>();
        for (Entry entry : requireMapping().entries()) {
            keys.add(new YamlNode(file, entry.key()).text());
        }
        return keys;
    }

    private Mapping requireMapping() throws ManifestException {
        if (!(node instanceof Mapping mapping)) {
            throw error("expected a mapping here, found " + describe());
        }
        return mapping;
    }

    private String describe() {
        return node instanceof Scalar scalar ? "'" + scalar.value() + "'" : isMapping() ? "a mapping" : "a list";
    }

    private static boolean isNull(io.watasu.yaml.YamlNode value) {
        return value instanceof Scalar s && s.isNull();
    }
}
