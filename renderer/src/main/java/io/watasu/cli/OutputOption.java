package io.watasu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --output FILE} option of commands that print a report: standard output unless a file is named. */
public final class OutputOption {
    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    void write(CommandLine cli, String text) {
        if (output == null) {
            PrintWriter out = cli.getOut();
            out.print(text);
            out.flush();
            return;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + output + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
    }
}
