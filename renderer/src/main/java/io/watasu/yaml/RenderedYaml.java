package io.watasu.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader of the YAML that watasu's templates write, building the very node trees SnakeYAML's composer builds
 * from the same text (kinds, values, tags from the same resolver, styles, marks), several times faster. It accepts
 * only a conservative subset and declines everything else by returning null, so that the caller composes the text with
 * SnakeYAML as before; it must never accept text SnakeYAML rejects or composes differently.
 *
 * <p>The subset: documents separated by lines that are exactly {@code ---}, each a block mapping starting at column 0;
 * block mapping entries {@code key: value} and {@code key:} (a nested block mapping indented deeper, an indentless
 * {@code - } sequence at the key's column, or nothing); sequence items {@code - value} and {@code - key: value ...};
 * one-line flow mappings and sequences with exactly {@code ": "} and {@code ", "} between parts; plain scalars of a
 * narrow alphabet (block mapping values also with single inner spaces); one-line double-quoted scalars with the
 * escapes {@link YamlStrings#doubleQuoted} writes; full-line comments and blank lines; LF line breaks only, the text
 * ending in one. Declined, among others: tabs, trailing spaces, comments after content, anchors, aliases, tags, single
 * quotes, block scalars, multi-line scalars, {@code ?} keys, directives and document markers other than a separator
 * line, non-ASCII text outside double quotes, very long keys or texts, deep nesting (SnakeYAML's composer limits
 * depth).
 */
public final class RenderedYaml {
    private static final int MAX_LENGTH = 1_000_000;
    /** SnakeYAML refuses simple keys longer than 1024 characters. */
    private static final int MAX_KEY_LENGTH = 1000;
    /** SnakeYAML's composer refuses nodes nested more than 50 deep. */
    private static final int MAX_DEPTH = 40;
    /** SnakeYAML names a string input this way in its marks. */
    private static final String MARK_NAME = "'string'";
    /** Marks need a buffer only to quote a snippet in error messages; trees never go into one. */
    private static final int[] NO_SNIPPET = new int[0];

    private final String text;
    /** The text's characters: array reads are cheaper than {@code String.charAt} under a C1-only JIT. */
    private final char[] chars;
    private final Resolver resolver = ManifestYaml.RESOLVER;
    /** The current content line: its first character, its number and its indentation. */
    private int lineStart;
    private int line;
    private int indent;
    /** Index in the text of the character being read, on the current line. */
    private int pos;
    private int depth;

    private RenderedYaml(String text) {
        this.text = text;
        this.chars = text.toCharArray();
    }

    /** The documents of {@code text} as SnakeYAML composes them with the manifest resolver, or null if declined. */
    public static List<Node> documents(String text) {
        // Ending in a line break, the end of the text is at the start of a line, as marks there expect.
        if (text.length() > MAX_LENGTH || !text.endsWith("\n")) {
            return null;
        }
        try {
            return new RenderedYaml(text).stream();
        } catch (Declined declined) {
            return null;
        }
    }

    /** Thrown to give up; carries no stack trace, as declining is an ordinary outcome. */
    private static final class Declined extends RuntimeException {
        private static final Declined INSTANCE = new Declined();

        private Declined() {
            super(null, null, false, false);
        }
    }

    private static Declined decline() {
        return Declined.INSTANCE;
    }

    private List<Node> stream() {
        List<Node> documents = new ArrayList<>();
        if (!toContent(0, 0)) {
            throw decline();
        }
        while (true) {
            if (indent != 0 || isSeparator()) {
                throw decline();
            }
            pos = lineStart;
            documents.add(blockMapping(null));
            if (atEnd()) {
                return documents;
            }
            if (!isSeparator() || !toContent(lineEnd(lineStart) + 1, line + 1)) {
                throw decline();
            }
        }
    }

    // ---- lines

    private boolean atEnd() {
        return lineStart >= chars.length;
    }

    private int lineEnd(int start) {
        int end = text.indexOf('\n', start);
        return end < 0 ? chars.length : end;
    }

    /**
     * Moves to the first line at or after {@code start} (line number {@code number}) with content other than blanks
     * and comments; false when the text ends first (the position is then the end of the text).
     */
    private boolean toContent(int start, int number) {
        int at = start;
        int n = number;
        while (at < chars.length) {
            int column = 0;
            while (at + column < chars.length && chars[at + column] == ' ') {
                column++;
            }
            int first = at + column;
            if (first < chars.length && chars[first] != '\n' && chars[first] != '#') {
                lineStart = at;
                line = n;
                indent = column;
                return true;
            }
            int end = lineEnd(first);
            for (int i = first; i < end; i++) {
                char c = chars[i];
                if (c < 0x20 || c > 0x7e) {
                    throw decline();
                }
            }
            if (end == chars.length) {
                at = end;
                break;
            }
            at = end + 1;
            n++;
        }
        lineStart = at;
        line = n;
        indent = 0;
        return false;
    }

    /** Moves past the end of the current line, which must have been read up to its end, to the next content. */
    private void nextLine() {
        if (pos < chars.length && chars[pos] != '\n') {
            throw decline();
        }
        toContent(pos + 1, line + 1);
    }

    private boolean isSeparator() {
        return !atEnd() && indent == 0 && text.startsWith("---", lineStart)
                && (lineStart + 3 == chars.length || chars[lineStart + 3] == '\n');
    }

    /** True when the current line (at its indentation) starts a block sequence item. */
    private boolean isItem() {
        int first = lineStart + indent;
        return first + 1 < chars.length && chars[first] == '-' && chars[first + 1] == ' ';
    }

    private Mark mark(int index) {
        return new Mark(MARK_NAME, index, line, index - lineStart, NO_SNIPPET, 0);
    }

    /** Where the next token starts: the current content line's first character, or the end of the text. */
    private Mark nextTokenMark() {
        return mark(atEnd() ? chars.length : lineStart + indent);
    }

    private char at(int index) {
        return index < chars.length ? chars[index] : '\n';
    }

    // ---- block structures

    /**
     * A block mapping whose first key starts at {@code pos} on the current line, or is {@code firstKey} when the
     * caller has already read it (then {@code pos} is at its colon); the key's column is the mapping's indentation.
     */
    private MappingNode blockMapping(ScalarNode firstKey) {
        enter();
        Mark start = firstKey != null ? firstKey.getStartMark() : mark(pos);
        int column = start.getColumn();
        List<NodeTuple> entries = new ArrayList<>();
        ScalarNode key = firstKey;
        while (true) {
            if (key == null) {
                int keyStart = pos;
                key = scalar(false);
                if (at(pos) != ':' || pos - keyStart > MAX_KEY_LENGTH) {
                    throw decline();
                }
            }
            pos++; // the ':'
            Node value;
            if (at(pos) == ' ') {
                pos++;
                value = inlineValue();
                nextLine();
            } else if (at(pos) == '\n') {
                Mark afterColon = mark(pos);
                nextLine();
                if (!atEnd() && !isSeparator() && indent > column) {
                    pos = lineStart + indent;
                    if (isItem()) {
                        throw decline(); // a sequence indented deeper than its key: not what templates write
                    }
                    value = blockMapping(null);
                } else if (!atEnd() && !isSeparator() && indent == column && isItem()) {
                    value = indentlessSequence();
                } else {
                    value = scalarNode("", true, afterColon, afterColon);
                }
            } else {
                throw decline();
            }
            entries.add(new NodeTuple(key, value));
            if (atEnd() || isSeparator() || indent < column) {
                break;
            }
            if (indent > column || isItem()) {
                throw decline();
            }
            pos = lineStart + indent;
            key = null;
        }
        leave();
        return new MappingNode(resolver.resolve(NodeId.mapping, null, true), true, entries, start, nextTokenMark(),
                DumperOptions.FlowStyle.BLOCK);
    }

    /** Items {@code - ...} at the current line's indentation, which is also that of the mapping holding them. */
    private SequenceNode indentlessSequence() {
        enter();
        int column = indent;
        Mark start = mark(lineStart + indent);
        List<Node> items = new ArrayList<>();
        while (true) {
            pos = lineStart + indent + 2;
            char first = at(pos);
            if (first == '{' || first == '[') {
                items.add(flowCollection());
                nextLine();
            } else {
                int itemStart = pos;
                ScalarNode scalar = scalar(false);
                if (at(pos) == ':' && (at(pos + 1) == ' ' || at(pos + 1) == '\n')) {
                    if (pos - itemStart > MAX_KEY_LENGTH) {
                        throw decline();
                    }
                    items.add(blockMapping(scalar));
                } else {
                    if (first != '"') {
                        pos = itemStart;
                        scalar = scalar(true);
                    }
                    items.add(scalar);
                    nextLine();
                }
            }
            if (atEnd() || isSeparator() || indent < column) {
                break;
            }
            if (indent > column) {
                throw decline();
            }
            if (!isItem()) {
                break; // the next key of the mapping holding the sequence
            }
        }
        leave();
        return new SequenceNode(resolver.resolve(NodeId.sequence, null, true), true, items, start, nextTokenMark(),
                DumperOptions.FlowStyle.BLOCK);
    }

    /** A mapping value on the key's line: a flow collection or a scalar, ending the line. */
    private Node inlineValue() {
        char first = at(pos);
        if (first == '{' || first == '[') {
            return flowCollection();
        }
        return scalar(true);
    }

    // ---- flow collections

    private Node flowCollection() {
        enter();
        Mark start = mark(pos);
        boolean mapping = chars[pos] == '{';
        char close = mapping ? '}' : ']';
        pos++;
        List<NodeTuple> entries = new ArrayList<>();
        List<Node> items = new ArrayList<>();
        if (at(pos) != close) {
            while (true) {
                if (mapping) {
                    int keyStart = pos;
                    ScalarNode key = flowScalar();
                    if (at(pos) != ':' || at(pos + 1) != ' ' || pos - keyStart > MAX_KEY_LENGTH) {
                        throw decline();
                    }
                    pos += 2;
                    entries.add(new NodeTuple(key, flowValue()));
                } else {
                    items.add(flowValue());
                }
                if (at(pos) == close) {
                    break;
                }
                if (at(pos) != ',' || at(pos + 1) != ' ') {
                    throw decline();
                }
                pos += 2;
            }
        }
        pos++;
        Mark end = mark(pos);
        leave();
        if (mapping) {
            return new MappingNode(resolver.resolve(NodeId.mapping, null, true), true, entries, start, end,
                    DumperOptions.FlowStyle.FLOW);
        }
        return new SequenceNode(resolver.resolve(NodeId.sequence, null, true), true, items, start, end,
                DumperOptions.FlowStyle.FLOW);
    }

    private Node flowValue() {
        char first = at(pos);
        return first == '{' || first == '[' ? flowCollection() : flowScalar();
    }

    /** A scalar inside a flow collection: it must be followed by one of {@code :,]}} (checked by the caller). */
    private ScalarNode flowScalar() {
        ScalarNode scalar = at(pos) == '"' ? doubleQuoted() : plain(false);
        char next = at(pos);
        if (next != ':' && next != ',' && next != ']' && next != '}') {
            throw decline();
        }
        return scalar;
    }

    // ---- scalars

    /**
     * A double-quoted scalar, or a plain one: of the key alphabet when {@code toLineEnd} is false, else running to
     * the end of the line and allowed also {@code =}, and {@code :} or single spaces before a letter, digit or slash.
     */
    private ScalarNode scalar(boolean toLineEnd) {
        if (at(pos) == '"') {
            ScalarNode scalar = doubleQuoted();
            if (toLineEnd && at(pos) != '\n') {
                throw decline();
            }
            return scalar;
        }
        ScalarNode scalar = plain(toLineEnd);
        if (toLineEnd && at(pos) != '\n') {
            throw decline();
        }
        return scalar;
    }

    private ScalarNode plain(boolean blockValue) {
        int start = pos;
        if (!isPlainFirst(at(pos))) {
            throw decline();
        }
        pos++;
        while (true) {
            char c = at(pos);
            if (isPlainNext(c) || (blockValue && (c == '=' || ((c == ':' || c == ' ') && isPlainFirst(at(pos + 1)))))) {
                pos++;
            } else {
                break;
            }
        }
        String value = text.substring(start, pos);
        return scalarNode(value, true, mark(start), mark(pos));
    }

    private static boolean isPlainFirst(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/';
    }

    private static boolean isPlainNext(char c) {
        return isPlainFirst(c) || c == '.' || c == '_' || c == '-';
    }

    private ScalarNode doubleQuoted() {
        int start = pos;
        pos++;
        StringBuilder escaped = null; // only when there are escapes
        int chunk = pos;
        while (true) {
            char c = at(pos);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (escaped == null) {
                    escaped = new StringBuilder();
                }
                escaped.append(chars, chunk, pos - chunk).append(escape());
                chunk = pos;
            } else if (isQuotable(c)) {
                pos++;
            } else {
                throw decline();
            }
        }
        String value = escaped == null ? text.substring(chunk, pos)
                : escaped.append(chars, chunk, pos - chunk).toString();
        pos++;
        return new ScalarNode(resolver.resolve(NodeId.scalar, value, false), true, value, mark(start), mark(pos),
                DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    /** Printable for SnakeYAML and not a line break, BOM or half of a surrogate pair; no tabs. */
    private static boolean isQuotable(char c) {
        return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c < 0xd800 && c != 0x2028 && c != 0x2029)
                || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff);
    }

    private char escape() {
        char kind = at(pos + 1);
        pos += 2;
        switch (kind) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'N':
                return '\u0085';
            case 'L':
                return '\u2028';
            case 'P':
                return '\u2029';
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(at(pos + i), 16);
                    if (digit < 0 || at(pos + i) > 'f') {
                        throw decline();
                    }
                    code = code * 16 + digit;
                }
                pos += 4;
                if (code >= 0xd800 && code <= 0xdfff) {
                    throw decline();
                }
                return (char) code;
            default:
                throw decline();
        }
    }

    private ScalarNode scalarNode(String value, boolean plain, Mark start, Mark end) {
        return new ScalarNode(resolver.resolve(NodeId.scalar, value, plain), true, value, start, end,
                plain ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw decline();
        }
    }

    private void leave() {
        depth--;
    }
}
