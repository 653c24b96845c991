package io.watasu.yaml;

import io.watasu.testing.Examples;
import io.watasu.testing.HostileYaml;
import io.watasu.testing.PlatformYaml;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole-text reader gives SnakeYAML's parser exactly what SnakeYAML's own reader gives it, in linear time. */
class WholeTextReaderTest {
    /** Every event with its marks, then how parsing ended, as the parser reports it through the given reader. */
    private static String events(StreamReader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        StringBuilder out = new StringBuilder();
        try {
            ParserImpl parser = new ParserImpl(reader, options);
            while (parser.peekEvent() != null) {
                Event event = parser.getEvent();
                out.append(event.getEventId()).append(' ').append(mark(event.getStartMark())).append(' ')
                        .append(mark(event.getEndMark()));
                if (event instanceof NodeEvent node) {
                    out.append(" &").append(node.getAnchor());
                }
                if (event instanceof ScalarEvent scalar) {
                    out.append(" !").append(scalar.getTag()).append(' ').append(scalar.getScalarStyle())
                            .append(" <").append(scalar.getValue()).append('>');
                }
                out.append('\n');
            }
            return out.append("end").toString();
        } catch (ReaderException e) {
            return out.append("reader: ").append(e.getPosition()).append(' ').append(e.getCodePoint()).append(' ')
                    .append(e.getName()).append(' ').append(e.toString()).toString();
        } catch (MarkedYAMLException e) {
            return out.append("syntax: ").append(e.getContext()).append(' ').append(mark(e.getContextMark()))
                    .append(' ').append(e.getProblem()).append(' ').append(mark(e.getProblemMark())).toString();
        } catch (YAMLException e) {
            return out.append("other: ").append(e.getMessage()).toString();
        }
    }

    private static String mark(Mark mark) {
        return mark == null ? "-" : mark.getName() + ":" + mark.getLine() + ":" + mark.getColumn() + "@" + mark.getIndex();
    }

    private static void assertSameAsSnakeYaml(String text, String what) {
        assertEquals(events(new StreamReader(text)), events(new WholeTextReader(text)), what);
    }

    @Test
    void hostileTextsParseAsWithSnakeYamlsReader() throws IOException {
        List<String> sources = new ArrayList<>(List.of(Files.readString(Examples.exampleFile())));
        for (long seed = 1; seed <= 10; seed++) {
            sources.add(PlatformYaml.write(RandomPlatforms.generate(seed), new Random(seed)));
        }
        int compared = 0;
        for (long seed = 0; compared < 1_500; seed++) {
            Random random = new Random(seed);
            String text = new String(HostileYaml.mutate(sources.get(random.nextInt(sources.size())), random),
                    StandardCharsets.UTF_8);
            if (text.length() <= 20_000) { // SnakeYAML's own reader takes quadratic time on long lines
                assertSameAsSnakeYaml(text, "seed " + seed);
                compared++;
            }
        }
    }

    @Test
    void charactersAroundChunkBoundariesAreReadAndRefusedAsBySnakeYaml() {
        String[] odd = {"\uD83D\uDE00", "\u0001", "\u001b", "\uD83D", "\uDE00", "\u0085", "\u2028", "\uFEFF", "\t",
                "\r", "\r\n", "\uFFFE"};
        for (int boundary = 1023; boundary <= 3 * 1023; boundary += 1023) {
            for (int delta = -2; delta <= 2; delta++) {
                for (String c : odd) {
                    for (String context : List.of("# %s\nk: v\n", "k: \"%s\"\n", "k: a%sb\n", "'%s': 1\n")) {
                        String line = context.formatted(c);
                        int before = boundary + delta - line.indexOf(c);
                        String text = "k0: " + "x".repeat(Math.max(0, before - 5)) + "\n" + line;
                        assertSameAsSnakeYaml(text, "U+" + Integer.toHexString(c.codePointAt(0)) + " at "
                                + (boundary + delta) + " in " + context);
                    }
                }
            }
        }
        // A high surrogate ending the text exactly at a chunk's end, and anywhere else.
        assertSameAsSnakeYaml("x".repeat(1022) + "\uD83D", "high surrogate at the end of a chunk");
        assertSameAsSnakeYaml("k: " + "x".repeat(2000) + "\uD83D", "high surrogate at the end of the text");
        assertSameAsSnakeYaml("", "empty text");
    }

    @Test
    void aLongLineCostsLinearTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String text = "version: 1\n# " + "x".repeat(16 * 1024 * 1024 - 20) + "\nk: " + "y".repeat(100) + "\n";
        long cpu = threads.getCurrentThreadCpuTime();
        String events = events(new WholeTextReader(text));
        long seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000_000;
        assertTrue(events.endsWith("end"), events);
        // SnakeYAML's own reader needs minutes for this (a copy of the line so far per 1,023 characters).
        assertTrue(seconds < 10, seconds + " s of CPU for a 16 MiB comment line");
    }
}
