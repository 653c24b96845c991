package io.watasu.yaml;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A composed YAML node with where it starts (1-based line and column). Smaller than SnakeYAML's nodes, and a plain
 * scalar's tag is resolved only when asked for, with SnakeYAML's own {@link Resolver}, so the reader sees exactly
 * the tags SnakeYAML's composer would have given.
 */
public abstract sealed class YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
    private final int line;
    private final int column;

    private YamlNode(int line, int column) {
        this.line = line;
        this.column = column;
    }

    public final int line() {
        return line;
    }

    public final int column() {
        return column;
    }

    /** The node's tag as written or resolved, one of {@link YamlTag}'s for YAML's standard tags. */
    public abstract String tag();

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
        private String tag;

        /** A scalar whose tag is known (written, or resolved already). */
        Scalar(int line, int column, String value, String tag) {
            super(line, column);
            this.value = value;
            this.tag = tag;
            this.implicit = false;
        }

        private Scalar(int line, int column, String value) {
            super(line, column);
            this.value = value;
            this.implicit = true;
        }

        /** A plain scalar without a tag: resolved from its text on first use. */
        public static Scalar plain(int line, int column, String value) {
            return new Scalar(line, column, value);
        }

        public String value() {
            return value;
        }

        @Override
        public String tag() {
            if (tag == null) {
                tag = isUnsignedDecimal(value) ? YamlTag.INT
                        : RESOLVER.isString(value) ? YamlTag.STR
                        : RESOLVER.resolve(NodeId.scalar, value, true).getValue();
            }
            return tag;
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
        private final String tag;
        private final List<Entry> entries;

        /** The entries list is filled after construction, so that an alias inside may refer to this mapping. */
        Mapping(int line, int column, String tag, int expectedSize) {
            super(line, column);
            this.tag = tag;
            this.entries = new ArrayList<>(expectedSize);
        }

        @Override
        public String tag() {
            return tag;
        }

        public List<Entry> entries() {
            return entries;
        }
    }

    public static final class Sequence extends YamlNode {
        private final String tag;
        private final List<YamlNode> items;

        Sequence(int line, int column, String tag, int expectedSize) {
            super(line, column);
            this.tag = tag;
            this.items = new ArrayList<>(expectedSize);
        }

        @Override
        public String tag() {
            return tag;
        }

        public List<YamlNode> items() {
            return items;
        }
    }
}
