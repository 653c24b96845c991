package io.watasu.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes SnakeYAML's parser events into {@link YamlNode}s the way SnakeYAML's own composer builds its nodes: the
 * same tags (written ones checked by the same tag inspector), an alias is the anchored node itself (so a recursive
 * alias is a cycle), one document only, and the same errors. Plain scalars are resolved on first use, and none of
 * SnakeYAML's heavier node classes are built. For any text outside {@link YamlScanner}'s subset; also composes the
 * documents of a template's output, which may hold no aliases or tags and the editor's document, which keeps aliases where they are written ({@link #documents(Mode)}).
 */
final class EventComposer {
    private static final Resolver RESOLVER = new Resolver();
    private static final String NON_SPECIFIC_TAG = "!";

    private final Parser parser;
    private final WholeTextReader reader;
    private final LoaderOptions options;
    private final boolean inspectTags;
    /** Where the node read last ends in the text (for an alias: the alias, not its anchored node). */
    private int lastEnd;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    EventComposer(Parser parser, WholeTextReader reader, LoaderOptions options) {
        this(parser, reader, options, true);
    }

    /** {@code inspectTags}: refuse global tags outside YAML's own, as SnakeYAML's composer does (not the editor). */
    EventComposer(Parser parser, WholeTextReader reader, LoaderOptions options, boolean inspectTags) {
        this.parser = parser;
        this.reader = reader;
        this.options = options;
        this.inspectTags = inspectTags;
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
            lastEnd = reader.charIndex(alias.getEndMark().getIndex());
            return anchored;
        }
        Event event = parser.getEvent();
        if (event instanceof ScalarEvent scalar) {
            YamlNode node = scalar(scalar);
            lastEnd = node.end();
            return node;
        }
        YamlNode collection = collection((CollectionStartEvent) event, true);
        YamlNode last = null;
        if (collection instanceof YamlNode.Sequence sequence) {
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                last = node();
                sequence.items().add(last);
            }
        } else {
            YamlNode.Mapping mapping = (YamlNode.Mapping) collection;
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                YamlNode key = node();
                last = node();
                mapping.entries().add(new YamlNode.Entry(key, last));
            }
        }
        // A block collection ends where its last value is written: an alias's end, not its anchored node's.
        close(collection, last == null ? null : lastEnd, parser.getEvent());
        lastEnd = collection.end();
        return collection;
    }

    /** What {@link #documents(Mode)} makes of aliases, written tags and documents. */
    enum Mode {
        /** Any number of documents, neither aliases nor written tags. */
        PLAIN,
        /** One document; aliases kept as {@link YamlNode.Alias} nodes where written, tags as written. */
        EDITABLE
    }

    /**
     * The documents of the stream, composed from events in a loop (no recursion, so no nesting is too deep). The first
     * alias or tag in {@link Mode#PLAIN}, or second document in {@link Mode#EDITABLE}, or syntax error, whichever
     * comes first in the text, ends the reading.
     */
    List<YamlNode> documents(Mode mode) throws YamlRefusal {
        List<YamlNode> documents = new ArrayList<>();
        List<YamlNode> open = new ArrayList<>();
        List<YamlNode> keys = new ArrayList<>(); // per open mapping, its key awaiting a value (null: none)
        List<YamlNode> lasts = new ArrayList<>(); // per open collection, its last value so far
        int documentStarts = 0;
        boolean plain = mode == Mode.PLAIN;
        while (parser.peekEvent() != null) {
            Event event = parser.getEvent();
            YamlNode node = null;
            if (event instanceof DocumentStartEvent && !plain && ++documentStarts > 1) {
                throw YamlRefusal.at(YamlRefusal.Reason.SECOND_DOCUMENT, null, event.getStartMark(), reader);
            } else if (event instanceof AliasEvent alias) {
                if (plain) {
                    throw YamlRefusal.at(YamlRefusal.Reason.ALIAS, null, event.getStartMark(), reader);
                }
                node = alias(alias);
            } else if (event instanceof ScalarEvent scalar) {
                if (plain && scalar.getTag() != null) {
                    throw YamlRefusal.at(YamlRefusal.Reason.TAG, null, event.getStartMark(), reader);
                }
                node = scalar(scalar);
            } else if (event instanceof CollectionStartEvent start) {
                if (plain && start.getTag() != null) {
                    throw YamlRefusal.at(YamlRefusal.Reason.TAG, null, event.getStartMark(), reader);
                }
                YamlNode collection = collection(start, false);
                add(collection, open, keys, lasts, documents);
                open.add(collection);
                keys.add(null);
                lasts.add(null);
            } else if (event instanceof CollectionEndEvent) {
                int innermost = open.size() - 1;
                YamlNode collection = open.remove(innermost);
                keys.remove(innermost);
                YamlNode last = lasts.remove(innermost);
                close(collection, last == null ? null : last.end(), event);
                // Anchored once complete: an alias inside its own anchored collection refers to nothing.
                if (collection.anchor() != null) {
                    anchors.put(collection.anchor(), collection);
                }
            }
            if (node != null) {
                add(node, open, keys, lasts, documents);
            }
        }
        return documents;
    }

    /** An alias as written, for the editor; its anchor must be defined before it. */
    private YamlNode alias(AliasEvent alias) throws YamlRefusal {
        YamlNode target = anchors.get(alias.getAnchor());
        if (target == null) {
            throw YamlRefusal.at(YamlRefusal.Reason.UNDEFINED_ALIAS, alias.getAnchor(), alias.getStartMark(), reader);
        }
        Mark mark = alias.getStartMark();
        return new YamlNode.Alias(mark.getLine() + 1, mark.getColumn() + 1, reader.charIndex(mark.getIndex()),
                reader.charIndex(alias.getEndMark().getIndex()), alias.getAnchor(), target);
    }

    private static void add(YamlNode node, List<YamlNode> open, List<YamlNode> keys, List<YamlNode> lasts,
                            List<YamlNode> documents) {
        if (open.isEmpty()) {
            documents.add(node);
            return;
        }
        int innermost = open.size() - 1;
        if (open.get(innermost) instanceof YamlNode.Sequence sequence) {
            sequence.items().add(node);
            lasts.set(innermost, node);
        } else if (keys.get(innermost) == null) {
            keys.set(innermost, node);
        } else {
            ((YamlNode.Mapping) open.get(innermost)).entries().add(new YamlNode.Entry(keys.get(innermost), node));
            keys.set(innermost, null);
            lasts.set(innermost, node);
        }
    }

    private YamlNode scalar(ScalarEvent event) {
        Mark mark = event.getStartMark();
        int line = mark.getLine() + 1;
        int column = mark.getColumn() + 1;
        int start = reader.charIndex(mark.getIndex());
        int end = reader.charIndex(event.getEndMark().getIndex());
        YamlNode.Scalar scalar;
        if (!isSpecific(event.getTag()) && event.getImplicit().canOmitTagInPlainScalar()) {
            scalar = YamlNode.Scalar.plain(line, column, start, event.getAnchor(), end, event.getValue());
        } else {
            YamlNode.Style style = style(event.getScalarStyle());
            if (style == YamlNode.Style.LITERAL || style == YamlNode.Style.FOLDED) {
                end = reader.trimLineBreaks(start, end); // the node ends with its last line, not after it
            }
            String tag = isSpecific(event.getTag()) ? writtenTag(event.getTag(), event)
                    : RESOLVER.resolve(NodeId.scalar, event.getValue(), false).getValue();
            scalar = new YamlNode.Scalar(line, column, start, event.getAnchor(), end, style, event.getValue(), tag);
        }
        anchor(event, scalar);
        return scalar;
    }

    /** A scalar style as {@link YamlNode.Style}. */
    static YamlNode.Style style(DumperOptions.ScalarStyle style) {
        return switch (style) {
            case PLAIN -> YamlNode.Style.PLAIN;
            case SINGLE_QUOTED -> YamlNode.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> YamlNode.Style.DOUBLE_QUOTED;
            case LITERAL -> YamlNode.Style.LITERAL;
            case FOLDED -> YamlNode.Style.FOLDED;
            default -> throw new IllegalStateException("unknown scalar style " + style);
        };
    }

    /** A mapping or sequence without its children yet, registered under its anchor at once if {@code anchorNow}. */
    private YamlNode collection(CollectionStartEvent start, boolean anchorNow) {
        boolean sequence = start.getEventId() == Event.ID.SequenceStart;
        NodeId kind = sequence ? NodeId.sequence : NodeId.mapping;
        String tag = isSpecific(start.getTag()) ? writtenTag(start.getTag(), start)
                : RESOLVER.resolve(kind, null, start.getImplicit()).getValue();
        Mark mark = start.getStartMark();
        int line = mark.getLine() + 1;
        int column = mark.getColumn() + 1;
        int index = reader.charIndex(mark.getIndex());
        YamlNode.Style style = start.isFlow() ? YamlNode.Style.FLOW : YamlNode.Style.BLOCK;
        YamlNode collection = sequence
                ? new YamlNode.Sequence(line, column, index, start.getAnchor(), style, tag, 4)
                : new YamlNode.Mapping(line, column, index, start.getAnchor(), style, tag, 4);
        if (anchorNow) {
            anchor(start, collection);
        }
        return collection;
    }

    /**
     * Sets where a collection ends: a block collection where its last value ends (SnakeYAML's end mark is at the
     * next token, after comments and blank lines that do not belong to it), else at its end event.
     */
    private void close(YamlNode collection, Integer lastEnd, Event end) {
        collection.end(collection.style() == YamlNode.Style.BLOCK && lastEnd != null ? lastEnd
                : reader.charIndex(end.getEndMark().getIndex()));
    }

    private static boolean isSpecific(String tag) {
        return tag != null && !tag.equals(NON_SPECIFIC_TAG);
    }

    /** A tag written in the text; global tags outside YAML's own are refused as SnakeYAML's composer refuses them. */
    private String writtenTag(String written, Event event) {
        Tag tag = new Tag(written);
        if (inspectTags && tag.isCustomGlobal() && !options.getTagInspector().isGlobalTagAllowed(tag)) {
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
