package io.watasu.edit;

import io.watasu.yaml.WholeTextReader;
import io.watasu.yaml.YamlLimits;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree of nodes that know where they are in the text (character offsets into the original
 * string), so that an edit can replace exactly one node and leave every other byte alone.
 *
 * <p>Built from SnakeYAML's parser events rather than its composed node graph: the composer resolves an alias to the
 * anchored node itself and so forgets where the alias was written, and the editor must be able to replace an alias
 * in place without touching the node it points to.
 */
final class YamlTree {
    /** Any node; {@code start} and {@code end} delimit its text ({@code start} includes an anchor or tag). */
    sealed interface Node permits Scalar, Alias, Mapping, Sequence {
        int start();

        int end();

        /** The anchor defined on this node ({@code &name}), or null. */
        String anchor();
    }

    /** A scalar; an empty value ({@code key:} with nothing after it) has {@code start == end}. */
    record Scalar(String value, boolean plain, int start, int end, String anchor) implements Node {
        boolean isNull() {
            return plain && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                    || value.equals("NULL"));
        }
    }

    /** An alias ({@code *name}); {@code target} is the node it stands for. */
    record Alias(String name, Node target, int start, int end) implements Node {
        @Override
        public String anchor() {
            return null;
        }
    }

    /** A mapping; for block style, {@code end} is the end of its last value (trailing comments are not part of it). */
    record Mapping(List<Entry> entries, boolean flow, int start, int end, String anchor) implements Node {
        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> key.equals(scalarValue(e.key()))).findFirst();
        }
    }

    /** A sequence; for block style, {@code end} is the end of its last item. */
    record Sequence(List<Node> items, boolean flow, int start, int end, String anchor) implements Node {
    }

    record Entry(Node key, Node value) {
    }

    private final Node root;
    private final Map<String, Integer> aliasCounts;

    private YamlTree(Node root, Map<String, Integer> aliasCounts) {
        this.root = root;
        this.aliasCounts = aliasCounts;
    }

    /** The document's root node; an empty document has an empty scalar. */
    Node root() {
        return root;
    }

    /** True when some alias in the document refers to this anchor: editing the anchored node would edit those too. */
    boolean isReferenced(String anchor) {
        return anchor != null && aliasCounts.getOrDefault(anchor, 0) > 0;
    }

    /** The string value of a scalar, or of an alias of a scalar; null for anything else. */
    static String scalarValue(Node node) {
        Node resolved = resolve(node);
        return resolved instanceof Scalar s ? s.value() : null;
    }

    /** Follows aliases to the node they stand for. */
    static Node resolve(Node node) {
        Node current = node;
        while (current instanceof Alias a) {
            current = a.target();
        }
        return current;
    }

    /**
     * Parses one YAML document.
     *
     * @throws EditRefusedException when the text is not YAML or holds more than one document
     */
    static YamlTree parse(SourceText source) {
        String text = source.text();
        try {
            Builder builder = new Builder(source);
            LoaderOptions options = new LoaderOptions();
            // Whatever the loader accepts must be editable; SnakeYAML's own default is lower.
            options.setCodePointLimit(YamlLimits.MAX_INPUT_BYTES);
            Parser parser = new ParserImpl(new WholeTextReader(text), options);
            while (parser.peekEvent() != null) {
                builder.accept(parser.getEvent());
            }
            return new YamlTree(builder.root == null ? new Scalar("", true, 0, 0, null) : builder.root,
                    builder.aliasCounts);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int at = mark == null ? 0 : source.charIndex(mark.getIndex());
            throw source.refuse(at, "not valid YAML: " + e.getProblem(), "fix the syntax, then retry the edit");
        } catch (ReaderException e) {
            throw source.refuse(source.charIndex(e.getPosition()), "not valid YAML: the character "
                    + String.format("U+%04X", e.getCodePoint()) + " is not allowed in YAML", "remove it, then retry");
        } catch (YAMLException e) {
            throw source.refuse(0, "not valid YAML: " + e.getMessage(), "fix the syntax, then retry the edit");
        }
    }

    /** Turns the event stream into nodes, closing collections as their end events arrive. */
    private static final class Builder {
        private final SourceText source;
        private final Deque<Open> open = new ArrayDeque<>();
        private final Map<String, Node> anchors = new HashMap<>();
        private final Map<String, Integer> aliasCounts = new HashMap<>();
        private Node root;
        private int documents;

        private record Open(CollectionStartEvent event, List<Node> children) {
        }

        Builder(SourceText source) {
            this.source = source;
        }

        void accept(Event event) {
            switch (event.getEventId()) {
                case DocumentStart -> {
                    if (++documents > 1) {
                        throw source.refuse(index(event.getStartMark()), "more than one YAML document in the file",
                                "keep a single document (remove the extra '---' section)");
                    }
                }
                case Scalar -> add(scalar((ScalarEvent) event));
                case Alias -> add(alias((AliasEvent) event));
                case MappingStart, SequenceStart -> open.push(new Open((CollectionStartEvent) event, new ArrayList<>()));
                case MappingEnd, SequenceEnd -> add(close(event));
                default -> {
                    // stream and document boundaries and comments carry nothing the editor needs
                }
            }
        }

        private Scalar scalar(ScalarEvent event) {
            int start = index(event.getStartMark());
            int end = index(event.getEndMark());
            if (event.isLiteral() || event.isFolded()) {
                // A block scalar's end mark lies after its final line break; the node ends with its last line.
                end = source.trimTrailingLineBreaks(start, end);
            }
            return new Scalar(event.getValue(), event.isPlain(), start, end, event.getAnchor());
        }

        private Alias alias(AliasEvent event) {
            Node target = anchors.get(event.getAnchor());
            if (target == null) {
                throw source.refuse(index(event.getStartMark()), "not valid YAML: the alias *" + event.getAnchor()
                        + " refers to no anchor before it", "define &" + event.getAnchor() + " before using it");
            }
            aliasCounts.merge(event.getAnchor(), 1, Integer::sum);
            return new Alias(event.getAnchor(), target, index(event.getStartMark()), index(event.getEndMark()));
        }

        private Node close(Event endEvent) {
            Open o = open.pop();
            CollectionStartEvent startEvent = o.event();
            boolean flow = startEvent.isFlow();
            int start = index(startEvent.getStartMark());
            List<Node> children = o.children();
            // Block collections end where their last child ends: SnakeYAML's end mark sits at the next token,
            // after any trailing comments and blank lines, which do not belong to the collection.
            int end = flow || children.isEmpty()
                    ? index(endEvent.getEndMark())
                    : children.get(children.size() - 1).end();
            if (startEvent.getEventId() == Event.ID.MappingStart) {
                List<Entry> entries = new ArrayList<>();
                for (int i = 0; i + 1 < children.size(); i += 2) {
                    entries.add(new Entry(children.get(i), children.get(i + 1)));
                }
                return new Mapping(List.copyOf(entries), flow, start, end, startEvent.getAnchor());
            }
            return new Sequence(List.copyOf(children), flow, start, end, startEvent.getAnchor());
        }

        private void add(Node node) {
            if (node.anchor() != null) {
                anchors.put(node.anchor(), node);
            }
            if (open.isEmpty()) {
                root = node;
            } else {
                open.peek().children().add(node);
            }
        }

        private int index(Mark mark) {
            return source.charIndex(mark.getIndex());
        }
    }
}
