package io.watasu.edit;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;

import java.util.List;

/**
 * The original text of a file with the position arithmetic the editor needs: lines, columns, the file's own line
 * ending, and the mapping from SnakeYAML's code-point indexes to Java string indexes.
 */
final class SourceText {
    private final String fileName;
    private final String text;
    private final String lineEnding;
    /** Null when the text has no surrogate pairs, so code-point and char indexes coincide. */
    private final int[] charIndexOfCodePoint;

    SourceText(String fileName, String text) {
        this.fileName = fileName;
        this.text = text;
        this.lineEnding = detectLineEnding(text);
        this.charIndexOfCodePoint = text.length() == text.codePointCount(0, text.length()) ? null : codePointTable(text);
    }

    String fileName() {
        return fileName;
    }

    String text() {
        return text;
    }

    /** {@code \r\n} when the file's first line break is CRLF, else {@code \n}: new lines match the file's. */
    String lineEnding() {
        return lineEnding;
    }

    int charIndex(int codePointIndex) {
        if (charIndexOfCodePoint == null) {
            return codePointIndex;
        }
        return charIndexOfCodePoint[Math.min(codePointIndex, charIndexOfCodePoint.length - 1)];
    }

    int lineStart(int at) {
        return text.lastIndexOf('\n', at - 1) + 1;
    }

    /** Index of the line break ending the line that holds {@code at} (its {@code \r} for CRLF), or the text length. */
    int lineEnd(int at) {
        int i = at;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Where the line before the one holding {@code at} ends (before its line break); -1 on the first line. */
    int previousLineEnd(int at) {
        int start = lineStart(at);
        if (start == 0) {
            return -1;
        }
        int end = start - 1;
        if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    int column(int at) {
        return at - lineStart(at);
    }

    /** True when only spaces precede {@code at} on its line. */
    boolean startsLine(int at) {
        for (int i = lineStart(at); i < at; i++) {
            if (text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** Backs {@code end} up over line breaks, staying at or after {@code start}. */
    int trimTrailingLineBreaks(int start, int end) {
        int e = Math.min(end, text.length());
        while (e > start && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == '\r')) {
            e--;
        }
        return e;
    }

    SourcePosition position(int at) {
        int clamped = Math.max(0, Math.min(at, text.length()));
        int line = 1;
        for (int i = 0; i < clamped; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new SourcePosition(fileName, line, clamped - lineStart(clamped) + 1);
    }

    EditRefusedException refuse(int at, String message, String fix) {
        return new EditRefusedException(List.of(Diagnostic.error(position(at), message, fix)));
    }

    /** A refusal about one element of the model, named by its {@link io.watasu.config.Subjects} path. */
    EditRefusedException refuse(int at, String message, String fix, String subject) {
        return new EditRefusedException(List.of(Diagnostic.error(position(at), message, fix).about(subject)));
    }

    private static String detectLineEnding(String text) {
        int newline = text.indexOf('\n');
        return newline > 0 && text.charAt(newline - 1) == '\r' ? "\r\n" : "\n";
    }

    private static int[] codePointTable(String text) {
        int[] table = new int[text.codePointCount(0, text.length()) + 1];
        int charIndex = 0;
        for (int cp = 0; cp < table.length - 1; cp++) {
            table[cp] = charIndex;
            charIndex += Character.charCount(text.codePointAt(charIndex));
        }
        table[table.length - 1] = text.length();
        return table;
    }
}
