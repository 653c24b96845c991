package io.watasu.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.parser.ParserImpl;

import java.util.List;

/**
 * Kubernetes manifests (multi-document YAML or JSON) as {@link YamlNode} trees: the YAML watasu renders is read by
 * {@link YamlScanner}; anything it declines is composed from SnakeYAML's events as SnakeYAML's composer would (its
 * limits and errors, aliases as the anchored node), and any problem becomes one positioned {@link BoundedYaml.Problem}.
 */
public final class ManifestYaml {
    /**
     * The YAML library's parser, whose code decides what a rendered document reads as: part of a render's fingerprint.
     */
    public static final Class<?> PARSER = ParserImpl.class;
    private static final String FIX = "fix the syntax or move the file out of the directory";

    private ManifestYaml() {
    }

    /** Receives one document; may stop the reading with its own exception. */
    @FunctionalInterface
    public interface DocumentReader<E extends Exception> {
        void read(YamlNode document) throws E;
    }

    /**
     * Reads the documents of {@code text} in order into {@code reader}, each as soon as it is composed: a problem in
     * a later document comes after whatever {@code reader} finds in an earlier one.
     *
     * @throws BoundedYaml.Rejected when the text is not valid YAML (or JSON)
     */
    public static <E extends Exception> void read(String text, DocumentReader<E> reader)
            throws E, BoundedYaml.Rejected {
        List<YamlNode> fast = YamlScanner.documents(text);
        if (fast != null) {
            for (YamlNode document : fast) {
                reader.read(document);
            }
            return;
        }
        try {
            // Rendered platforms are big and may sit in a single file.
            new EventComposer(text, EventComposer.Mode.MANIFEST, Integer.MAX_VALUE).documents(reader);
        } catch (YamlRefusal refusal) {
            boolean character = refusal.reason() == YamlRefusal.Reason.CHARACTER;
            String problem = character ? String.format("the character U+%04X is not allowed", refusal.codePoint())
                    : refusal.detail() != null ? refusal.detail() : "unreadable YAML";
            throw new BoundedYaml.Rejected(new BoundedYaml.Problem(Math.max(refusal.line(), 1),
                    Math.max(refusal.column(), 1), "not valid YAML/JSON: " + problem,
                    character ? "fix the file or move it out of the directory" : FIX));
        }
    }

    /**
     * The documents of text that may hold neither aliases nor written tags, as a template's output must not.
     *
     * @throws YamlRefusal at the first alias, tag or syntax error, whichever comes first in the text
     */
    public static List<YamlNode> plainDocuments(String text) throws YamlRefusal {
        List<YamlNode> fast = YamlScanner.documents(text);
        if (fast != null) {
            return fast;
        }
        // SnakeYAML's own code point limit: a template's output is one object.
        return new EventComposer(text, EventComposer.Mode.PLAIN, new LoaderOptions().getCodePointLimit()).documents();
    }
}
