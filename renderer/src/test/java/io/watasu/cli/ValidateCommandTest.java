package io.watasu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(out, err).execute(args);
    }

    @Test
    void aValidFileExitsZeroAndPrintsItsWarnings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, "version: 1\nteams:\n  acme:\n    apps:\n      api: {processes: {web: run}, trust: [api]}\n");

        assertEquals(ExitCodes.OK, run("validate", file.toString()));
        // One warning about the list: without a *-tcp process its entries (here the app itself) have no effect.
        assertEquals(file + ":5:36: warning: app 'api' has a trust list but no '*-tcp' process: the trust list has no"
                + " effect (add a '<name>-tcp' process or remove the trust list)\n", err.toString().replace("\r\n", "\n"));
        assertEquals(file + ": valid (1 teams, 1 apps, 1 warnings)\n", out.toString().replace("\r\n", "\n"));
    }

    @Test
    void aFileWithErrorsExitsOneAndPrintsEachOnItsOwnLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, "version: 2\nteams: {Acme: {}}\n");

        assertEquals(ExitCodes.INVALID_INPUT, run("validate", file.toString()));
        assertEquals(file + ":1:10: error: unsupported version 2: this watasu supports version 1 (write the file for"
                + " version 1, or use the watasu release that supports version 2)\n"
                + file + ":2:9: warning: team 'Acme' has no apps (add apps or remove the team)\n"
                + file + ":2:9: error: team name 'Acme' is not valid: it contains 'A': only lower-case letters, digits"
                + " and '-' are allowed (a team is a namespace, whose name must be a DNS-1123 label) (rename the team,"
                + " e.g. 'acme')\n", err.toString().replace("\r\n", "\n"));
        assertEquals("", out.toString());
    }
}
