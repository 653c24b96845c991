package io.watasu.yaml;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A composed YAML node, the one tree every reader of YAML text in watasu gets: where it starts (1-based line and
 * column, as SnakeYAML's start marks give them), its characters in the text ({@link #start()} to {@link #end()}), how
 * it was written ({@link Style}) and its anchor. Smaller than SnakeYAML's nodes, and a plain scalar's tag is resolved
 * only when asked for, with SnakeYAML's own {@link Resolver}, so the reader sees exactly the tags SnakeYAML's composer
 * would have given. For the loader and the verifier an alias is the anchored node itself, as in SnakeYAML's composer,
 * so a recursive alias is a cycle; for the editor, which must replace an alias where it is written, it is an
 * {@link Alias} node of its own.
 */
public abstract sealed class YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence, YamlNode.Alias {
    /** How a node was written: the five scalar styles, and flow ({@code [a]}, {@code {a: b}}) or block collections. */
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED, FLOW, BLOCK }

    private final int line;
    private final int column;
    private final int start;
    private int end;
    private final Style style;
    private final String anchor;
    /** Null for an alias (its target's) and, until resolved, for a plain scalar without a written tag. */
    private String tag;

    /**
     * A node starting at 1-based {@code line} and {@code column}, index {@code start} of the text (an anchor or tag
     * written before it included), defining {@code anchor} (or null).
     */
    private YamlNode(int line, int column, int start, String anchor, Style style, String tag) {
        this.line = line;
        this.column = column;
        this.start = start;
        this.end = start;
        this.style = style;
        this.anchor = anchor;
        this.tag = tag;
    }

    public final int line() {
        return line;
    }

    public final int column() {
        return column;
    }

    /** The index in the text of the node's first character (its anchor or tag, when written). */
    public final int start() {
        return start;
    }

    /**
     * The index in the text just after the node: after a scalar's closing quote or last character, a flow collection's
     * closing bracket, a block collection's last value (not the comments and blank lines after it). An empty scalar
     * ({@code key:} with nothing after it) has {@code start() == end()}.
     */
    public final int end() {
        return end;
    }

    final void end(int index) {
        this.end = index;
    }

    public final Style style() {
        return style;
    }

    public final boolean isFlow() {
        return style == Style.FLOW;
    }

    /** The node an alias stands for, following aliases; this node for any other. */
    public YamlNode resolved() {
        return this;
    }

    /** The anchor this node defines ({@code &name}), or null. */
    public final String anchor() {
        return anchor;
    }

    /** The node's tag as written or resolved, one of {@link YamlTag}'s for YAML's standard tags. */
    public String tag() {
        return tag;
    }

    /** True when the tag is (or will be) the resolver's, hence one of YAML's standard tags. */
    public boolean hasImplicitTag() {
        return false;
    }

    /** A key and its value in a mapping, in the order written (duplicates included). */
    public record Entry(YamlNode key, YamlNode value) {
    }

    public static final class Scalar extends YamlNode {
        /** Read-only after construction, so one instance serves every thread. */
        private static final FirstCharResolver RESOLVER = new FirstCharResolver();
        private static final int MAX_SHORTCUT_DIGITS = 18;
        private final String value;
        private final boolean implicit;

        /** A scalar whose tag is known (written, or resolved already), ending at {@code end}. */
        Scalar(int line, int column, int start, String anchor, int end, Style style, String value, String tag) {
            super(line, column, start, anchor, style, tag);
            end(end);
            this.value = value;
            this.implicit = false;
        }

        /** A plain scalar without a tag: resolved from its text on first use. */
        Scalar(int line, int column, int start, String anchor, int end, String value) {
            super(line, column, start, anchor, Style.PLAIN, null);
            end(end);
            this.value = value;
            this.implicit = true;
        }

        /** A plain scalar without a tag, at a position but in no text: for asking which tag a text resolves to. */
        public static Scalar plain(int line, int column, String value) {
            return new Scalar(line, column, 0, null, 0, value);
        }

        public String value() {
            return value;
        }

        @Override
        public String tag() {
            if (super.tag == null) {
                super.tag = isUnsignedDecimal(value) ? YamlTag.INT
                        : RESOLVER.isString(value) ? YamlTag.STR
                        : RESOLVER.resolve(NodeId.scalar, value, true).getValue();
            }
            return super.tag;
        }

        /**
         * A few digits without a leading zero: the resolver tries its integer rule first for a leading digit, and that
         * rule takes these (it skips texts far longer than these). Answering here spares the commonest number in a
         * watasu.yaml, a port, the regular expressions.
         */
        private static boolean isUnsignedDecimal(String text) {
            if (text.isEmpty() || text.length() > MAX_SHORTCUT_DIGITS || text.charAt(0) == '0' && text.length() > 1) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean hasImplicitTag() {
            return implicit;
        }

        /** True for a null: written {@code !!null}, or plain and untagged {@code ~}, {@code null} or nothing. */
        public boolean isNull() {
            if (!implicit) {
                return super.tag.equals(YamlTag.NULL);
            }
            // The resolver's null pattern, without running it: the commonest question about a manifest's scalar.
            int length = value.length();
            return length == 0 || length == 1 && (value.charAt(0) == '~' || value.charAt(0) == ' ')
                    || length == 4 && (value.equals("null") || value.equals("Null") || value.equals("NULL"));
        }
    }

    /**
     * SnakeYAML's resolver, which also answers "string" at once when none of its patterns can match: it tries its
     * patterns by the text's first character, and the only ones it tries for every text match the empty text alone.
     * For most first characters there is no pattern (app-, web, bundle), and after a letter only the boolean and null
     * words ({@code true}, {@code null}, at most 5 characters). A pattern match per scalar is a large part of reading a
     * big file with a cold JVM. Should a SnakeYAML version register other patterns, they are simply run.
     */
    private static final class FirstCharResolver extends Resolver {
        /** Longest boolean or null word ({@code false}); longer texts cannot be either. */
        private static final int LONGEST_WORD = 5;
        /** Per ASCII first character: 0 no pattern, LONGEST_WORD only the word patterns, -1 any other pattern. */
        // No initializers: both are filled while the superclass constructor registers its patterns.
        private int[] longestMatch;
        private boolean patternForAnyText;

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (longestMatch == null) {
                longestMatch = new int[128];
            }
            if (first == null) {
                patternForAnyText |= !regexp.pattern().equals("^$");
            } else {
                boolean words = regexp == Resolver.BOOL || regexp == Resolver.NULL;
                for (char c : first.toCharArray()) {
                    if (c < longestMatch.length && longestMatch[c] >= 0) {
                        longestMatch[c] = words ? LONGEST_WORD : -1;
                    }
                }
            }
            super.addImplicitResolver(tag, regexp, first, limit);
        }

        /** True when {@code value} resolves to a string whatever the patterns (false when unsure). */
        boolean isString(String value) {
            if (patternForAnyText || value.isEmpty() || value.charAt(0) >= longestMatch.length) {
                return false; // a non-ASCII first character is left to the patterns: the table covers ASCII only
            }
            int longest = longestMatch[value.charAt(0)];
            return longest == 0 || longest > 0 && value.length() > longest;
        }
    }

    public static final class Mapping extends YamlNode {
        private final List<Entry> entries;

        /** The entries list is filled after construction, so that an alias inside may refer to this mapping. */
        Mapping(int line, int column, int start, String anchor, Style style, String tag, int expectedSize) {
            super(line, column, start, anchor, style, tag);
            this.entries = new ArrayList<>(expectedSize);
        }

        public List<Entry> entries() {
            return entries;
        }

        /** The first entry whose key is the scalar {@code key} (written or through an alias). */
        public Optional<Entry> entry(String key) {
            for (int i = 0; i < entries.size(); i++) { // indexed: every field the verifier reads is found here
                Entry entry = entries.get(i);
                if (entry.key().resolved() instanceof Scalar scalar && scalar.value().equals(key)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }
    }

    public static final class Sequence extends YamlNode {
        private final List<YamlNode> items;

        Sequence(int line, int column, int start, String anchor, Style style, String tag, int expectedSize) {
            super(line, column, start, anchor, style, tag);
            this.items = new ArrayList<>(expectedSize);
        }

        public List<YamlNode> items() {
            return items;
        }
    }

    /** An alias ({@code *name}) where it is written, standing for {@code target}; only the editor's trees hold one. */
    public static final class Alias extends YamlNode {
        private final String name;
        private final YamlNode target;

        Alias(int line, int column, int start, int end, String name, YamlNode target) {
            super(line, column, start, null, target.style(), null);
            end(end);
            this.name = name;
            this.target = target;
        }

        public String name() {
            return name;
        }

        public YamlNode target() {
            return target;
        }

        @Override
        public YamlNode resolved() {
            return target.resolved();
        }

        @Override
        public String tag() {
            return target.tag();
        }
    }
}
