package io.watasu.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes SnakeYAML's parser events into {@link YamlNode}s, in one loop for every reader ({@link Mode}). For the
 * loader and for manifests, the way SnakeYAML's own composer builds its nodes: the same tags (written ones checked by
 * the same tag inspector), an alias is the anchored node itself (so a recursive alias is a cycle), the same limits
 * and errors. Plain scalars are resolved on first use, and none of SnakeYAML's heavier node classes are built. For any
 * text outside {@link YamlScanner}'s subset.
 */
final class EventComposer {
    private static final Resolver RESOLVER = new Resolver();
    private static final String NON_SPECIFIC_TAG = "!";

    private final String text;
    private final WholeTextReader reader;
    private final Parser parser;
    private final LoaderOptions options;
    private final Mode mode;
    /** SnakeYAML's composer's way: an alias is its anchored node, SnakeYAML's limits and errors. */
    private final boolean asComposer;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private int collectionAliases;
    private int aliases;
    private long nodeCount;

    /** A composer of {@code text} in {@code mode}, refusing texts longer than {@code codePointLimit}. */
    EventComposer(String text, Mode mode, int codePointLimit) {
        this.text = text;
        this.reader = new WholeTextReader(text);
        this.options = new LoaderOptions();
        options.setCodePointLimit(codePointLimit);
        this.parser = new ParserImpl(reader, options);
        this.mode = mode;
        this.asComposer = mode == Mode.LOADER || mode == Mode.MANIFEST;
    }

    /** What the composer makes of aliases, written tags and documents. */
    enum Mode {
        /** SnakeYAML's composer's way: one document, an alias is its anchored node, tags checked and kept. */
        LOADER,
        /** SnakeYAML's composer's way, any number of documents. */
        MANIFEST,
        /** Any number of documents, neither aliases nor written tags. */
        PLAIN,
        /** One document; aliases kept as {@link YamlNode.Alias} nodes where written, tags as written. */
        EDITABLE
    }

    /** The root of the stream's first document, or null for an empty stream. */
    YamlNode singleDocument() throws YamlRefusal {
        List<YamlNode> documents = documents();
        return documents.isEmpty() ? null : documents.get(0);
    }

    List<YamlNode> documents() throws YamlRefusal {
        List<YamlNode> documents = new ArrayList<>();
        documents(documents::add);
        return documents;
    }

    /**
     * Reads the documents of the stream into {@code documents}, each once its end is parsed (as SnakeYAML's composer
     * hands them out), composed from events in a loop (no recursion). The first alias or tag in {@link Mode#PLAIN},
     * or second document in {@link Mode#EDITABLE}, or syntax error, whichever comes first in the text, ends the
     * reading: with SnakeYAML's exception in {@link Mode#LOADER}, as a {@link YamlRefusal} in the others.
     */
    <E extends Exception> void documents(ManifestYaml.DocumentReader<E> documents) throws E, YamlRefusal {
        try {
            compose(documents);
        } catch (YAMLException e) {
            if (mode == Mode.LOADER) {
                throw e;
            }
            throw YamlRefusal.of(e, text, reader);
        }
    }

    private <E extends Exception> void compose(ManifestYaml.DocumentReader<E> documents) throws E, YamlRefusal {
        YamlNode root = null;
        List<YamlNode> open = new ArrayList<>();
        List<YamlNode> keys = new ArrayList<>(); // per open mapping, its key awaiting a value (null: none)
        // Per open collection, where its last value so far is written (an alias's own end, not its anchored node's).
        List<Integer> lastEnds = new ArrayList<>();
        int documentStarts = 0;
        Mark rootMark = null;
        while (parser.peekEvent() != null) {
            Event event = parser.getEvent();
            YamlNode node = null;
            int end = -1;
            if (mode == Mode.LOADER && (event instanceof AliasEvent && ++aliases > YamlLimits.MAX_ALIASES
                    || event instanceof CollectionStartEvent && open.size() >= YamlLimits.MAX_NESTING_DEPTH)) {
                throw new LimitExceeded(event instanceof AliasEvent, event.getStartMark());
            }
            if (event instanceof ScalarEvent || event instanceof CollectionStartEvent) {
                nodeCount++;
                if (asComposer && open.size() > options.getNestingDepthLimit()) {
                    throw new YAMLException("Nesting Depth exceeded max " + options.getNestingDepthLimit());
                }
            }
            if (event instanceof DocumentEndEvent) {
                documents.read(root);
                anchors.clear();
            } else if (event instanceof DocumentStartEvent && (mode == Mode.LOADER || mode == Mode.EDITABLE)
                    && ++documentStarts > 1) {
                if (mode == Mode.LOADER) {
                    throw new CompositionError("expected a single document in the stream", rootMark,
                            "but found another document", event.getStartMark());
                }
                throw YamlRefusal.at(YamlRefusal.Reason.SECOND_DOCUMENT, null, event.getStartMark(), reader);
            } else if (event instanceof AliasEvent alias) {
                node = alias(alias);
                end = reader.charIndex(alias.getEndMark().getIndex());
            } else if (event instanceof ScalarEvent scalar) {
                refuseTag(scalar.getTag(), event);
                node = scalar(scalar);
                end = node.end();
            } else if (event instanceof CollectionStartEvent start) {
                refuseTag(start.getTag(), event);
                YamlNode collection = collection(start);
                root = add(collection, -1, open, keys, lastEnds, root);
                open.add(collection);
                keys.add(null);
                lastEnds.add(-1);
            } else if (event instanceof CollectionEndEvent) {
                int innermost = open.size() - 1;
                YamlNode collection = open.remove(innermost);
                keys.remove(innermost);
                int lastEnd = lastEnds.remove(innermost);
                collection.end(collection.style() == YamlNode.Style.BLOCK && lastEnd >= 0 ? lastEnd
                        : reader.charIndex(event.getEndMark().getIndex()));
                if (!asComposer && collection.anchor() != null) {
                    // Anchored once complete: an alias inside its own anchored collection refers to nothing.
                    anchors.put(collection.anchor(), collection);
                }
                if (!open.isEmpty()) {
                    lastEnds.set(open.size() - 1, collection.end());
                }
            }
            if (rootMark == null && event instanceof NodeEvent) {
                rootMark = event.getStartMark();
            }
            if (node != null) {
                root = add(node, end, open, keys, lastEnds, root);
            }
        }
    }

    private void refuseTag(String tag, Event event) throws YamlRefusal {
        if (mode == Mode.PLAIN && tag != null) {
            throw YamlRefusal.at(YamlRefusal.Reason.TAG, null, event.getStartMark(), reader);
        }
    }

    /** The anchored node itself (as SnakeYAML composes), an {@link YamlNode.Alias} where written, or a refusal. */
    private YamlNode alias(AliasEvent alias) throws YamlRefusal {
        if (mode == Mode.PLAIN) {
            throw YamlRefusal.at(YamlRefusal.Reason.ALIAS, null, alias.getStartMark(), reader);
        }
        YamlNode target = anchors.get(alias.getAnchor());
        if (target == null && asComposer) {
            throw new CompositionError(null, null, "found undefined alias " + alias.getAnchor(),
                    alias.getStartMark());
        }
        if (target == null) {
            throw YamlRefusal.at(YamlRefusal.Reason.UNDEFINED_ALIAS, alias.getAnchor(), alias.getStartMark(), reader);
        }
        if (asComposer && !(target instanceof YamlNode.Scalar)
                && ++collectionAliases > options.getMaxAliasesForCollections()) {
            throw new YAMLException("Number of aliases for non-scalar nodes exceeds the specified max="
                    + options.getMaxAliasesForCollections());
        }
        if (asComposer) {
            return target;
        }
        Mark mark = alias.getStartMark();
        return new YamlNode.Alias(mark.getLine() + 1, mark.getColumn() + 1, reader.charIndex(mark.getIndex()),
                reader.charIndex(alias.getEndMark().getIndex()), alias.getAnchor(), target);
    }

    /**
     * Adds a complete node (or an open collection, {@code end} -1) to the innermost open collection; returns the
     * document's root.
     */
    private static YamlNode add(YamlNode node, int end, List<YamlNode> open, List<YamlNode> keys,
                                List<Integer> lastEnds, YamlNode root) {
        if (open.isEmpty()) {
            return node;
        }
        int innermost = open.size() - 1;
        if (open.get(innermost) instanceof YamlNode.Sequence sequence) {
            sequence.items().add(node);
            lastEnds.set(innermost, end);
        } else if (keys.get(innermost) == null) {
            keys.set(innermost, node);
        } else {
            ((YamlNode.Mapping) open.get(innermost)).entries().add(new YamlNode.Entry(keys.get(innermost), node));
            keys.set(innermost, null);
            lastEnds.set(innermost, end);
        }
        return root;
    }

    private YamlNode scalar(ScalarEvent event) {
        Mark mark = event.getStartMark();
        int line = mark.getLine() + 1;
        int column = mark.getColumn() + 1;
        int start = reader.charIndex(mark.getIndex());
        int end = reader.charIndex(event.getEndMark().getIndex());
        YamlNode.Scalar scalar;
        if (!isSpecific(event.getTag()) && event.getImplicit().canOmitTagInPlainScalar()) {
            scalar = new YamlNode.Scalar(line, column, start, event.getAnchor(), end, event.getValue());
        } else {
            YamlNode.Style style = YamlNode.Style.valueOf(event.getScalarStyle().name());
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

    /** A mapping or sequence without its children yet, registered under its anchor at once by SnakeYAML's way. */
    private YamlNode collection(CollectionStartEvent start) {
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
        if (asComposer) {
            anchor(start, collection);
        }
        return collection;
    }

    private static boolean isSpecific(String tag) {
        return tag != null && !tag.equals(NON_SPECIFIC_TAG);
    }

    /**
     * A tag written in the text; global tags outside YAML's own are refused as SnakeYAML's composer refuses them, but
     * the editor keeps any tag as written.
     */
    private String writtenTag(String written, Event event) {
        Tag tag = new Tag(written);
        if (mode != Mode.EDITABLE && tag.isCustomGlobal() && !options.getTagInspector().isGlobalTagAllowed(tag)) {
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

    /** Nodes written in the text so far (aliases not expanded). */
    long nodeCount() {
        return nodeCount;
    }

    /** The loader's limit on aliases or nesting crossed, at the alias or collection that crosses it. */
    static final class LimitExceeded extends RuntimeException {
        final boolean aliases;
        final transient Mark mark;

        LimitExceeded(boolean aliases, Mark mark) {
            super(null, null, false, false);
            this.aliases = aliases;
            this.mark = mark;
        }
    }

    /** The library's own exception type, so that {@link BoundedYaml} words it like any other syntax error. */
    private static final class CompositionError extends ComposerException {
        CompositionError(String context, Mark contextMark, String problem, Mark problemMark) {
            super(context, contextMark, problem, problemMark);
        }
    }
}
