package io.watasu.cli;

import io.watasu.testing.Examples;
import io.watasu.testing.HostileYaml;
import io.watasu.testing.PlatformYaml;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of seeded hostile variants of the example and of generated platforms ({@link HostileYaml}), each checked
 * through the real command line: {@code validate} never fails with exit 3 on input, prints nothing but
 * {@code FILE:LINE:COLUMN: error|warning: ...} lines on stderr, and no raw control character; a sample of the files it
 * accepts must render (validate and render agree). A failure names the seed and prints the input, so it can be
 * replayed.
 */
class LoaderFuzzTest {
    private static final int FILES = 3_000;
    private static final int RENDER_EVERY_NTH_VALID = 10;
    private static final Pattern RAW = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}&&[^\\n]]");

    @TempDir
    Path dir;

    @Test
    void hostileFilesGetPositionedDiagnosticsAndNeverAnInternalFailure() throws IOException {
        List<String> sources = new ArrayList<>(List.of(Files.readString(Examples.exampleFile())));
        for (long seed = 1; seed <= 20; seed++) {
            sources.add(PlatformYaml.write(RandomPlatforms.generate(seed), new Random(seed)));
        }
        Path file = dir.resolve("watasu.yaml");
        Pattern diagnostic = Pattern.compile(Pattern.quote(file.toString()) + ":\\d+:\\d+: (error|warning): .+");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(out, err);
        int valid = 0;
        int rendered = 0;
        long started = System.nanoTime();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        for (long seed = 0; seed < FILES; seed++) {
            Random random = new Random(seed);
            byte[] input = HostileYaml.mutate(sources.get(random.nextInt(sources.size())), random);
            Files.write(file, input);
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            int exit = cli.execute("validate", file.toString());

            String where = "seed " + seed + ", input (base64) " + Base64.getEncoder().encodeToString(input)
                    + "\nstderr:\n" + err;
            assertTrue(exit == ExitCodes.OK || exit == ExitCodes.INVALID_INPUT, "exit " + exit + " for " + where);
            assertTrue(!RAW.matcher(err.toString()).find() && !RAW.matcher(out.toString()).find(),
                    "raw control character for " + where);
            for (String line : err.toString().lines().toList()) {
                assertTrue(diagnostic.matcher(line).matches(), "not a positioned diagnostic: " + line + "\n" + where);
            }
            if (exit == ExitCodes.INVALID_INPUT) {
                assertTrue(err.toString().contains(": error: "), where);
                assertEquals("", out.toString(), where);
            } else {
                assertTrue(out.toString().startsWith(file + ": valid ("), where);
                if (valid++ % RENDER_EVERY_NTH_VALID == 0) {
                    assertRenders(file, "seed " + seed + ", input:\n" + new String(input, StandardCharsets.UTF_8));
                    rendered++;
                }
            }
        }
        System.out.printf("%d hostile files (%d valid, %d rendered) in %d ms, %d ms CPU%n", FILES, valid, rendered,
                (System.nanoTime() - started) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
        assertTrue(valid > FILES / 20, "too few mutants stay valid to test rendering: " + valid);
    }

    /** A file validate accepts renders (templates, parse-back, contract check) without an error. */
    private void assertRenders(Path file, String where) throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        io.watasu.testing.CliRun run = io.watasu.testing.CliRun.of("render", file.toString(), "--out",
                out.resolve("tree").toString(), "--quiet", "--argocd-repo", "https://git.example.com/gitops.git");
        if (run.exitCode() != ExitCodes.OK) {
            fail("validate accepted what render refused (exit " + run.exitCode() + "): " + run.stderr() + "\n" + where);
        }
    }
}
