package io.watasu.review;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown report that fits a length limit (GitHub rejects comments over 65,536 characters). It keeps the
 * headline, every count and every section heading, and fills the room left with as many lines as fit, in order of
 * importance: connections granted, connections revoked, apps and teams added or removed, the graph (whole or not at
 * all: a cut Mermaid graph does not draw), the changed files. A note at the top says what was left out and where the
 * whole report is.
 */
final class ShortReport {
    private final AccessDiff diff;
    private final int maxLength;
    private final String fullReport;
    private final List<String> granted;
    private final List<String> revoked;
    private final List<String> names;
    private final List<String> files;
    private final String graph;

    private ShortReport(AccessDiff diff, int maxLength, String fullReport) {
        this.diff = diff;
        this.maxLength = maxLength;
        this.fullReport = fullReport;
        this.granted = DiffReport.edgeLines(diff.granted());
        this.revoked = DiffReport.edgeLines(diff.revoked());
        this.names = DiffReport.nameLines(diff);
        this.files = DiffReport.fileRows(diff);
        this.graph = diff.graph().isEmpty() ? null : DiffReport.graphSection(diff);
    }

    static String markdown(AccessDiff diff, int maxLength, String fullReport) {
        return new ShortReport(diff, maxLength, fullReport).build();
    }

    /** How many lines of each part are shown. */
    private record Shown(int granted, int revoked, int names, boolean graph, int files) {
    }

    private String build() {
        // With nothing shown, every "more" line and the note name the largest numbers they can: an upper bound on
        // the fixed part, whatever is shown later.
        Shown none = new Shown(0, 0, 0, false, 0);
        int room = maxLength - render(none).length();
        int[] left = {room};
        int shownGranted = fit(granted, left);
        int shownRevoked = shownGranted == granted.size() ? fit(revoked, left) : 0;
        int shownNames = shownRevoked == revoked.size() ? fit(names, left) : 0;
        boolean shownGraph = graph != null && shownNames == names.size()
                && graph.length() - graphLeftOut().length() <= left[0];
        if (shownGraph) {
            left[0] -= graph.length() - graphLeftOut().length();
        }
        int shownFiles = shownNames == names.size() ? fit(files, left) : 0;
        return render(new Shown(shownGranted, shownRevoked, shownNames, shownGraph, shownFiles));
    }

    /** How many of {@code lines}, from the first, fit in {@code room[0]}; takes their length from it. */
    private static int fit(List<String> lines, int[] room) {
        int count = 0;
        for (String line : lines) {
            if (line.length() > room[0]) {
                break;
            }
            room[0] -= line.length();
            count++;
        }
        return count;
    }

    private String render(Shown shown) {
        StringBuilder out = new StringBuilder(DiffReport.header(diff));
        out.append(note(shown));
        DiffReport.connectionSection(out, "Connections granted", granted.subList(0, shown.granted()),
                granted.size(), "… and %d more granted (not shown)");
        DiffReport.connectionSection(out, "Connections revoked", revoked.subList(0, shown.revoked()),
                revoked.size(), "… and %d more revoked (not shown)");
        DiffReport.appsSection(out, names.subList(0, shown.names()), names.size(), "… and %d more (not shown)");
        if (graph != null) {
            out.append(shown.graph() ? graph : graphLeftOut());
        }
        DiffReport.manifestSection(out, files.subList(0, shown.files()), files.size(), "… and %d more files");
        return out.toString();
    }

    private static String graphLeftOut() {
        return "### Connections between apps of the changed teams\n\nThe graph is left out: it does not fit.\n\n";
    }

    private String note(Shown shown) {
        List<String> leftOut = new ArrayList<>();
        leftOut(leftOut, shown.granted(), granted.size(), "connections granted");
        leftOut(leftOut, shown.revoked(), revoked.size(), "connections revoked");
        leftOut(leftOut, shown.names(), names.size(), "apps and teams added or removed");
        if (graph != null && !shown.graph()) {
            leftOut.add("the graph");
        }
        leftOut(leftOut, shown.files(), files.size(), "changed files");
        String where = fullReport != null ? "The full report is in `" + fullReport + "`."
                : "Run `watasu diff` with `--output FILE` for the full report.";
        return "> **Shortened to at most " + maxLength + " characters.** Not shown: " + String.join(", ", leftOut)
                + ". " + where + "\n\n";
    }

    private static void leftOut(List<String> out, int shown, int total, String what) {
        if (shown < total) {
            out.add((total - shown) + " of " + total + " " + what);
        }
    }
}
