package io.watasu.testing;

import java.util.Random;

/**
 * Seeded random edits of YAML text: characters that mean something to YAML inserted or replaced, lines copied,
 * indented, outdented or dropped.
 */
public final class YamlMutations {
    /** Characters that mean something to YAML. */
    private static final String SIGNIFICANT = ":-{}[],\"'#&*!|>?% \t\n\\";

    private YamlMutations() {
    }

    /** {@code text} after one to three random edits. */
    public static String mutate(String text, Random random) {
        String mutated = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            mutated = edit(mutated, random);
        }
        return mutated;
    }

    private static String edit(String text, Random random) {
        if (text.isEmpty()) {
            return text;
        }
        int at = random.nextInt(text.length());
        char c = random.nextInt(4) == 0 ? (char) ('a' + random.nextInt(26))
                : SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length()));
        int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int lineEnd = text.indexOf('\n', at);
        lineEnd = lineEnd < 0 ? text.length() : lineEnd + 1;
        return switch (random.nextInt(7)) {
            case 0 -> text.substring(0, at) + c + text.substring(at);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + c + text.substring(at + 1);
            case 3 -> text.substring(0, lineEnd) + text.substring(lineStart, lineEnd) + text.substring(lineEnd);
            case 4 -> text.substring(0, lineStart) + " ".repeat(1 + random.nextInt(2)) + text.substring(lineStart);
            case 5 -> text.startsWith("  ", lineStart) ? text.substring(0, lineStart) + text.substring(lineStart + 2)
                    : text;
            default -> text.substring(0, lineStart) + text.substring(lineEnd);
        };
    }
}
