package io.watasu.review;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shortened Markdown reports on random diffs and limits: under the limit, totals kept, lines a prefix of the whole. */
class ShortReportTest {
    @Test
    void everyLimitIsKeptAndTheTotalsStay() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            AccessDiff diff = randomDiff(random);
            String whole = DiffReport.markdown(diff);
            int limit = 2_000 + random.nextInt(Math.max(1, whole.length()));
            String text = DiffReport.markdown(diff, limit, random.nextBoolean() ? "full.md" : null);
            if (whole.length() <= limit) {
                assertEquals(whole, text);
                continue;
            }
            assertTrue(text.length() <= limit, "length " + text.length() + " over " + limit);
            assertTrue(text.startsWith("## " + DiffReport.headline(diff) + "\n"), text);
            assertTrue(text.contains("### Connections granted (" + diff.granted().size() + ")\n"), text);
            assertTrue(text.contains("### Connections revoked (" + diff.revoked().size() + ")\n"), text);
            assertTrue(text.contains("> **Shortened to at most " + limit + " characters.** Not shown: "), text);
            assertPrefix(DiffReport.edgeLines(diff.granted()), text, "(not shown)");
            assertPrefix(DiffReport.fileRows(diff), text, "more files");
            // Whatever room is left is less than the next line that was not shown.
            int shownGranted = (int) DiffReport.edgeLines(diff.granted()).stream().filter(text::contains).count();
            if (shownGranted < diff.granted().size()) {
                assertTrue(limit - text.length() < DiffReport.edgeLines(diff.granted()).get(shownGranted).length()
                        + 400, "room left unused: " + (limit - text.length()));
            }
        }
    }

    @Test
    void noLimitOrAFittingReportIsTheWholeReport() {
        AccessDiff diff = randomDiff(new Random(7));
        String whole = DiffReport.markdown(diff);
        assertEquals(whole, DiffReport.markdown(diff, 0, null));
        assertEquals(whole, DiffReport.markdown(diff, whole.length(), null));
    }

    /** The lines of {@code lines} the text shows are its first ones. */
    private static void assertPrefix(List<String> lines, String text, String moreMarker) {
        boolean gap = false;
        for (String line : lines) {
            boolean shown = text.contains(line);
            assertTrue(!shown || !gap, "line shown after one left out: " + line);
            gap |= !shown;
        }
        if (gap) {
            assertTrue(text.contains(moreMarker), text);
        }
    }

    private static AccessDiff randomDiff(Random random) {
        List<AccessEdge> granted = edges(random, random.nextInt(3) == 0 ? 0 : random.nextInt(3000));
        List<AccessEdge> revoked = edges(random, random.nextInt(300));
        List<String> apps = new ArrayList<>();
        for (int i = random.nextInt(200); i > 0; i--) {
            apps.add("team" + random.nextInt(5) + "/app-" + i);
        }
        List<FileChange> files = new ArrayList<>();
        for (int i = random.nextInt(500); i > 0; i--) {
            files.add(new FileChange("team" + (i % 7) + "/app-" + i + ".yaml", FileChange.Status.CHANGED,
                    random.nextInt(40), random.nextInt(40)));
        }
        Map<String, SortedSet<String>> graphApps = new TreeMap<>();
        Map<String, List<GraphEdge>> graphEdges = new TreeMap<>();
        if (random.nextBoolean()) {
            SortedSet<String> names = new TreeSet<>();
            List<GraphEdge> edges = new ArrayList<>();
            for (int i = random.nextInt(300); i > 0; i--) {
                names.add("app-" + i);
                edges.add(new GraphEdge("app-" + (i + 1), "app-" + i, "grpc-tcp", "50051/TCP", GraphEdge.Change.ADDED));
            }
            graphApps.put("team0", names);
            graphEdges.put("team0", edges);
        }
        return new AccessDiff("deploy/watasu.yaml", "origin/main", "working tree", granted, revoked,
                List.of("team9"), List.of(), apps, List.of("team0/gone-app"),
                new TrustGraph(new TreeMap<>(graphApps), new TreeMap<>(graphEdges)), files);
    }

    private static List<AccessEdge> edges(Random random, int count) {
        SortedSet<AccessEdge> edges = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            edges.add(new AccessEdge("team" + random.nextInt(4), "app-" + random.nextInt(100), "app-" + i,
                    random.nextBoolean() ? "grpc-tcp" : "db-tcp", (1024 + random.nextInt(60000)) + "/TCP"));
        }
        return new ArrayList<>(edges);
    }
}
