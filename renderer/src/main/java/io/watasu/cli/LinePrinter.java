package io.watasu.cli;

import io.watasu.text.Printable;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The writer behind every command's standard output and error: each {@code println} prints exactly one line, with
 * every non-printable character of its text escaped ({@link Printable}). Messages quote names, paths and keys from
 * input, and a line break or terminal escape among them must not forge or hide lines in a terminal or CI log; doing it
 * here covers every message of every command, present and future. {@code print} writes text as it is: it is for
 * preformatted multi-line output (help, reports in their own formats), never for a message.
 */
final class LinePrinter extends PrintWriter {
    LinePrinter(Writer out) {
        super(out, true);
    }

    @Override
    public void println(String line) {
        super.println(Printable.escape(String.valueOf(line)));
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }

    @Override
    public void println(char[] line) {
        println(new String(line));
    }
}
