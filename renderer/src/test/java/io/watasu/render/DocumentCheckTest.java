package io.watasu.render;

import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;
import io.watasu.testing.Examples;
import io.watasu.testing.RandomPlatforms;
import io.watasu.testing.YamlMutations;
import io.watasu.yaml.YamlScanner;
import org.junit.jupiter.api.Test;

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
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parse-back with the fast reader decides and words every outcome as the check on SnakeYAML's events does. */
class DocumentCheckTest {
    /** One open collection: a mapping alternates key and value; {@code key} is the current key at that level. */
    private static final class Level {
        final boolean mapping;
        boolean expectKey = true;
        String key;

        Level(boolean mapping) {
            this.mapping = mapping;
        }
    }

    private record Rendered(String document, PlannedObject object) {
    }

    private static List<Rendered> rendered() {
        Templates templates = Templates.builtIn();
        List<Rendered> rendered = new ArrayList<>();
        List<PlannedFile> files = new ArrayList<>(
                PolicyPlanner.plan(Examples.load(Examples.exampleFile())).files().toList());
        for (long seed = 1; seed <= 20; seed++) {
            files.addAll(PolicyPlanner.plan(RandomPlatforms.generate(seed)).files().toList());
        }
        for (PlannedFile file : files) {
            for (PlannedObject object : file.objects()) {
                String document = templates.apply(object.template(), object);
                rendered.add(new Rendered(document.endsWith("\n") ? document : document + "\n", object));
            }
        }
        return rendered;
    }

    /** The message of the refusal, or "accepted". */
    private static String outcome(Runnable check) {
        try {
            check.run();
            return "accepted";
        } catch (RenderException e) {
            return e.getMessage();
        }
    }

    @Test
    void mutatedDocumentsGetTheSameOutcomeWithAndWithoutTheFastReader() {
        List<Rendered> rendered = rendered();
        Random random = new Random(42);
        int fastAccepted = 0;
        int refused = 0;
        int checks = 6000;
        for (int i = 0; i < checks; i++) {
            Rendered source = rendered.get(random.nextInt(rendered.size()));
            String document = random.nextInt(5) == 0 ? source.document()
                    : YamlMutations.mutate(source.document(), random);
            // Sometimes the document of another object: kind and name must then be refused.
            PlannedObject object = random.nextInt(4) == 0 ? rendered.get(random.nextInt(rendered.size())).object()
                    : source.object();
            String expected = outcome(() -> checkEvents(document, object));
            assertEquals(expected, outcome(() -> DocumentCheck.check(document, object)), document);
            if (YamlScanner.documents(document) != null) {
                fastAccepted++;
            }
            if (!expected.equals("accepted")) {
                refused++;
            }
        }
        assertTrue(fastAccepted > checks / 5, fastAccepted + " read by the fast reader");
        assertTrue(refused > checks / 5, refused + " refused");
    }

    /** The check written on SnakeYAML's parser events alone, as a reference: an event at a time, in text order. */
    private static void checkEvents(String document, PlannedObject object) {
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
