package io.watasu.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

import java.io.Reader;

/**
 * SnakeYAML's reader for text that is already in memory: the same characters, positions, errors and end-of-input
 * behaviour as {@link StreamReader}, without its sliding window. That window copies everything between the start of
 * the current token and the end of the text read so far whenever it reads 1,023 more characters, so a long token
 * (a 16 MiB line) costs quadratic time; and an older version split a character beyond the Basic Multilingual Plane
 * at its buffer boundary. Every parser of YAML text in watasu reads through this class, so neither can matter.
 *
 * <p>To keep SnakeYAML's outcomes exactly (tested side by side), the text is still checked in the chunks SnakeYAML
 * reads, when the scanner first looks into each: a character YAML does not allow is reported at the same moment and
 * position, after the same earlier syntax errors.
 */
public final class WholeTextReader extends StreamReader {
    /** What SnakeYAML's reader reads at a time from a {@link java.io.StringReader}: its 1,024-char buffer minus one. */
    private static final int CHUNK = 1023;
    /** The name SnakeYAML gives a string input in its marks. */
    private static final String NAME = "'string'";

    private final String text;
    private final int[] codePoints;
    /** The index in the text of each code point, built when first asked for and only if the two differ. */
    private int[] charIndexes;
    /** How much of the text the scanner has reached, in chars and in code points, and whether it reached the end. */
    private int checkedChars;
    private int checkedCodePoints;
    private boolean eof;
    /** The position in code points (a mark's index and its pointer into the whole text's code points alike). */
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    public WholeTextReader(String text) {
        super(Reader.nullReader());
        this.text = text;
        this.codePoints = text.codePoints().toArray();
    }

    /** The index in the text of the character at a mark's (code point) index. */
    public int charIndex(int codePointIndex) {
        if (text.length() == codePoints.length) {
            return codePointIndex; // no character beyond the Basic Multilingual Plane: the two indexes agree
        }
        if (charIndexes == null) {
            charIndexes = new int[codePoints.length + 1];
            for (int i = 0, at = 0; i < codePoints.length; at += Character.charCount(codePoints[i]), i++) {
                charIndexes[i + 1] = at + Character.charCount(codePoints[i]);
            }
        }
        return charIndexes[Math.min(codePointIndex, codePoints.length)];
    }

    /** {@code end} moved back over the line breaks just before it, no further than {@code start}. */
    int trimLineBreaks(int start, int end) {
        int trimmed = Math.min(end, text.length());
        while (trimmed > start && (text.charAt(trimmed - 1) == '\n' || text.charAt(trimmed - 1) == '\r')) {
            trimmed--;
        }
        return trimmed;
    }

    @Override
    public Mark getMark() {
        return new Mark(NAME, index, line, column, codePoints, index);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && ensureEnoughData(0); i++) {
            int c = codePoints[index++];
            documentIndex++;
            if (Constant.LINEBR.has(c) || c == '\r' && ensureEnoughData(0) && codePoints[index] != '\n') {
                line++;
                column = 0;
            } else if (c != '\uFEFF') {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return ensureEnoughData(0) ? codePoints[index] : 0;
    }

    @Override
    public int peek(int offset) {
        return ensureEnoughData(offset) ? codePoints[index + offset] : 0;
    }

    @Override
    public String prefix(int length) {
        if (length == 0) {
            return "";
        }
        int available = ensureEnoughData(length) ? length : Math.min(length, checkedCodePoints - index);
        return new String(codePoints, index, available);
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        index += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }

    /**
     * The 0-based line and column of a code point of {@code text}, counted as the reader counts them (line breaks
     * {@code \n}, {@code \r\n}, {@code \r}, U+0085, U+2028, U+2029; a byte order mark takes no column): where a
     * {@link ReaderException#getPosition()} is.
     */
    public static int[] lineAndColumn(String text, int codePointIndex) {
        WholeTextReader counter = new WholeTextReader(text);
        counter.checkedCodePoints = counter.codePoints.length; // counting only: the characters are not checked again
        counter.eof = true;
        counter.forward(codePointIndex);
        return new int[]{counter.line, counter.column};
    }

    /** As SnakeYAML's: one more chunk when the scanner looks past what it has reached, then whether it suffices. */
    private boolean ensureEnoughData(int offset) {
        if (!eof && index + offset >= checkedCodePoints) {
            checkNextChunk();
        }
        return index + offset < checkedCodePoints;
    }

    private void checkNextChunk() {
        if (checkedChars == text.length()) {
            eof = true;
            return;
        }
        int end = Math.min(checkedChars + CHUNK, text.length());
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            // SnakeYAML reads one more char so as not to split a pair, and fails when there is none.
            if (end == text.length()) {
                throw new ReaderException(NAME, index + (end - checkedChars), text.charAt(end - 1),
                        "The last char is HighSurrogate (no LowSurrogate detected).");
            }
            end++;
        }
        int first = checkedCodePoints;
        checkedCodePoints += text.codePointCount(checkedChars, end);
        checkedChars = end;
        for (int i = first; i < checkedCodePoints; i++) {
            if (!isPrintable(codePoints[i])) {
                throw new ReaderException(NAME, i, codePoints[i], "special characters are not allowed");
            }
        }
    }
}
