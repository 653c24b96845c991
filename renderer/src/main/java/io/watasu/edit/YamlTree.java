package io.watasu.edit;

import io.watasu.yaml.EditableYaml;
import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlNode.Alias;
import io.watasu.yaml.YamlNode.Mapping;
import io.watasu.yaml.YamlNode.Scalar;
import io.watasu.yaml.YamlNode.Sequence;
import io.watasu.yaml.YamlRefusal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document as a tree of nodes that know where they are in the text ({@link YamlNode#start()} and
 * {@link YamlNode#end()}, character offsets into the original string), so that an edit can replace exactly one node
 * and leave every other byte alone. Aliases are {@link Alias} nodes where they are written, so that the editor can
 * replace an alias in place without touching the node it points to.
 */
final class YamlTree {
    private final YamlNode root;
    private final Map<String, Integer> aliasCounts;

    private YamlTree(YamlNode root, Map<String, Integer> aliasCounts) {
        this.root = root;
        this.aliasCounts = aliasCounts;
    }

    /** The document's root node; an empty document has an empty scalar. */
    YamlNode root() {
        return root;
    }

    /** True when some alias in the document refers to this anchor: editing the anchored node would edit those too. */
    boolean isReferenced(String anchor) {
        return anchor != null && aliasCounts.getOrDefault(anchor, 0) > 0;
    }

    /** The string value of a scalar, or of an alias of a scalar; null for anything else. */
    static String scalarValue(YamlNode node) {
        return node.resolved() instanceof Scalar s ? s.value() : null;
    }

    /** A plain {@code ~}, {@code null} or nothing: a field present without a value. */
    static boolean isNull(YamlNode node) {
        return node instanceof Scalar s && s.style() == YamlNode.Style.PLAIN && (s.value().isEmpty()
                || s.value().equals("~") || s.value().equals("null") || s.value().equals("Null")
                || s.value().equals("NULL"));
    }

    /**
     * Parses one YAML document.
     *
     * @throws EditRefusedException when the text is not YAML or holds more than one document
     */
    static YamlTree parse(SourceText source) {
        YamlNode root;
        try {
            root = EditableYaml.document(source.text());
        } catch (YamlRefusal refusal) {
            throw refusal(source, refusal);
        }
        Map<String, Integer> aliasCounts = new HashMap<>();
        if (root != null) {
            countAliases(root, aliasCounts);
        }
        return new YamlTree(root != null ? root : Scalar.plain(1, 1, ""), aliasCounts);
    }

    private static EditRefusedException refusal(SourceText source, YamlRefusal refusal) {
        int at = Math.max(refusal.index(), 0);
        return switch (refusal.reason()) {
            case SECOND_DOCUMENT -> source.refuse(at, "more than one YAML document in the file",
                    "keep a single document (remove the extra '---' section)");
            case UNDEFINED_ALIAS -> source.refuse(at, "not valid YAML: the alias *" + refusal.detail()
                    + " refers to no anchor before it", "define &" + refusal.detail() + " before using it");
            case CHARACTER -> source.refuse(at, "not valid YAML: the character "
                    + String.format("U+%04X", refusal.codePoint()) + " is not allowed in YAML", "remove it, then retry");
            default -> source.refuse(at, "not valid YAML: " + refusal.detail(), "fix the syntax, then retry the edit");
        };
    }

    /**
     * Counts the aliases of each anchor, in a loop (any nesting depth); the walk does not follow aliases, so it ends
     * on a recursive one too.
     */
    private static void countAliases(YamlNode root, Map<String, Integer> counts) {
        Deque<YamlNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            YamlNode node = pending.pop();
            if (node instanceof Alias alias) {
                counts.merge(alias.name(), 1, Integer::sum);
            } else if (node instanceof Mapping mapping) {
                for (YamlNode.Entry entry : mapping.entries()) {
                    pending.push(entry.key());
                    pending.push(entry.value());
                }
            } else if (node instanceof Sequence sequence) {
                sequence.items().forEach(pending::push);
            }
        }
    }
}
