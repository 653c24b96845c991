package io.watasu.testing;

import io.watasu.cli.Main;

import java.io.StringWriter;

/**
 * One run of the real {@code watasu} command line, with what it printed. Output goes through the command line's own
 * writers ({@link Main#commandLine(java.io.Writer, java.io.Writer)}), so tests never swap {@code System.out}.
 */
public record CliRun(int exitCode, String stdout, String stderr) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.commandLine(out, err).execute(args);
        return new CliRun(exitCode, normalize(out), normalize(err));
    }

    private static String normalize(StringWriter writer) {
        return writer.toString().replace(System.lineSeparator(), "\n");
    }
}
