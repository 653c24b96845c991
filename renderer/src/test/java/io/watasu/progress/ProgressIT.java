package io.watasu.progress;

import io.watasu.testing.Distribution;
import io.watasu.testing.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Progress end to end, through the packaged launcher: on a pseudo-terminal (util-linux {@code script}) a long
 * render shows a redrawn line; through a pipe, in CI, or with --quiet it shows nothing, and a dumb terminal gets
 * plain lines.
 */
class ProgressIT {
    /** Enough apps that the render outlasts the display's quiet first moments on a fast machine. */
    private static final int TEAMS = 20;
    private static final int APPS_PER_TEAM = 100;
    /** A redrawn, dimmed line: step, optional count, seconds; then erase to the end of the line. */
    private static final Pattern LIVE_LINE =
            Pattern.compile("\r\033\\[2mwatasu: [a-z ]+( \\d+/\\d+)? \\(\\d+\\.\\d s\\)\033\\[22m\033\\[K");

    @TempDir
    static Path shared;
    private static Path launcher;
    private static Path platform;

    @TempDir
    Path tmp;

    @BeforeAll
    static void unpackAndWarmUp() throws Exception {
        launcher = Distribution.unpack(shared).resolve("bin/watasu");
        StringBuilder yaml = new StringBuilder("version: 1\nteams:\n");
        for (int t = 0; t < TEAMS; t++) {
            yaml.append("  team").append(t).append(":\n    apps:\n");
            for (int a = 0; a < APPS_PER_TEAM; a++) {
                yaml.append("      t").append(t).append("-app").append(a).append(":\n")
                        .append("        processes: { web: run web, api-tcp: { command: run api, port: 9000 } }\n")
                        .append("        trust: [t").append(t).append("-app").append((a + 1) % APPS_PER_TEAM)
                        .append("]\n");
            }
        }
        platform = Files.writeString(shared.resolve("platform.yaml"), yaml);
        // The first run writes the class-data archive; later runs measure only the command.
        Processes.Result first = Processes.run(Processes.cleanEnvironment(shared), shared,
                List.of(launcher.toString(), "--version"));
        assertEquals(0, first.exitCode(), first.describe());
    }

    private Map<String, String> environment(String... variables) {
        Map<String, String> environment = new HashMap<>(Processes.cleanEnvironment(shared));
        for (int i = 0; i < variables.length; i += 2) {
            environment.put(variables[i], variables[i + 1]);
        }
        return environment;
    }

    /** A render of the platform on a pseudo-terminal; what the terminal received (stdout and stderr together). */
    private String onTerminal(Map<String, String> environment, String... extra) throws Exception {
        assumeTrue(Processes.available("script"), "util-linux script(1) gives the command a pseudo-terminal");
        Path typescript = tmp.resolve("typescript");
        String command = "'" + launcher + "' render '" + platform + "' --out '" + tmp.resolve("out") + "' "
                + String.join(" ", extra);
        Processes.Result run = Processes.run(environment, tmp,
                List.of("script", "-q", "-e", "-c", command, typescript.toString()));
        assertEquals(0, run.exitCode(), run.describe());
        return Files.readString(typescript, StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalShowsALineRedrawnInPlaceThenTheResult() throws Exception {
        String terminal = onTerminal(environment("TERM", "xterm"));
        assertTrue(LIVE_LINE.matcher(terminal).find(), terminal);
        int erased = terminal.lastIndexOf("\r\033[K");
        int result = terminal.indexOf("watasu: rendered " + TEAMS * APPS_PER_TEAM + " apps in " + TEAMS + " teams");
        assertTrue(erased >= 0 && erased < result, "the line is erased before the result: " + terminal);
    }

    @Test
    void aDumbTerminalGetsPlainLines() throws Exception {
        String terminal = onTerminal(environment("TERM", "dumb"));
        assertTrue(Pattern.compile("(?m)^watasu: [a-z ]+( \\(\\d+\\))?\\.\\.\\.\r\n").matcher(terminal).find(), terminal);
        assertFalse(terminal.contains("\033["), terminal);
    }

    @Test
    void ciAndQuietShowNothingEvenOnATerminal() throws Exception {
        String ci = onTerminal(environment("TERM", "xterm", "CI", "true"));
        assertFalse(ci.contains("\r\033[2mwatasu: "), ci);
        assertTrue(ci.contains("watasu: rendered "), ci);
        String quiet = onTerminal(environment("TERM", "xterm"), "--quiet");
        assertFalse(quiet.contains("\r\033[2mwatasu: "), quiet);
        assertFalse(quiet.contains("watasu: rendered "), quiet);
    }

    @Test
    void aPipeGetsNoProgress() throws Exception {
        Processes.Result run = Processes.run(environment("TERM", "xterm"), tmp, List.of(launcher.toString(), "render",
                platform.toString(), "--out", tmp.resolve("out").toString()));
        assertEquals(0, run.exitCode(), run.describe());
        assertEquals("watasu: rendered " + TEAMS * APPS_PER_TEAM + " apps in " + TEAMS + " teams: "
                + (TEAMS * (APPS_PER_TEAM + 1)) + " written, 0 removed, 0 unchanged\n", run.stderr());
    }
}
