package io.watasu.progress;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.watasu.progress.ProgressSettings.Mode.LIVE;
import static io.watasu.progress.ProgressSettings.Mode.OFF;
import static io.watasu.progress.ProgressSettings.Mode.PLAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who sees progress: a person at a terminal, and nobody else. */
class ProgressSettingsTest {
    private static final Map<String, String> TERMINAL = Map.of("TERM", "xterm-256color");

    private static ProgressSettings decide(boolean quiet, boolean terminal, Map<String, String> environment) {
        return ProgressSettings.decide(quiet, terminal, environment);
    }

    @Test
    void aTerminalGetsALiveDimmedLine() {
        assertEquals(new ProgressSettings(LIVE, true), decide(false, true, TERMINAL));
    }

    @Test
    void notATerminalGetsNothing() {
        assertEquals(OFF, decide(false, false, TERMINAL).mode());
        assertEquals(OFF, decide(false, false, Map.of()).mode());
    }

    @Test
    void quietGetsNothingEvenOnATerminal() {
        assertEquals(OFF, decide(true, true, TERMINAL).mode());
    }

    /** Some CI services give the build a pseudo-terminal; their logs must stay free of redrawn lines. */
    @Test
    void ciGetsNothingEvenWithATerminal() {
        assertEquals(OFF, decide(false, true, Map.of("TERM", "xterm", "CI", "true")).mode());
        assertEquals(OFF, decide(false, true, Map.of("TERM", "xterm", "CI", "1")).mode());
        assertEquals(LIVE, decide(false, true, Map.of("TERM", "xterm", "CI", "")).mode(), "an empty CI is unset");
    }

    @Test
    void aTerminalThatCannotRedrawGetsPlainLines() {
        assertEquals(new ProgressSettings(PLAIN, false), decide(false, true, Map.of("TERM", "dumb")));
        assertEquals(new ProgressSettings(PLAIN, false), decide(false, true, Map.of()), "no TERM");
        assertEquals(new ProgressSettings(PLAIN, false), decide(false, true, Map.of("TERM", " ")));
    }

    @Test
    void noColorKeepsTheLiveLineWithoutColour() {
        assertEquals(new ProgressSettings(LIVE, false), decide(false, true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertEquals(new ProgressSettings(LIVE, true), decide(false, true, Map.of("TERM", "xterm", "NO_COLOR", "")),
                "an empty NO_COLOR is unset (no-color.org)");
    }

    @Test
    void thisProcessAsksTheLaunchersProperty() {
        String before = System.getProperty(ProgressSettings.TERMINAL_PROPERTY);
        try {
            System.clearProperty(ProgressSettings.TERMINAL_PROPERTY);
            assertEquals(OFF, ProgressSettings.forThisProcess(false).mode(), "started without the launcher");
        } finally {
            if (before != null) {
                System.setProperty(ProgressSettings.TERMINAL_PROPERTY, before);
            }
        }
    }
}
