package io.watasu.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrintableTest {
    @Test
    void printableTextIsReturnedAsItIs() {
        String text = "acme/grpc-app: 'x' \\ caf\u00e9 \u6f22\u5b57 \uD83D\uDE00 \u05e9\u05dc\u05d5\u05dd";
        assertSame(text, Printable.escape(text));
        assertTrue(Printable.isPrintable(text));
    }

    @Test
    void lineBreaksTabsAndTerminalEscapesBecomeVisible() {
        assertEquals("acme\\nwatasu.yaml:1:1: warning: all good\\u001B[2K",
                Printable.escape("acme\nwatasu.yaml:1:1: warning: all good\u001b[2K"));
        assertEquals("a\\r\\tb\\u0000\\u007F\\u0085\\u009B", Printable.escape("a\r\tb\u0000\u007f\u0085\u009b"));
        assertFalse(Printable.isPrintable("a\nb"));
    }

    @Test
    void invisibleFormattingAndSeparatorsBecomeVisible() {
        // Bidi embeddings, overrides and isolates reorder what follows; separators end lines in some viewers.
        for (int c = 0x202A; c <= 0x202E; c++) {
            assertEquals(String.format("x\\u%04Xy", c), Printable.escape("x" + (char) c + "y"));
        }
        for (int c = 0x2066; c <= 0x2069; c++) {
            assertEquals(String.format("x\\u%04Xy", c), Printable.escape("x" + (char) c + "y"));
        }
        assertEquals("\\u2028\\u2029\\u200B\\u200E\\uFEFF\\u00AD", Printable.escape("\u2028\u2029\u200b\u200e\ufeff\u00ad"));
        assertEquals("tag\\U000E0041", Printable.escape("tag\uDB40\uDC41"));
    }

    @Test
    void loneSurrogatesAndUnassignedCodePointsBecomeVisible() {
        assertEquals("a\\uD83Db", Printable.escape("a\uD83Db"));
        assertEquals("a\\uDE00", Printable.escape("a\uDE00"));
        assertEquals("\\uDE00\\uD83D", Printable.escape("\uDE00\uD83D"));
        assertEquals("\\uFFFF\\U0010FFFF", Printable.escape("\uffff\uDBFF\uDFFF"));
    }

    @Test
    void escapingTwiceChangesNothingMore() {
        String once = Printable.escape("a\nb\u202e\u001b");
        assertEquals(once, Printable.escape(once));
    }
}
