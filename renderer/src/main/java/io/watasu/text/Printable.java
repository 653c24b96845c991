package io.watasu.text;

/**
 * Text quoted from input (names, keys, paths) made safe to print on one line of a terminal or a CI log: every
 * character a terminal would not show as itself is replaced by a visible escape, so that a crafted name cannot end a
 * line, start a forged one, move the cursor, recolour or reorder what follows.
 *
 * <p>Escaped: controls (C0, DEL, C1, so line breaks, tab and ESC too), format characters (bidirectional embeddings,
 * overrides and isolates U+202A-202E and U+2066-2069, marks, zero-width characters, the byte order mark, tag
 * characters), the line and paragraph separators U+2028 and U+2029, surrogates that are not part of a pair, and code
 * points Unicode has not assigned (a later version may make them any of the above). Everything else, other scripts and
 * emoji included, is kept. A backslash is kept as it is: the escapes only need to be visible, not reversible.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with every non-printable character escaped ({@code \n}, {@code \r}, {@code \t}, {@code \u001B}). */
    public static String escape(String text) {
        int first = firstUnprintable(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (isPrintable(codePoint)) {
                out.appendCodePoint(codePoint);
            } else {
                appendEscape(codePoint, out);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** True when {@link #escape} would return {@code text} unchanged. */
    public static boolean isPrintable(String text) {
        return firstUnprintable(text) < 0;
    }

    private static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7F) {
                continue; // printable ASCII: the common case, decided without a table lookup
            }
            int codePoint = text.codePointAt(i);
            if (!isPrintable(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint) - 1;
        }
        return -1;
    }

    /** A surrogate that is not part of a pair reads as a code point of its own, of type SURROGATE. */
    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }

    private static void appendEscape(int codePoint, StringBuilder out) {
        switch (codePoint) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (Character.isBmpCodePoint(codePoint)) {
                    out.append(String.format("\\u%04X", codePoint));
                } else {
                    out.append(String.format("\\U%08X", codePoint));
                }
            }
        }
    }
}
