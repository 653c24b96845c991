package io.watasu.yaml;

import org.yaml.snakeyaml.error.Mark;

/**
 * Why text that may hold neither aliases nor written tags was refused ({@link ManifestYaml#plainDocuments}): the first
 * alias, tag or syntax error in it, and where it is. The caller words the message: it knows what the text is.
 */
public final class YamlRefusal extends Exception {
    /** What was found first. */
    public enum Reason { ALIAS, TAG, SYNTAX, OTHER }

    private final Reason reason;
    private final int line;
    private final int column;

    /**
     * @param detail SnakeYAML's own words for a syntax error ({@link Reason#SYNTAX}) or any other failure
     *               ({@link Reason#OTHER}); null for an alias or a tag
     * @param line   1-based, or 0 when the position is unknown
     */
    YamlRefusal(Reason reason, String detail, int line, int column) {
        super(detail, null, false, false);
        this.reason = reason;
        this.line = line;
        this.column = column;
    }

    static YamlRefusal of(Reason reason, Mark mark) {
        return new YamlRefusal(reason, null, mark.getLine() + 1, mark.getColumn() + 1);
    }

    public Reason reason() {
        return reason;
    }

    /** SnakeYAML's words for the problem; null for an alias or a tag. */
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
}
