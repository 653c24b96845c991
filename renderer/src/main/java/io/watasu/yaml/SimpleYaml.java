package io.watasu.yaml;

/**
 * A fast composer for the plain subset of YAML that generated and hand-written watasu.yaml files use: block
 * mappings with one key per line, block lists of one-line items, single-line plain and quoted scalars, single-line
 * flow mappings and lists, comments. It gives up (returns null) on anything else (nested block collections in a
 * list, anchors, aliases, tags, escapes other than \" and \\, multi-line scalars, document markers, tabs, a lone
 * carriage return, characters beyond the Basic Multilingual Plane, anything malformed), and {@link BoundedYaml}
 * then composes the text with SnakeYAML. For every text it accepts, the tree is the one SnakeYAML composes: same
 * values, tags and positions (checked by a differential test). SnakeYAML's parser costs most of the time of loading
 * a large file.
 */
public final class SimpleYaml {
    /** SnakeYAML does not accept an implicit key longer than 1024 characters; stay well clear of that rule. */
    private static final int MAX_KEY_LENGTH = 1000;

    private final String text;
    private final int length;
    private int pos;
    private int line = 1;
    private int lineStart;
    private long nodeCount;

    // The open block collections, innermost last, with the indentation of their keys or '-'.
    private final YamlNode[] open = new YamlNode[YamlLimits.MAX_NESTING_DEPTH];
    private final int[] indents = new int[YamlLimits.MAX_NESTING_DEPTH];
    private int depth;
    private YamlNode.Mapping root;
    // A key written as "key:" with nothing after it: its value is a nested mapping or, if none follows, null.
    private YamlNode.Scalar pendingKey;
    private int pendingIndent;
    private int pendingLine;
    private int pendingColumn;

    private SimpleYaml(String text) {
        this.text = text;
        this.length = text.length();
    }

    /** The composed document, or null when the text is outside the subset. */
    public static BoundedYaml.Document compose(String text) {
        SimpleYaml composer = new SimpleYaml(text);
        YamlNode.Mapping composed;
        try {
            composed = composer.document();
        } catch (OutsideSubset e) {
            return null;
        }
        return composed == null ? null : new BoundedYaml.Document(composed, composer.nodeCount);
    }

    /** Thrown to give up; preallocated, as giving up is an expected outcome, not an error. */
    private static final class OutsideSubset extends Exception {
        static final OutsideSubset INSTANCE = new OutsideSubset();

        private OutsideSubset() {
            super(null, null, false, false);
        }
    }

    private static OutsideSubset outside() {
        return OutsideSubset.INSTANCE;
    }

    private YamlNode.Mapping document() throws OutsideSubset {
        while (pos < length) {
            composeLine();
        }
        if (pendingKey != null) {
            addToMapping(pendingKey, emptyScalar(pendingLine, pendingColumn));
        }
        return root;
    }

    /** One line; a method of its own so that the JIT compiles it after a few lines of a large file. */
    private void composeLine() throws OutsideSubset {
        int indent = skipSpaces();
        if (lineEndsAt(pos) || text.charAt(pos) == '#') {
            skipComment();
            endLine();
            return;
        }
        boolean listItem = text.startsWith("- ", pos);
        if (pendingKey != null) {
            if (listItem && indent >= pendingIndent) {
                // A block list, indented under its key or not ("key:\n- item" is a list too).
                open(pendingKey, new YamlNode.Sequence(line, indent + 1, YamlTag.SEQ, 4), indent);
            } else if (indent > pendingIndent) {
                open(pendingKey, new YamlNode.Mapping(line, indent + 1, YamlTag.MAP, 4), indent);
            } else {
                addToMapping(pendingKey, emptyScalar(pendingLine, pendingColumn));
            }
            pendingKey = null;
        } else if (root == null) {
            if (indent != 0) {
                throw outside();
            }
            root = new YamlNode.Mapping(line, 1, YamlTag.MAP, 4);
            nodeCount++;
            open[0] = root;
            depth = 1;
        } else if (indent > indents[depth - 1]) {
            throw outside(); // a continuation line of a scalar, or an error SnakeYAML should word
        }
        while (depth > 0 && indents[depth - 1] > indent) {
            depth--;
        }
        if (depth > 0 && open[depth - 1] instanceof YamlNode.Sequence && !listItem) {
            depth--; // the end of a list written at its key's indentation
        }
        if (depth == 0 || indents[depth - 1] != indent) {
            throw outside();
        }
        if (listItem) {
            if (!(open[depth - 1] instanceof YamlNode.Sequence sequence)) {
                throw outside();
            }
            pos += 2;
            skipSpaces();
            if (lineEndsAt(pos) || text.charAt(pos) == '#') {
                throw outside(); // an empty item
            }
            sequence.items().add(blockValue(depth));
        } else {
            keyLine(indent);
        }
        skipComment();
        endLine();
    }

    /** "key: value" or "key:" at the start of a line of the innermost open mapping. */
    private void keyLine(int indent) throws OutsideSubset {
        if (indent == 0 && (text.startsWith("---", pos) || text.startsWith("...", pos))) {
            throw outside();
        }
        YamlNode.Scalar key = key();
        if (pos >= length || text.charAt(pos) != ':') {
            throw outside();
        }
        pos++;
        int colonEnd = column();
        if (pos < length && text.charAt(pos) != ' ' && !lineEndsAt(pos)) {
            throw outside();
        }
        skipSpaces();
        if (lineEndsAt(pos) || text.charAt(pos) == '#') {
            pendingKey = key;
            pendingIndent = indent;
            pendingLine = line;
            pendingColumn = colonEnd;
        } else {
            addToMapping(key, blockValue(depth));
        }
    }

    /** Makes a block collection the value of the key and the innermost open collection. */
    private void open(YamlNode.Scalar key, YamlNode collection, int indent) throws OutsideSubset {
        if (depth == open.length) {
            throw outside();
        }
        nodeCount++;
        addToMapping(key, collection);
        open[depth] = collection;
        indents[depth] = indent;
        depth++;
    }

    private void addToMapping(YamlNode.Scalar key, YamlNode value) {
        ((YamlNode.Mapping) open[depth - 1]).entries().add(new YamlNode.Entry(key, value));
    }

    /** A key: letters, digits and "-_./", no spaces, not starting with '-'. */
    private YamlNode.Scalar key() throws OutsideSubset {
        int start = pos;
        int column = column();
        while (pos < length && isKeyChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start || text.charAt(start) == '-' || pos - start > MAX_KEY_LENGTH) {
            throw outside();
        }
        return scalar(column, text.substring(start, pos));
    }

    /** The value after "key: " on the same line. */
    private YamlNode blockValue(int depth) throws OutsideSubset {
        char first = text.charAt(pos);
        if (first == '{' || first == '[') {
            return spaceOrLineEndAfter(flowCollection(depth + 1));
        }
        if (first == '"' || first == '\'') {
            return spaceOrLineEndAfter(quotedScalar());
        }
        if (!startsPlainScalar(first)) {
            throw outside();
        }
        int start = pos;
        int column = column();
        int end = pos;
        while (pos < length) {
            if (lineEndsAt(pos)) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '#') {
                if (text.charAt(pos - 1) != ' ') {
                    throw outside();
                }
                break; // a comment: the scalar ends before the spaces in front of it
            }
            // A colon belongs to the scalar unless a space or the line's end follows (that would start a mapping).
            if (c == ':' && (lineEndsAt(pos + 1) || text.charAt(pos + 1) == ' ')
                    || !isPrintable(c)) {
                throw outside();
            }
            pos++;
            if (c != ' ') {
                end = pos;
            }
        }
        return scalar(column, text.substring(start, end));
    }

    /** A bracketed value must be followed by a space, a comment after one, or the end of the line. */
    private YamlNode spaceOrLineEndAfter(YamlNode value) throws OutsideSubset {
        if (pos < length && text.charAt(pos) != ' ' && !lineEndsAt(pos)) {
            throw outside();
        }
        skipSpaces();
        return value;
    }

    /** A flow mapping or list, all on this line, holding scalars and flow collections. */
    private YamlNode flowCollection(int depth) throws OutsideSubset {
        if (depth > YamlLimits.MAX_NESTING_DEPTH) {
            throw outside();
        }
        char bracket = text.charAt(pos);
        int column = column();
        pos++;
        nodeCount++;
        if (bracket == '{') {
            YamlNode.Mapping mapping = new YamlNode.Mapping(line, column, YamlTag.MAP, 4);
            if (flowEntriesStart('}')) {
                do {
                    YamlNode.Scalar key = key();
                    if (pos + 1 >= length || text.charAt(pos) != ':' || text.charAt(pos + 1) != ' ') {
                        throw outside();
                    }
                    pos += 2;
                    skipSpaces();
                    mapping.entries().add(new YamlNode.Entry(key, flowValue(depth)));
                } while (flowEntryFollows('}'));
            }
            return mapping;
        }
        YamlNode.Sequence sequence = new YamlNode.Sequence(line, column, YamlTag.SEQ, 4);
        if (flowEntriesStart(']')) {
            do {
                sequence.items().add(flowValue(depth));
            } while (flowEntryFollows(']'));
        }
        return sequence;
    }

    /** After the opening bracket: false (and past the closing one) when the collection is empty. */
    private boolean flowEntriesStart(char close) {
        skipSpaces();
        if (pos < length && text.charAt(pos) == close) {
            pos++;
            return false;
        }
        return true;
    }

    /** After an entry: true after a comma with another entry following, false after the closing bracket. */
    private boolean flowEntryFollows(char close) throws OutsideSubset {
        skipSpaces();
        if (pos < length && text.charAt(pos) == ',') {
            pos++;
            skipSpaces();
            if (pos < length && text.charAt(pos) == close) {
                throw outside(); // a trailing comma
            }
            return true;
        }
        if (pos < length && text.charAt(pos) == close) {
            pos++;
            return false;
        }
        throw outside();
    }

    private YamlNode flowValue(int depth) throws OutsideSubset {
        if (pos == length) {
            throw outside();
        }
        char first = text.charAt(pos);
        if (first == '{' || first == '[') {
            return flowCollection(depth + 1);
        }
        if (first == '"' || first == '\'') {
            return quotedScalar();
        }
        if (!startsPlainScalar(first)) {
            throw outside();
        }
        int start = pos;
        int column = column();
        int end = pos;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == ',' || c == ']' || c == '}') {
                break;
            }
            // SnakeYAML ends a plain scalar in a flow collection at '?' too (then rejects what follows).
            if (c == '\n' || c == ':' || c == '#' || c == '?' || c == '[' || c == '{' || !isPrintable(c)) {
                throw outside();
            }
            pos++;
            if (c != ' ') {
                end = pos;
            }
        }
        return scalar(column, text.substring(start, end));
    }

    /**
     * A single- or double-quoted scalar on one line: a string whatever its text. Of the escapes, only a doubled
     * single quote and a backslash before '"' or '\\' are taken.
     */
    private YamlNode.Scalar quotedScalar() throws OutsideSubset {
        char quote = text.charAt(pos);
        int column = column();
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos == length) {
                throw outside();
            }
            char c = text.charAt(pos);
            if (!isPrintable(c)) {
                throw outside(); // a line break (the scalar would continue on the next line) or a control
            }
            if (c == quote) {
                if (quote == '\'' && pos + 1 < length && text.charAt(pos + 1) == '\'') {
                    value.append('\'');
                    pos += 2;
                    continue;
                }
                pos++;
                break;
            }
            if (c == '\\' && quote == '"') {
                char escaped = pos + 1 < length ? text.charAt(pos + 1) : '\n';
                if (escaped != '"' && escaped != '\\') {
                    throw outside();
                }
                value.append(escaped);
                pos += 2;
                continue;
            }
            value.append(c);
            pos++;
        }
        nodeCount++;
        return new YamlNode.Scalar(line, column, value.toString(), YamlTag.STR);
    }

    private YamlNode.Scalar scalar(int column, String value) {
        nodeCount++;
        return YamlNode.Scalar.plain(line, column, value);
    }

    /** The value of "key:" with nothing after it; SnakeYAML places it just after the colon. */
    private YamlNode.Scalar emptyScalar(int line, int column) {
        nodeCount++;
        return YamlNode.Scalar.plain(line, column, "");
    }

    private int skipSpaces() {
        int start = pos;
        while (pos < length && text.charAt(pos) == ' ') {
            pos++;
        }
        return pos - start;
    }

    /** Skips a comment, if there is one, up to the end of the line. */
    private void skipComment() throws OutsideSubset {
        if (pos < length && text.charAt(pos) == '#') {
            while (!lineEndsAt(pos)) {
                if (!isPrintable(text.charAt(pos))) {
                    throw outside();
                }
                pos++;
            }
        }
    }

    /** Expects the end of the line (or of the text) and moves to the next line. */
    private void endLine() throws OutsideSubset {
        if (pos < length) {
            if (!lineEndsAt(pos)) {
                throw outside();
            }
            pos += text.charAt(pos) == '\r' ? 2 : 1;
            line++;
            lineStart = pos;
        }
    }

    /** A line ends at "\n", "\r\n" or the end of the text; a "\r" alone is left to SnakeYAML. */
    private boolean lineEndsAt(int i) {
        return i == length || text.charAt(i) == '\n'
                || text.charAt(i) == '\r' && i + 1 < length && text.charAt(i + 1) == '\n';
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
