package io.watasu.report;

import java.util.Objects;

/**
 * One finding of a check, as every output format needs it: structured fields, never a preformatted line, so that
 * each format escapes the text by its own rules (JSON, XML, workflow commands).
 *
 * @param check    the {@link Check#id()} that found it
 * @param severity error (the command fails) or warning
 * @param file     the file it is about, as given on the command line (watasu.yaml, or a rendered file); null when
 *                 it is about no file
 * @param line     1-based line, or 0 when unknown (a whole rendered file, say)
 * @param column   1-based column, or 0 when unknown
 * @param message  what is wrong
 * @param fix      how to fix it, or null
 * @param subject  the model element it is about ({@code teams.acme.apps.grpc-app.trust[1]}), or null
 */
public record Finding(String check, Severity severity, String file, int line, int column, String message, String fix,
                      String subject) {
    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return this == ERROR ? "error" : "warning";
        }
    }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 0 || column < 0 || (line == 0 && column != 0)) {
            throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown");
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column}, as far as known; empty without a file. */
    public String location() {
        if (file == null) {
            return "";
        }
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }
}
