package io.watasu.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Composes YAML text into a node tree (every node keeps its line and column) under hard limits, so that a hostile
 * document costs at most linear time and memory. Text in the plain subset that {@link YamlScanner} handles is composed
 * there; anything else is parsed by SnakeYAML and composed by {@link EventComposer}, with the limits enforced on the
 * parser's event stream, which is where the position of the offending alias or collection is still known.
 */
public final class BoundedYaml {
    private BoundedYaml() {
    }

    /**
     * The composed document.
     *
     * @param root      the root node, or null for an empty document
     * @param nodeCount nodes written in the text (aliases not expanded): the basis of the reader's visit budget
     */
    public record Document(YamlNode root, long nodeCount) {
    }

    /** Why the text is not an acceptable YAML document: one problem, at a 1-based line and column. */
    public record Problem(int line, int column, String message, String fix) {
    }

    /** Thrown when the text is not an acceptable YAML document. */
    public static final class Rejected extends Exception {
        private final transient Problem problem;

        Rejected(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public static Document compose(String text) throws Rejected {
        Document simple = YamlScanner.document(text);
        return simple != null ? simple : composeFromEvents(text);
    }

    /**
     * Composes any YAML text from SnakeYAML's parser events; {@link YamlScanner} must give the same tree for the texts
     * it takes.
     */
    public static Document composeFromEvents(String text) throws Rejected {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(YamlLimits.MAX_INPUT_BYTES);
        WholeTextReader reader = new WholeTextReader(text);
        LimitingParser parser = new LimitingParser(new ParserImpl(reader, options));
        try {
            YamlNode root = new EventComposer(parser, reader, options).singleDocument();
            return new Document(root, parser.nodeCount);
        } catch (LimitExceeded e) {
            throw new Rejected(e.problem);
        } catch (YAMLException e) {
            throw new Rejected(invalidYaml(text, e));
        }
    }

    /** The problem with text that SnakeYAML cannot parse or compose. */
    public static Problem invalidYaml(String text, YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            return syntaxError(marked);
        }
        if (e instanceof ReaderException character) {
            int[] at = WholeTextReader.lineAndColumn(text, character.getPosition());
            return new Problem(at[0] + 1, at[1] + 1,
                    "invalid YAML: the character " + codePoint(character.getCodePoint()) + " is not allowed in YAML",
                    "remove it; in a double-quoted string, write it as an escape such as \\u"
                            + String.format("%04X", character.getCodePoint()));
        }
        return new Problem(1, 1, "invalid YAML: " + e.getMessage(),
                "fix the YAML syntax");
    }

    private static String codePoint(int c) {
        return String.format(c > 0xFFFF ? "U+%06X" : "U+%04X", c);
    }

    private static Problem syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder message = new StringBuilder("invalid YAML: ");
        if (e.getContext() != null) {
            message.append(e.getContext());
            if (e.getContextMark() != null && e.getContextMark().getLine() != mark.getLine()) {
                message.append(" at line ").append(e.getContextMark().getLine() + 1);
            }
            message.append(", ");
        }
        message.append(e.getProblem());
        return problem(mark, message.toString(), "check the indentation and quoting here");
    }

    private static Problem problem(Mark mark, String message, String fix) {
        return mark == null ? new Problem(1, 1, message, fix)
                : new Problem(mark.getLine() + 1, mark.getColumn() + 1, message, fix);
    }

    private static final class LimitExceeded extends RuntimeException {
        private final transient Problem problem;

        LimitExceeded(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    /** Counts aliases, nesting and nodes as events stream by, and stops at the first limit crossed. */
    private static final class LimitingParser implements Parser {
        private final Parser delegate;
        private int aliases;
        private int depth;
        private long nodeCount;

        LimitingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            if (event instanceof AliasEvent) {
                aliases++;
                if (aliases > YamlLimits.MAX_ALIASES) {
                    throw new LimitExceeded(problem(event.getStartMark(),
                            "too many aliases: more than " + YamlLimits.MAX_ALIASES + " in one file",
                            "write the values out instead of referring to anchors"));
                }
            } else if (event instanceof CollectionStartEvent) {
                nodeCount++;
                depth++;
                if (depth > YamlLimits.MAX_NESTING_DEPTH) {
                    throw new LimitExceeded(problem(event.getStartMark(),
                            "nested too deeply: more than " + YamlLimits.MAX_NESTING_DEPTH + " levels",
                            "watasu.yaml needs no more than 7 levels; check the indentation"));
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            } else if (event instanceof ScalarEvent) {
                nodeCount++;
            }
            return event;
        }
    }
}
