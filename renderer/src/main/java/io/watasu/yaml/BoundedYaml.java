package io.watasu.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Composes YAML text into a node tree (every node keeps its line and column) under hard limits, so that a hostile
 * document costs at most linear time and memory. Text in the plain subset that {@link YamlScanner} handles is composed
 * there; anything else is parsed by SnakeYAML and composed by {@link EventComposer}, which enforces the limits on the
 * parser's event stream, where the position of the offending alias or collection is still known.
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
        EventComposer composer = new EventComposer(text, EventComposer.Mode.LOADER, YamlLimits.MAX_INPUT_BYTES);
        try {
            return new Document(composer.singleDocument(), composer.nodeCount());
        } catch (YamlRefusal e) {
            throw new IllegalStateException("the loader's composition refuses with SnakeYAML's errors", e);
        } catch (EventComposer.LimitExceeded e) {
            throw new Rejected(e.aliases
                    ? problem(e.mark, "too many aliases: more than " + YamlLimits.MAX_ALIASES + " in one file",
                    "write the values out instead of referring to anchors")
                    : problem(e.mark, "nested too deeply: more than " + YamlLimits.MAX_NESTING_DEPTH + " levels",
                    "watasu.yaml needs no more than 7 levels; check the indentation"));
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
            int c = character.getCodePoint();
            return new Problem(at[0] + 1, at[1] + 1,
                    "invalid YAML: the character " + String.format(c > 0xFFFF ? "U+%06X" : "U+%04X", c)
                            + " is not allowed in YAML",
                    "remove it; in a double-quoted string, write it as an escape such as \\u"
                            + String.format("%04X", character.getCodePoint()));
        }
        return new Problem(1, 1, "invalid YAML: " + e.getMessage(),
                "fix the YAML syntax");
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
}
