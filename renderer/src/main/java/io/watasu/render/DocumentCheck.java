package io.watasu.render;

import io.watasu.plan.PlannedObject;
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
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses one rendered document back with SnakeYAML's parser and checks that it is a single YAML mapping of the
 * planned kind and name, without aliases or explicit tags (nothing a template override could use to make a reader
 * build something else). Works on parser events: a full load would build maps that are thrown away, which
 * costs more than rendering itself on large platforms.
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
        String kind = null;
        String name = null;
        int documents = 0;
        boolean topIsMapping = false;
        Deque<Level> levels = new ArrayDeque<>();
        try {
            Parser parser = new ParserImpl(new StreamReader(document), new LoaderOptions());
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
