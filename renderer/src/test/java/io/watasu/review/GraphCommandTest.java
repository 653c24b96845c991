package io.watasu.review;

import io.watasu.testing.CliRun;
import io.watasu.cli.ExitCodes;
import io.watasu.cli.Main;
import io.watasu.testing.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu graph} on the committed example, through {@link Main}. */
class GraphCommandTest {
    @TempDir
    Path dir;

    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    private String stdout() {
        return last.stdout();
    }

    private String stderr() {
        return last.stderr();
    }

    private String example() {
        return Examples.exampleFile().toString();
    }

    @Test
    void mermaidOfTheExample() throws Exception {
        assertEquals(ExitCodes.OK, run("graph", example()), stderr());
        Golden.assertMatches("graph/example.mmd", stdout());
    }

    @Test
    void dotOfTheExample() throws Exception {
        assertEquals(ExitCodes.OK, run("graph", example(), "--format", "dot"), stderr());
        Golden.assertMatches("graph/example.dot", stdout());
    }

    @Test
    void oneTeamToAFile() throws Exception {
        Path output = dir.resolve("acme.mmd");
        assertEquals(ExitCodes.OK, run("graph", example(), "--team", "globex", "--output", output.toString()), stderr());
        assertEquals("", stdout());
        assertEquals("""
                flowchart LR
                  subgraph team_globex["globex"]
                    app_meet_app["meet-app"]
                  end
                """, Files.readString(output));
    }

    @Test
    void unknownTeamListsTheTeams() {
        assertEquals(ExitCodes.INVALID_INPUT, run("graph", example(), "--team", "initech"));
        assertEquals("watasu: error: team 'initech' is not in " + example() + " (teams: acme, globex)\n", stderr());
    }

    /** Needs graphviz on PATH: .ci/run installs it, so a missing dot fails here rather than passing unseen. */
    @Test
    void svgOfTheExampleThroughGraphviz() throws Exception {
        Path output = dir.resolve("trust.svg");
        assertEquals(ExitCodes.OK, run("graph", example(), "--format", "svg", "--output", output.toString()), stderr());
        String svg = Files.readString(output);
        assertTrue(svg.contains("<svg"), svg);
        // Graphviz writes '-' as &#45; and '>' as &gt; in SVG text.
        assertTrue(svg.contains("<title>api&#45;app&#45;&gt;grpc&#45;app</title>"), "the trust edge is drawn: " + svg);
    }

    /** Run as its own process so that PATH can lack graphviz whatever this machine has installed. */
    @Test
    void svgWithoutGraphvizSaysWhatToDo() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Dslf4j.internal.verbosity=ERROR", "-cp",
                System.getProperty("java.class.path"), "io.watasu.cli.Main", "graph", example(), "--format", "svg");
        builder.environment().put("PATH", dir.toString());
        builder.redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        assertEquals(ExitCodes.FAILURE, builder.start().waitFor());
        assertEquals("watasu: error: graphviz's 'dot' is not on PATH: install graphviz (e.g. apt-get install graphviz) "
                + "or use --format dot\n", Files.readString(dir.resolve("stderr")));
        assertEquals("", Files.readString(dir.resolve("stdout")));
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("graph", example(), "--format", "png"));
        assertEquals("watasu: error: unknown --format 'png' (use mermaid, dot or svg)\n", stderr());
    }
}
