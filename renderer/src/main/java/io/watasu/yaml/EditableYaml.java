package io.watasu.yaml;

/**
 * A YAML document as the editor needs it: every alias a {@link YamlNode.Alias} node where it is written (so that it
 * can be replaced without touching the node it stands for), every node with its character span, anchors and tags as
 * written. Text in {@link YamlScanner}'s subset, which has no aliases, anchors or tags, is composed there; any other
 * from SnakeYAML's parser events, for any text the loader could read.
 */
public final class EditableYaml {
    private EditableYaml() {
    }

    /**
     * The root of the text's only document, or null when it has none.
     *
     * @throws YamlRefusal for a syntax error, a character YAML does not allow, an alias to no anchor before it, or a
     *                     second document
     */
    public static YamlNode document(String text) throws YamlRefusal {
        BoundedYaml.Document fast = YamlScanner.document(text);
        return fast != null ? fast.root() : fromEvents(text);
    }

    /** As {@link #document}, always from SnakeYAML's events. */
    static YamlNode fromEvents(String text) throws YamlRefusal {
        // Whatever the loader accepts must be editable; SnakeYAML's own default is lower.
        return new EventComposer(text, EventComposer.Mode.EDITABLE, YamlLimits.MAX_INPUT_BYTES).singleDocument();
    }
}
