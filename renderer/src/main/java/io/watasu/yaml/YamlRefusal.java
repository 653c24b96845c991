package io.watasu.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Why a text was refused by {@link ManifestYaml#plainDocuments} or {@link EditableYaml#document}: what was found, in
 * SnakeYAML's words where it has some, and where. The caller words the message: it knows what the text is.
 */
public final class YamlRefusal extends Exception {
    /** What was found first. */
    public enum Reason {
        /** An alias, where none may be. */
        ALIAS,
        /** A written tag, where none may be. */
        TAG,
        /** An alias to an anchor not defined before it; {@link #detail()} is its name. */
        UNDEFINED_ALIAS,
        /** A second document, where one is expected. */
        SECOND_DOCUMENT,
        /** A character YAML does not allow: {@link #codePoint()}. */
        CHARACTER,
        /** A syntax error; {@link #detail()} is SnakeYAML's description of the problem. */
        SYNTAX,
        /** Anything else; {@link #detail()} is SnakeYAML's message. */
        OTHER
    }

    private final Reason reason;
    private final int line;
    private final int column;
    private final int index;
    private final int codePoint;

    private YamlRefusal(Reason reason, String detail, int line, int column, int index, int codePoint) {
        super(detail, null, false, false);
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.index = index;
        this.codePoint = codePoint;
    }

    /** A refusal at a mark of {@code reader}'s text. */
    static YamlRefusal at(Reason reason, String detail, Mark mark, WholeTextReader reader) {
        return mark == null ? new YamlRefusal(reason, detail, 0, 0, -1, 0)
                : new YamlRefusal(reason, detail, mark.getLine() + 1, mark.getColumn() + 1,
                reader.charIndex(mark.getIndex()), 0);
    }

    /** The refusal for SnakeYAML's exception while reading {@code text} through {@code reader}. */
    static YamlRefusal of(YAMLException e, String text, WholeTextReader reader) {
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            return at(Reason.SYNTAX, marked.getProblem(), mark, reader);
        }
        if (e instanceof ReaderException character) {
            int[] at = WholeTextReader.lineAndColumn(text, character.getPosition());
            return new YamlRefusal(Reason.CHARACTER, e.getMessage(), at[0] + 1, at[1] + 1,
                    reader.charIndex(character.getPosition()), character.getCodePoint());
        }
        return new YamlRefusal(Reason.OTHER, e.getMessage(), 0, 0, -1, 0);
    }

    public Reason reason() {
        return reason;
    }

    /** SnakeYAML's words for the problem (see {@link Reason}); null when it has none. */
    public String detail() {
        return getMessage();
    }

    /** 1-based; 0 when the position is unknown. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The index in the text of the character where the problem is; -1 when unknown. */
    public int index() {
        return index;
    }

    /** The character YAML does not allow, for {@link Reason#CHARACTER}. */
    public int codePoint() {
        return codePoint;
    }
}
