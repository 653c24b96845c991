package io.watasu.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * The fast composer for the plain subset of YAML that watasu.yaml files and watasu's rendered manifests use, several
 * times faster than SnakeYAML's parser. For every text it takes, the tree is the one SnakeYAML composes (values, tags,
 * positions; checked by differential and mutation tests); it gives up (returns null) on anything else, and the caller
 * composes the text with SnakeYAML.
 *
 * <p>The subset: block mappings starting at column 1 (several, between lines that are exactly {@code ---}, when
 * documents are asked for), one key per line ({@code key: value}, or {@code key:} followed by a deeper block mapping,
 * a block list indented or not, or nothing); list items {@code - value} and {@code - key: value} (a block mapping
 * inside the item); single-line plain, single-quoted and double-quoted scalars (with the escapes
 * {@link YamlStrings#doubleQuoted} writes); single-line flow mappings and lists; comments, blank lines, LF or CRLF line
 * breaks. Outside it, among others: anchors, aliases, tags, block scalars, multi-line scalars, nested lists
 * ({@code - - x}), {@code ?} keys, directives and document markers other than a separator line, tabs, a lone carriage
 * return, characters beyond the Basic Multilingual Plane (so a character index is also SnakeYAML's code point index),
 * keys near SnakeYAML's 1024-character limit, nesting deeper than {@link YamlLimits#MAX_NESTING_DEPTH}.
 */
public final class YamlScanner {
    /** SnakeYAML does not accept an implicit key longer than 1024 characters; stay well clear of that rule. */
    private static final int MAX_KEY_LENGTH = 1000;
    /** What, after a colon in a flow collection, makes the colon a value indicator. */
    private static final String FLOW_BREAKS = " \t\r\n,[]{}";

    private final String text;
    /** The text's characters: array reads are cheaper than {@code String.charAt} before the JIT's second tier. */
    private final char[] chars;
    private final int length;
    private final boolean manyDocuments;
    private int pos;
    private int line = 1;
    private int lineStart;
    private long nodeCount;
    private final List<YamlNode> documents = new ArrayList<>(1);

    // The open block collections of the current document, innermost last, with the indentation of their keys or '-'.
    private final YamlNode[] open = new YamlNode[YamlLimits.MAX_NESTING_DEPTH];
    private final int[] indents = new int[YamlLimits.MAX_NESTING_DEPTH];
    private int depth;
    private YamlNode.Mapping root;
    // A key written as "key:" with nothing after it: its value is a nested collection or, if none follows, null.
    private YamlNode.Scalar pendingKey;
    private int pendingIndent;
    private int pendingLine;
    private int pendingColumn;
    private int pendingIndex;

    private YamlScanner(String text, boolean manyDocuments) {
        this.text = text;
        this.chars = text.toCharArray();
        this.length = chars.length;
        this.manyDocuments = manyDocuments;
    }

    /** The composed single document, or null when the text is outside the subset (a {@code ---} line included). */
    public static BoundedYaml.Document document(String text) {
        YamlScanner scanner = new YamlScanner(text, false);
        return scanner.compose() ? new BoundedYaml.Document(scanner.documents.get(0), scanner.nodeCount) : null;
    }

    /** The composed documents, separated by {@code ---} lines, or null when the text is outside the subset. */
    public static List<YamlNode> documents(String text) {
        YamlScanner scanner = new YamlScanner(text, true);
        return scanner.compose() ? scanner.documents : null;
    }

    private boolean compose() {
        try {
            while (pos < length) {
                composeLine();
            }
            endDocument();
            return true;
        } catch (OutsideSubset e) {
            return false;
        }
    }

    /** Thrown to give up; preallocated, as giving up is an expected outcome, not an error. */
    private static final class OutsideSubset extends Exception {
        private OutsideSubset() {
            super(null, null, false, false);
        }
    }

    private static final OutsideSubset OUTSIDE = new OutsideSubset();

    // ---- lines and block collections

    /** One line; a method of its own so that the JIT compiles it after a few lines of a large file. */
    private void composeLine() throws OutsideSubset {
        int indent = skipSpaces();
        if (lineEndsAt(pos) || chars[pos] == '#') {
            skipComment();
            endLine();
            return;
        }
        if (manyDocuments && indent == 0 && isSeparator()) {
            endDocument();
            pos += 3;
            endLine();
            return;
        }
        boolean listItem = isListItem(pos);
        if (pendingKey != null) {
            if (listItem && indent >= pendingIndent) {
                // A block list, indented under its key or not ("key:\n- item" is a list too).
                open(pendingKey, new YamlNode.Sequence(line, indent + 1, pos, null, YamlNode.Style.BLOCK,
                        YamlTag.SEQ, 4), indent);
            } else if (indent > pendingIndent) {
                open(pendingKey, new YamlNode.Mapping(line, indent + 1, pos, null, YamlNode.Style.BLOCK,
                        YamlTag.MAP, 4), indent);
            } else {
                addToMapping(pendingKey, emptyScalar());
            }
            pendingKey = null;
        } else if (root == null) {
            if (indent != 0) {
                throw OUTSIDE;
            }
            root = new YamlNode.Mapping(line, 1, pos, null, YamlNode.Style.BLOCK, YamlTag.MAP, 4);
            push(root, 0);
        } else if (indent > indents[depth - 1]) {
            throw OUTSIDE; // a continuation line of a scalar, or an error SnakeYAML should word
        }
        while (depth > 0 && indents[depth - 1] > indent) {
            close();
        }
        if (depth > 0 && open[depth - 1] instanceof YamlNode.Sequence && !listItem) {
            close(); // the end of a list written at its key's indentation
        }
        if (depth == 0 || indents[depth - 1] != indent) {
            throw OUTSIDE;
        }
        if (listItem) {
            listItem();
        } else if (indent == 0 && (text.startsWith("---", pos) || text.startsWith("...", pos))) {
            throw OUTSIDE;
        } else {
            YamlNode.Scalar key = key();
            if (key == null) {
                throw OUTSIDE;
            }
            valueOf(key, indent);
        }
        skipComment();
        endLine();
    }

    /** "- value" or "- key: ..." in the innermost open collection, which must be a list. */
    private void listItem() throws OutsideSubset {
        if (!(open[depth - 1] instanceof YamlNode.Sequence sequence)) {
            throw OUTSIDE;
        }
        pos += 2;
        skipSpaces();
        if (lineEndsAt(pos) || chars[pos] == '#') {
            throw OUTSIDE; // an empty item
        }
        int keyIndent = pos - lineStart;
        YamlNode.Scalar key = key();
        if (key == null) {
            sequence.items().add(value(depth, false));
            return;
        }
        // A block mapping in the item, its keys at the first key's column.
        YamlNode.Mapping mapping = new YamlNode.Mapping(key.line(), key.column(), key.start(), null,
                YamlNode.Style.BLOCK, YamlTag.MAP, 4);
        sequence.items().add(mapping);
        push(mapping, keyIndent);
        valueOf(key, keyIndent);
    }

    /** After {@code key} and at its colon: the value on the same line, or none yet ("key:" alone). */
    private void valueOf(YamlNode.Scalar key, int indent) throws OutsideSubset {
        pos++;
        int colonEnd = pos;
        skipSpaces();
        if (lineEndsAt(pos) || chars[pos] == '#') {
            pendingKey = key;
            pendingIndent = indent;
            pendingLine = line;
            pendingColumn = colonEnd - lineStart + 1;
            pendingIndex = colonEnd;
        } else {
            addToMapping(key, value(depth, false));
        }
    }

    /** Makes a block collection the value of the key and the innermost open collection. */
    private void open(YamlNode.Scalar key, YamlNode collection, int indent) throws OutsideSubset {
        addToMapping(key, collection);
        push(collection, indent);
    }

    /** Makes a block collection, its keys or '-' at {@code indent}, the innermost open collection. */
    private void push(YamlNode collection, int indent) throws OutsideSubset {
        if (depth == open.length) {
            throw OUTSIDE;
        }
        nodeCount++;
        open[depth] = collection;
        indents[depth] = indent;
        depth++;
    }

    /** Closes the innermost open collection: a block collection ends where its last value ends. */
    private void close() {
        YamlNode collection = open[--depth];
        YamlNode last = collection instanceof YamlNode.Mapping mapping
                ? mapping.entries().get(mapping.entries().size() - 1).value()
                : ((YamlNode.Sequence) collection).items().get(((YamlNode.Sequence) collection).items().size() - 1);
        collection.end(last.end());
    }

    private void endDocument() throws OutsideSubset {
        if (root == null) {
            throw OUTSIDE; // no document, or an empty one
        }
        if (pendingKey != null) {
            addToMapping(pendingKey, emptyScalar());
            pendingKey = null;
        }
        while (depth > 0) {
            close();
        }
        documents.add(root);
        root = null;
    }

    private void addToMapping(YamlNode.Scalar key, YamlNode value) {
        ((YamlNode.Mapping) open[depth - 1]).entries().add(new YamlNode.Entry(key, value));
    }

    /** A line that is exactly "---" (the position at its start, which is column 1). */
    private boolean isSeparator() {
        return pos + 2 < length && chars[pos] == '-' && chars[pos + 1] == '-' && chars[pos + 2] == '-'
                && lineEndsAt(pos + 3);
    }

    private boolean isListItem(int at) {
        return at + 1 < length && chars[at] == '-' && chars[at + 1] == ' ';
    }

    // ---- keys and values

    /**
     * A key (letters, digits and "-_./", not starting with '-'; or a quoted scalar on one line), with the position at
     * the colon after it; null, with the position unchanged, when there is no key and colon here.
     */
    private YamlNode.Scalar key() throws OutsideSubset {
        int start = pos;
        long count = nodeCount;
        YamlNode.Scalar key = null;
        if (pos < length && (chars[pos] == '"' || chars[pos] == '\'')) {
            key = quotedScalar();
        } else {
            while (pos < length && isKeyChar(chars[pos])) {
                pos++;
            }
            if (pos > start && chars[start] != '-') {
                key = scalar(start, pos);
            }
        }
        if (key == null || !isValueIndicator(pos)) {
            pos = start;
            nodeCount = count;
            return null;
        }
        if (pos - start > MAX_KEY_LENGTH) {
            throw OUTSIDE;
        }
        return key;
    }

    /** A colon followed by a space or the end of the line. */
    private boolean isValueIndicator(int at) {
        return at < length && chars[at] == ':' && (lineEndsAt(at + 1) || chars[at + 1] == ' ');
    }

    /**
     * A value on this line: after "key: " or "- " ({@code flow} false), or an entry of a flow collection, which ends at
     * a comma or closing bracket.
     */
    private YamlNode value(int depth, boolean flow) throws OutsideSubset {
        if (pos == length) {
            throw OUTSIDE;
        }
        char first = chars[pos];
        if (first == '{' || first == '[' || first == '"' || first == '\'') {
            YamlNode value = first == '{' || first == '[' ? flowCollection(depth + 1) : quotedScalar();
            if (!flow && pos < length && chars[pos] != ' ' && !lineEndsAt(pos)) {
                throw OUTSIDE; // after "key: " it must be followed by a space, a comment after one, or the line's end
            }
            skipSpaces();
            return value;
        }
        if (!startsPlainScalar(first)) {
            throw OUTSIDE;
        }
        int start = pos;
        int end = pos;
        while (!lineEndsAt(pos)) {
            char c = chars[pos];
            if (flow && (c == ',' || c == ']' || c == '}')) {
                break;
            }
            if (c == '#' && !flow && chars[pos - 1] == ' ') {
                break; // a comment: the scalar ends before the spaces in front of it
            }
            // A colon belongs to the scalar (a URL, a port after a host) unless what follows would make it a value
            // indicator: SnakeYAML then reads a mapping, or rejects the text. In a flow collection SnakeYAML ends a
            // plain scalar at '?' too (then rejects what follows).
            if (c == '#' || flow && (c == '?' || c == '[' || c == '{') || !isPrintable(c)
                    || c == ':' && (lineEndsAt(pos + 1) || (flow ? FLOW_BREAKS : " ").indexOf(chars[pos + 1]) >= 0)) {
                throw OUTSIDE;
            }
            pos++;
            if (c != ' ') {
                end = pos;
            }
        }
        return scalar(start, end);
    }

    // ---- flow collections

    /** A flow mapping or list, all on this line, holding scalars and flow collections. */
    private YamlNode flowCollection(int depth) throws OutsideSubset {
        if (depth > YamlLimits.MAX_NESTING_DEPTH) {
            throw OUTSIDE;
        }
        char close = chars[pos] == '{' ? '}' : ']';
        YamlNode collection = close == '}'
                ? new YamlNode.Mapping(line, column(), pos, null, YamlNode.Style.FLOW, YamlTag.MAP, 4)
                : new YamlNode.Sequence(line, column(), pos, null, YamlNode.Style.FLOW, YamlTag.SEQ, 4);
        pos++;
        nodeCount++;
        if (flowEntriesStart(close)) {
            do {
                if (collection instanceof YamlNode.Mapping mapping) {
                    YamlNode.Scalar key = key();
                    if (key == null || pos + 1 == length || chars[pos + 1] != ' ') {
                        throw OUTSIDE;
                    }
                    pos += 2;
                    skipSpaces();
                    mapping.entries().add(new YamlNode.Entry(key, value(depth, true)));
                } else {
                    ((YamlNode.Sequence) collection).items().add(value(depth, true));
                }
            } while (flowEntryFollows(close));
        }
        collection.end(pos);
        return collection;
    }

    /** After the opening bracket: false (and past the closing one) when the collection is empty. */
    private boolean flowEntriesStart(char close) {
        skipSpaces();
        if (pos < length && chars[pos] == close) {
            pos++;
            return false;
        }
        return true;
    }

    /** After an entry: true after a comma with another entry following, false after the closing bracket. */
    private boolean flowEntryFollows(char close) throws OutsideSubset {
        skipSpaces();
        if (pos < length && chars[pos] == ',') {
            pos++;
            skipSpaces();
            if (pos < length && chars[pos] == close) {
                throw OUTSIDE; // a trailing comma
            }
            return true;
        }
        if (pos < length && chars[pos] == close) {
            pos++;
            return false;
        }
        throw OUTSIDE;
    }

    // ---- scalars

    /**
     * A single- or double-quoted scalar on one line: a string whatever its text. Of the escapes, a doubled single
     * quote, and in double quotes those {@link YamlStrings#doubleQuoted} writes.
     */
    private YamlNode.Scalar quotedScalar() throws OutsideSubset {
        char quote = chars[pos];
        int start = pos;
        int column = column();
        pos++;
        StringBuilder unescaped = null; // only when there are escapes
        int chunk = pos;
        while (true) {
            if (pos == length) {
                throw OUTSIDE;
            }
            char c = chars[pos];
            if (!isPrintable(c)) {
                throw OUTSIDE; // a line break (the scalar would continue on the next line) or a control
            }
            boolean doubledQuote = c == '\'' && quote == '\'' && pos + 1 < length && chars[pos + 1] == '\'';
            if (c == quote && !doubledQuote) {
                break;
            }
            if (doubledQuote || c == '\\' && quote == '"') {
                unescaped = (unescaped == null ? new StringBuilder() : unescaped).append(chars, chunk, pos - chunk);
                if (doubledQuote) {
                    unescaped.append('\'');
                    pos += 2;
                } else {
                    unescaped.append(escape());
                }
                chunk = pos;
                continue;
            }
            pos++;
        }
        String value = unescaped == null ? text.substring(chunk, pos)
                : unescaped.append(chars, chunk, pos - chunk).toString();
        pos++;
        nodeCount++;
        return new YamlNode.Scalar(line, column, start, null, pos,
                quote == '"' ? YamlNode.Style.DOUBLE_QUOTED : YamlNode.Style.SINGLE_QUOTED, value, YamlTag.STR);
    }

    /** The character a backslash escape at the position stands for; the position moves past the escape. */
    private char escape() throws OutsideSubset {
        char kind = pos + 1 < length ? chars[pos + 1] : '\n';
        pos += 2;
        int simple = "\"\\ntrNLP".indexOf(kind);
        if (simple >= 0) {
            return "\"\\\n\t\r\u0085\u2028\u2029".charAt(simple);
        }
        if (kind != 'u' || pos + 4 > length) {
            throw OUTSIDE;
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            char c = chars[pos + i];
            int digit = c > 'f' ? -1 : Character.digit(c, 16);
            if (digit < 0) {
                throw OUTSIDE;
            }
            code = code * 16 + digit;
        }
        pos += 4;
        if (code >= 0xd800 && code <= 0xdfff) {
            throw OUTSIDE; // half of a surrogate pair
        }
        return (char) code;
    }

    /** A plain scalar from {@code start} to {@code end} on the current line. */
    private YamlNode.Scalar scalar(int start, int end) {
        nodeCount++;
        return new YamlNode.Scalar(line, start - lineStart + 1, start, null, end, text.substring(start, end));
    }

    /** The value of "key:" with nothing after it; SnakeYAML places it just after the colon. */
    private YamlNode.Scalar emptyScalar() {
        nodeCount++;
        return new YamlNode.Scalar(pendingLine, pendingColumn, pendingIndex, null, pendingIndex, "");
    }

    // ---- characters

    private int skipSpaces() {
        int start = pos;
        while (pos < length && chars[pos] == ' ') {
            pos++;
        }
        return pos - start;
    }

    /** Skips a comment, if there is one, up to the end of the line. */
    private void skipComment() throws OutsideSubset {
        if (pos < length && chars[pos] == '#') {
            while (!lineEndsAt(pos)) {
                if (!isPrintable(chars[pos])) {
                    throw OUTSIDE;
                }
                pos++;
            }
        }
    }

    /** Expects the end of the line (or of the text) and moves to the next line. */
    private void endLine() throws OutsideSubset {
        if (pos < length) {
            if (!lineEndsAt(pos)) {
                throw OUTSIDE;
            }
            pos += chars[pos] == '\r' ? 2 : 1;
            line++;
            lineStart = pos;
        }
    }

    /** A line ends at "\n", "\r\n" or the end of the text; a "\r" alone is left to SnakeYAML. */
    private boolean lineEndsAt(int i) {
        return i >= length || chars[i] == '\n' || chars[i] == '\r' && i + 1 < length && chars[i + 1] == '\n';
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '/';
    }

    /**
     * A character SnakeYAML reads as printable and not as a line break, from the Basic Multilingual Plane (where a
     * character is one column, as SnakeYAML counts code points); no byte order mark, no tab.
     */
    private static boolean isPrintable(char c) {
        return c >= ' ' && c <= '~'
                || c >= '\u00a0' && c <= '\ud7ff' && c != '\u2028' && c != '\u2029'
                || c >= '\ue000' && c <= '\ufffd' && c != '\ufeff';
    }

    /** Not an indicator that would make the value something other than a plain scalar. */
    private static boolean startsPlainScalar(char c) {
        return isPrintable(c) && "-?:,[]{}#&*!|>'\"%@` ".indexOf(c) < 0;
    }
}
