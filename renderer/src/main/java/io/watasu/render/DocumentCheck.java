package io.watasu.render;

import io.watasu.plan.PlannedObject;
import io.watasu.yaml.ManifestYaml;
import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlNode.Entry;
import io.watasu.yaml.YamlNode.Mapping;
import io.watasu.yaml.YamlNode.Scalar;
import io.watasu.yaml.YamlRefusal;

import java.util.List;

/**
 * Parses one rendered document back and checks that it is a single YAML mapping of the planned kind and name, without
 * aliases or explicit tags (nothing a template override could use to make a reader build something else).
 *
 * <p>{@link ManifestYaml#plainDocuments} reads the text, refusing the first alias, tag or syntax error in it; the
 * planned kind and name are then looked for in the tree as a reader of the text in order would find them: the last
 * {@code kind} at the top wins, and a key that is not a scalar leaves the previous key current.
 */
final class DocumentCheck {
    private DocumentCheck() {
    }

    static void check(String document, PlannedObject object) {
        List<YamlNode> documents;
        try {
            documents = ManifestYaml.plainDocuments(document);
        } catch (YamlRefusal refusal) {
            throw problem(object, refusal);
        }
        if (documents.size() != 1 || !(documents.get(0) instanceof Mapping top) || !isPlanned(top, object)) {
            throw new RenderException("template " + object.template() + " must render one " + object.kind()
                    + " named " + object.name() + " with kind and metadata.name set");
        }
    }

    /** True when the top-level {@code kind} and {@code metadata.name} are the planned ones. */
    private static boolean isPlanned(Mapping top, PlannedObject object) {
        String name = null;
        String key = null;
        for (Entry entry : top.entries()) {
            if (entry.key() instanceof Scalar scalar) {
                key = scalar.value();
            } else if (entry.key() instanceof Mapping keyMapping && "metadata".equals(key)) {
                name = lastValue(keyMapping, "name", name);
            }
            if (entry.value() instanceof Mapping metadata && "metadata".equals(key)) {
                name = lastValue(metadata, "name", name);
            }
        }
        return object.kind().equals(lastValue(top, "kind", null)) && object.name().equals(name);
    }

    /** The last scalar value under the key {@code wanted} in {@code mapping}, else {@code found}. */
    private static String lastValue(Mapping mapping, String wanted, String found) {
        String key = null;
        for (Entry entry : mapping.entries()) {
            if (entry.key() instanceof Scalar scalar) {
                key = scalar.value();
            }
            if (entry.value() instanceof Scalar value && wanted.equals(key)) {
                found = value.value();
            }
        }
        return found;
    }

    private static RenderException problem(PlannedObject object, YamlRefusal refusal) {
        String what = switch (refusal.reason()) {
            case ALIAS -> "YAML with an alias";
            case TAG -> "YAML with an explicit tag";
            case SYNTAX -> "invalid YAML (" + refusal.detail() + ")";
            default -> null; // a character YAML does not allow, or the text too long: the parser's own message
        };
        if (what == null) {
            return new RenderException("template " + object.template() + " produced invalid YAML for "
                    + object.kind() + " " + object.name() + ": " + refusal.detail());
        }
        String where = refusal.line() == 0 ? "" : " at line " + refusal.line() + ", column " + refusal.column()
                + " of its output";
        return new RenderException("template " + object.template() + " produced " + what + " for " + object.kind()
                + " " + object.name() + where);
    }
}
