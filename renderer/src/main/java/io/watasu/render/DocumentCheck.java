package io.watasu.render;

import io.watasu.plan.PlannedObject;
import io.watasu.yaml.RenderedYaml;
import io.watasu.yaml.WholeTextReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Parses one rendered document back and checks that it is a single YAML mapping of the planned kind and name, without
 * aliases or explicit tags (nothing a template override could use to make a reader build something else).
 *
 * <p>The YAML the built-in templates write is read by {@link RenderedYaml}, which builds exactly SnakeYAML's tree and
 * has no aliases or tags; whatever it declines, and any document that fails the check on its tree, goes through
 * SnakeYAML's parser, whose events decide and word every refusal. The events are checked as they come: a full load
 * would build maps that are thrown away.
 */
final class DocumentCheck {
    /** One open collection: a mapping alternates key and value; {@code key} is the current key at that level. */
    private static final class Level {
        final boolean mapping;
        boolean expectKey = true;
        String key;

        Level(boolean mapping) {
            this.mapping = mapping;
        }
    }

    private DocumentCheck() {
    }

    static void check(String document, PlannedObject object) {
        if (!isExpectedObject(RenderedYaml.documents(document), object)) {
            checkEvents(document, object);
        }
    }

    /**
     * True when {@code documents} (null if declined) is one mapping whose top-level {@code kind} and
     * {@code metadata.name}, as the event check reads them (the last scalar value wins), are the planned ones.
     */
    private static boolean isExpectedObject(List<Node> documents, PlannedObject object) {
        if (documents == null || documents.size() != 1 || !(documents.get(0) instanceof MappingNode top)) {
            return false;
        }
        String kind = null;
        String name = null;
        for (NodeTuple entry : top.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                return false;
            }
            if (key.getValue().equals("kind") && entry.getValueNode() instanceof ScalarNode value) {
                kind = value.getValue();
            } else if (key.getValue().equals("metadata") && entry.getValueNode() instanceof MappingNode metadata) {
                for (NodeTuple field : metadata.getValue()) {
                    if (!(field.getKeyNode() instanceof ScalarNode fieldKey)) {
                        return false;
                    }
                    if (fieldKey.getValue().equals("name") && field.getValueNode() instanceof ScalarNode value) {
                        name = value.getValue();
                    }
                }
            }
        }
        return object.kind().equals(kind) && object.name().equals(name);
    }

    /** The check on SnakeYAML's parser events alone; package-private for the test that compares both ways. */
    static void checkEvents(String document, PlannedObject object) {
        String kind = null;
        String name = null;
        int documents = 0;
        boolean topIsMapping = false;
        Deque<Level> levels = new ArrayDeque<>();
        try {
            Parser parser = new ParserImpl(new WholeTextReader(document), new LoaderOptions());
            while (parser.peekEvent() != null) {
                Event event = parser.getEvent();
                if (event instanceof DocumentStartEvent) {
                    documents++;
                } else if (event instanceof AliasEvent) {
                    throw problem(object, "YAML with an alias", event.getStartMark());
                } else if (event instanceof NodeEvent node && hasExplicitTag(node)) {
                    throw problem(object, "YAML with an explicit tag", event.getStartMark());
                }
                if (event instanceof CollectionStartEvent) {
                    if (levels.isEmpty()) {
                        topIsMapping = event instanceof MappingStartEvent;
                    }
                    advance(levels);
                    levels.push(new Level(event instanceof MappingStartEvent));
                } else if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
                    levels.pop();
                } else if (event instanceof ScalarEvent scalar) {
                    Level level = levels.peek();
                    if (level != null && level.mapping && level.expectKey) {
                        level.key = scalar.getValue();
                    } else if (levels.size() == 1 && "kind".equals(level.key)) {
                        kind = scalar.getValue();
                    } else if (levels.size() == 2 && "name".equals(level.key) && isMetadata(levels)) {
                        name = scalar.getValue();
                    }
                    advance(levels);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw problem(object, "invalid YAML (" + e.getProblem() + ")", mark);
        } catch (YAMLException e) {
            throw new RenderException("template " + object.template() + " produced invalid YAML for " + object.kind()
                    + " " + object.name() + ": " + e.getMessage());
        }
        if (documents != 1 || !topIsMapping || !object.kind().equals(kind) || !object.name().equals(name)) {
            throw new RenderException("template " + object.template() + " must render one " + object.kind()
                    + " named " + object.name() + " with kind and metadata.name set");
        }
    }

    /** After a complete value, a mapping expects its next key. */
    private static void advance(Deque<Level> levels) {
        Level level = levels.peek();
        if (level != null && level.mapping) {
            level.expectKey = !level.expectKey;
        }
    }

    /** True when the second level is the value of the top-level key {@code metadata}. */
    private static boolean isMetadata(Deque<Level> levels) {
        return "metadata".equals(levels.peekLast().key);
    }

    /** The parser reports a tag only when the text wrote one. */
    private static boolean hasExplicitTag(NodeEvent node) {
        if (node instanceof ScalarEvent scalar) {
            return scalar.getTag() != null;
        }
        return node instanceof CollectionStartEvent collection && collection.getTag() != null;
    }

    private static RenderException problem(PlannedObject object, String what, Mark mark) {
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                + " of its output";
        return new RenderException("template " + object.template() + " produced " + what + " for " + object.kind()
                + " " + object.name() + where);
    }
}
