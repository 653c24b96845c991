package io.watasu.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the display writes, drawn by hand ({@code tick}) on a clock the test moves. */
class TerminalProgressTest {
    private static final ProgressSettings LIVE = new ProgressSettings(ProgressSettings.Mode.LIVE, false);
    private static final ProgressSettings LIVE_DIM = new ProgressSettings(ProgressSettings.Mode.LIVE, true);
    private static final ProgressSettings PLAIN = new ProgressSettings(ProgressSettings.Mode.PLAIN, false);

    private final StringWriter written = new StringWriter();
    private long now = 1_000_000_000L;

    private TerminalProgress progress(ProgressSettings settings, int columns) {
        return new TerminalProgress(new PrintWriter(written), settings, columns, () -> now);
    }

    private void advanceClock(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private String take() {
        String text = written.toString();
        written.getBuffer().setLength(0);
        return text;
    }

    @Test
    void quickCommandsShowNothing() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("rendering files", 10);
        advanceClock(399);
        progress.tick();
        progress.close();
        assertEquals("", take());
    }

    @Test
    void aLiveLineIsRedrawnInPlaceAndErasedWhenTheStepEnds() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("rendering files", 9287);
        advanceClock(500);
        progress.advance(4210);
        progress.tick();
        assertEquals("\rwatasu: rendering files 4210/9287 (0.5 s)\033[K", take());
        advanceClock(800);
        progress.advance(1);
        progress.tick();
        assertEquals("\rwatasu: rendering files 4211/9287 (1.3 s)\033[K", take());
        progress.clear();
        assertEquals("\r\033[K", take(), "the line is gone before the command prints");
        progress.tick();
        assertEquals("", take(), "no step, no line");
    }

    @Test
    void aNewStepStartsItsCountAndClockAgain() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("planning teams", 100);
        advanceClock(600);
        progress.advance(100);
        progress.tick();
        take();
        progress.step("checking teams against the contract", 3);
        assertEquals("\r\033[K", take());
        advanceClock(200);
        progress.tick();
        assertEquals("\rwatasu: checking teams against the contract 0/3 (0.2 s)\033[K", take());
    }

    @Test
    void aStepWithoutACountShowsItsTime() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("fetching", 0);
        advanceClock(2500);
        progress.tick();
        assertEquals("\rwatasu: fetching (2.5 s)\033[K", take());
    }

    @Test
    void theCountNeverShowsMoreThanTheTotal() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("rendering files", 2);
        progress.advance(5);
        advanceClock(500);
        progress.tick();
        assertEquals("\rwatasu: rendering files 2/2 (0.5 s)\033[K", take());
    }

    @Test
    void colourIsADimAttributeAroundTheText() {
        TerminalProgress progress = progress(LIVE_DIM, 80);
        progress.step("writing files", 0);
        advanceClock(500);
        progress.tick();
        assertEquals("\r\033[2mwatasu: writing files (0.5 s)\033[22m\033[K", take());
    }

    /** A line longer than the terminal would wrap, and \r would then redraw only its last row. */
    @Test
    void linesAreCutShortOfTheTerminalWidth() {
        TerminalProgress progress = progress(LIVE, 30);
        progress.step("checking teams against the contract", 100);
        advanceClock(500);
        progress.tick();
        String line = take();
        assertEquals("\rwatasu: checking teams aga...\033[K", line);
        assertEquals(29, line.length() - "\r\033[K".length());
    }

    @Test
    void theWidthComesFromColumnsWhenTheShellExportsIt() {
        assertEquals(120, TerminalProgress.columns(Map.of("COLUMNS", "120")));
        assertEquals(80, TerminalProgress.columns(Map.of()));
        assertEquals(80, TerminalProgress.columns(Map.of("COLUMNS", "wide")));
        assertEquals(80, TerminalProgress.columns(Map.of("COLUMNS", "3")));
    }

    @Test
    void aDumbTerminalGetsOnePlainLinePerLongStepAndNoControlCharacters() {
        TerminalProgress progress = progress(PLAIN, 80);
        progress.step("loading watasu.yaml", 0);
        progress.tick();
        progress.clear();
        advanceClock(500);
        progress.step("rendering files", 9287);
        progress.tick();
        advanceClock(500);
        progress.advance(3000);
        progress.tick();
        progress.clear();
        progress.step("writing files", 0);
        progress.tick();
        progress.close();
        String text = take();
        assertEquals("watasu: rendering files (9287)...\nwatasu: writing files...\n", text.replace(System.lineSeparator(), "\n"));
        assertTrue(text.chars().noneMatch(c -> c == '\r' || c == '\033'), text);
    }

    @Test
    void closingStopsTheDisplayForGood() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("writing files", 0);
        advanceClock(500);
        progress.tick();
        progress.close();
        assertEquals("\rwatasu: writing files (0.5 s)\033[K\r\033[K", take());
        progress.step("more", 0);
        progress.tick();
        assertEquals("", take());
    }

    @Test
    void unitsCountedOnManyThreadsAddUp() {
        TerminalProgress progress = progress(LIVE, 80);
        progress.step("rendering files", 100_000);
        IntStream.range(0, 100_000).parallel().forEach(i -> progress.advance(1));
        advanceClock(500);
        progress.tick();
        assertEquals("\rwatasu: rendering files 100000/100000 (0.5 s)\033[K", take());
    }

    @Test
    void offMeansTheNoOpDisplay() {
        assertSame(Progress.NONE, TerminalProgress.open(new PrintWriter(written),
                new ProgressSettings(ProgressSettings.Mode.OFF, false), Map.of()));
    }
}
