package io.watasu.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.HashMap;
import java.util.Map;

/**
 * Composes SnakeYAML's parser events into {@link YamlNode}s the way SnakeYAML's own composer builds its nodes: the
 * same tags (written ones checked by the same tag inspector), an alias is the anchored node itself (so a recursive
 * alias is a cycle), one document only, and the same errors. Plain scalars are resolved on first use, and none of
 * SnakeYAML's heavier node classes are built. For any text outside {@link SimpleYaml}'s subset.
 */
final class EventComposer {
    private static final Resolver RESOLVER = new Resolver();
    private static final String NON_SPECIFIC_TAG = "!";

    private final Parser parser;
    private final LoaderOptions options;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    EventComposer(Parser parser, LoaderOptions options) {
        this.parser = parser;
        this.options = options;
    }

    /** The root of the stream's only document, or null for an empty stream. */
    YamlNode singleDocument() {
        parser.getEvent(); // stream start
        YamlNode root = null;
        Mark rootMark = null;
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            parser.getEvent(); // document start
            rootMark = parser.peekEvent().getStartMark();
            root = node();
            parser.getEvent(); // document end
        }
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            Event next = parser.getEvent();
            throw new CompositionError("expected a single document in the stream", rootMark,
                    "but found another document", next.getStartMark());
        }
        parser.getEvent(); // stream end
        return root;
    }

    private YamlNode node() {
        if (parser.checkEvent(Event.ID.Alias)) {
            AliasEvent alias = (AliasEvent) parser.getEvent();
            YamlNode anchored = anchors.get(alias.getAnchor());
            if (anchored == null) {
                throw new CompositionError(null, null, "found undefined alias " + alias.getAnchor(),
                        alias.getStartMark());
            }
            return anchored;
        }
        if (parser.checkEvent(Event.ID.Scalar)) {
            return scalar((ScalarEvent) parser.getEvent());
        }
        CollectionStartEvent start = (CollectionStartEvent) parser.getEvent();
        return start.getEventId() == Event.ID.SequenceStart ? sequence(start) : mapping(start);
    }

    private YamlNode scalar(ScalarEvent event) {
        int line = event.getStartMark().getLine() + 1;
        int column = event.getStartMark().getColumn() + 1;
        YamlNode.Scalar scalar;
        if (!isSpecific(event.getTag())) {
            scalar = event.getImplicit().canOmitTagInPlainScalar()
                    ? YamlNode.Scalar.plain(line, column, event.getValue())
                    : new YamlNode.Scalar(line, column, event.getValue(),
                    RESOLVER.resolve(NodeId.scalar, event.getValue(), false).getValue());
        } else {
            scalar = new YamlNode.Scalar(line, column, event.getValue(), writtenTag(event.getTag(), event));
        }
        anchor(event, scalar);
        return scalar;
    }

    private YamlNode sequence(CollectionStartEvent start) {
        String tag = isSpecific(start.getTag()) ? writtenTag(start.getTag(), start)
                : RESOLVER.resolve(NodeId.sequence, null, start.getImplicit()).getValue();
        YamlNode.Sequence sequence = new YamlNode.Sequence(start.getStartMark().getLine() + 1,
                start.getStartMark().getColumn() + 1, tag, 4);
        anchor(start, sequence);
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            sequence.items().add(node());
        }
        parser.getEvent();
        return sequence;
    }

    private YamlNode mapping(CollectionStartEvent start) {
        String tag = isSpecific(start.getTag()) ? writtenTag(start.getTag(), start)
                : RESOLVER.resolve(NodeId.mapping, null, start.getImplicit()).getValue();
        YamlNode.Mapping mapping = new YamlNode.Mapping(start.getStartMark().getLine() + 1,
                start.getStartMark().getColumn() + 1, tag, 4);
        anchor(start, mapping);
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            YamlNode key = node();
            mapping.entries().add(new YamlNode.Entry(key, node()));
        }
        parser.getEvent();
        return mapping;
    }

    private static boolean isSpecific(String tag) {
        return tag != null && !tag.equals(NON_SPECIFIC_TAG);
    }

    /** A tag written in the text; global tags outside YAML's own are refused as SnakeYAML's composer refuses them. */
    private String writtenTag(String written, Event event) {
        Tag tag = new Tag(written);
        if (tag.isCustomGlobal() && !options.getTagInspector().isGlobalTagAllowed(tag)) {
            throw new CompositionError(null, null, "Global tag is not allowed: " + written, event.getStartMark());
        }
        return tag.getValue();
    }

    /** Registered before a collection's children, so that an alias inside refers to the collection itself. */
    private void anchor(NodeEvent event, YamlNode node) {
        if (event.getAnchor() != null) {
            anchors.put(event.getAnchor(), node);
        }
    }

    /** The library's own exception type, so that {@link BoundedYaml} words it like any other syntax error. */
    private static final class CompositionError extends ComposerException {
        CompositionError(String context, Mark contextMark, String problem, Mark problemMark) {
            super(context, contextMark, problem, problemMark);
        }
    }
}
