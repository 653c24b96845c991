package io.watasu.config;

import io.watasu.text.Printable;

/** A place in a source file; line and column are 1-based, as editors and compilers print them. */
public record SourcePosition(String file, int line, int column) {
    /** {@code FILE:LINE:COLUMN}, the file name printable on one line. */
    @Override
    public String toString() {
        return Printable.escape(file) + ":" + line + ":" + column;
    }
}
