package io.watasu.cli;

import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input quoted in a message never reaches a terminal or CI log raw: it cannot forge, hide or reorder lines. */
class PrintableOutputTest {
    /** A character that would act on a terminal instead of showing: controls (but the line ends), format, separators. */
    private static final Pattern RAW = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}&&[^\\n]]");

    @TempDir
    Path dir;

    @Test
    void aCraftedKeyCannotForgeADiagnosticLine() throws IOException {
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, "version: 1\nteams:\n"
                + "  \"acme\\nwatasu.yaml:1:1: warning: all good\\e[2K\": {}\n"
                + "  \"web\\u202Egpj.exe\\u2028x\\0\": {}\n");

        CliRun run = CliRun.of("validate", file.toString());

        assertEquals(ExitCodes.INVALID_INPUT, run.exitCode());
        assertPrintable(run);
        List<String> lines = run.stderr().lines().toList();
        assertEquals(4, lines.size(), run.stderr()); // per team: the name is invalid, the team has no apps
        lines.forEach(line -> assertTrue(line.startsWith(file + ":3:3: ") || line.startsWith(file + ":4:3: "), line));
        assertTrue(run.stderr().contains("team name 'acme\\nwatasu.yaml:1:1: warning: all good\\u001B[2K' is not valid"),
                run.stderr());
        assertTrue(run.stderr().contains("'web\\u202Egpj.exe\\u2028x\\u0000'"), run.stderr());
    }

    @Test
    void theFileNameIsPrintedEscapedToo() {
        CliRun run = CliRun.of("validate", dir.resolve("no\nsuch\u202e.yaml").toString());

        assertEquals(ExitCodes.INVALID_INPUT, run.exitCode());
        assertPrintable(run);
        assertEquals(dir + "/no\\nsuch\\u202E.yaml:1:1: error: file not found (check the path)\n", run.stderr());
    }

    @Test
    void appNamesFromTheCommandLineArePrintedEscaped() throws IOException {
        Path file = dir.resolve("watasu.yaml");
        Files.copy(Examples.exampleFile(), file);

        CliRun show = CliRun.of("apps:trust", "--app", "grpc\nwatasu: grpc-app trusts: everyone", "-f", file.toString());
        assertEquals(ExitCodes.INVALID_INPUT, show.exitCode());
        assertPrintable(show);
        assertEquals(1, show.stderr().lines().count(), show.stderr());

        CliRun add = CliRun.of("apps:trust", "api\u001b[1Aapp", "--app", "grpc-app", "-f", file.toString());
        assertEquals(ExitCodes.INVALID_INPUT, add.exitCode());
        assertPrintable(add);
        assertTrue(add.stderr().contains("'api\\u001B[1Aapp'"), add.stderr());
        assertEquals(Files.readString(Examples.exampleFile()), Files.readString(file));
    }

    @Test
    void pathsInFailuresOfOtherCommandsArePrintedEscaped() throws IOException {
        CliRun verify = CliRun.of("verify", dir.resolve("nope\nverify: the policies keep every promise").toString());
        assertEquals(ExitCodes.FAILURE, verify.exitCode());
        assertPrintable(verify);
        assertEquals(1, verify.stderr().lines().count(), verify.stderr());

        Path file = dir.resolve("watasu.yaml");
        Files.copy(Examples.exampleFile(), file);
        CliRun publish = CliRun.of("publish", file.toString(), "--repo", dir.resolve("none\nwatasu: pushed").toString(),
                "--path", "clusters/dev", "--cache-dir", dir.resolve("cache").toString());
        assertEquals(ExitCodes.FAILURE, publish.exitCode());
        assertPrintable(publish);
        assertTrue(publish.stderr().contains("none\\nwatasu: pushed"), publish.stderr());
    }

    @Test
    void usageErrorsQuoteTheCommandLineEscaped() {
        CliRun run = CliRun.of("validate", "--bo\ngus");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertPrintable(run);
        assertTrue(run.stderr().startsWith("Unknown option: '--bo\\ngus'\n"), run.stderr());
    }

    private static void assertPrintable(CliRun run) {
        assertTrue(!RAW.matcher(run.stderr()).find(), "raw control character on stderr: " + run.stderr());
        assertTrue(!RAW.matcher(run.stdout()).find(), "raw control character on stdout: " + run.stdout());
    }
}
