package io.watasu.config;

/** A place in a source file; line and column are 1-based, as editors and compilers print them. */
public record SourcePosition(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
