package io.watasu.review;

import io.watasu.report.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link AccessDiff} as a pull-request comment (Markdown) or for tools (JSON with fixed keys). */
public final class DiffReport {
    private DiffReport() {
    }

    public static String headline(AccessDiff diff) {
        int granted = diff.granted().size();
        int revoked = diff.revoked().size();
        if (granted > 0) {
            return "Access widened: " + connections(granted) + " granted, " + revoked + " revoked";
        }
        if (revoked > 0) {
            return "Access narrowed: " + connections(revoked) + " revoked";
        }
        return "No change in access";
    }

    private static String connections(int count) {
        return count + (count == 1 ? " connection" : " connections");
    }

    /** The whole report as a pull-request comment. */
    public static String markdown(AccessDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append(header(diff));
        connectionSection(out, "Connections granted", edgeLines(diff.granted()), diff.granted().size(), null);
        connectionSection(out, "Connections revoked", edgeLines(diff.revoked()), diff.revoked().size(), null);
        appsSection(out, nameLines(diff), nameLines(diff).size(), null);
        if (!diff.graph().isEmpty()) {
            out.append(graphSection(diff));
        }
        manifestSection(out, fileRows(diff), diff.manifestChanges().size(), null);
        return out.toString();
    }

    /**
     * The report in at most {@code maxLength} characters (0: no limit), for comment systems that reject longer
     * ones: the whole report when it fits, otherwise {@link ShortReport}'s shortened form.
     *
     * @param fullReport where the whole report was written, named in a shortened report; null when nowhere
     */
    public static String markdown(AccessDiff diff, int maxLength, String fullReport) {
        String full = markdown(diff);
        if (maxLength <= 0 || full.length() <= maxLength) {
            return full;
        }
        return ShortReport.markdown(diff, maxLength, fullReport);
    }

    static String header(AccessDiff diff) {
        return "## " + headline(diff) + "\n\n`" + diff.file() + "` from `" + diff.base() + "` to `" + diff.head()
                + "`, as the rendered NetworkPolicies allow it.\n\n";
    }

    /**
     * One section of connections; {@code shown} lines of {@code total}, and when some are left out a last line
     * saying how many ({@code more} is null in a whole report, where none are).
     */
    static void connectionSection(StringBuilder out, String title, List<String> shown, int total, String more) {
        out.append("### ").append(title).append(" (").append(total).append(")\n\n");
        if (total == 0) {
            out.append("None.\n\n");
            return;
        }
        shown.forEach(out::append);
        appendMore(out, shown.size(), total, more);
        out.append('\n');
    }

    static void appsSection(StringBuilder out, List<String> shown, int total, String more) {
        out.append("### Apps and teams\n\n");
        if (total == 0) {
            out.append("No app or team added or removed.\n");
        }
        shown.forEach(out::append);
        appendMore(out, shown.size(), total, more);
        out.append('\n');
    }

    static String graphSection(AccessDiff diff) {
        return "### Connections between apps of the changed teams\n\n"
                + "Thick edges (+) are granted, dotted edges (-) revoked.\n\n"
                + "```mermaid\n" + GraphFormat.mermaid(diff.graph()) + "```\n\n";
    }

    static void manifestSection(StringBuilder out, List<String> shownRows, int total, String more) {
        out.append("### Rendered manifests\n\n");
        if (total == 0) {
            out.append("No rendered file changed.\n");
            return;
        }
        out.append("| File | Change | Lines added | Lines removed |\n|---|---|---:|---:|\n");
        shownRows.forEach(out::append);
        if (shownRows.size() < total) {
            out.append("| ").append(String.format(more, total - shownRows.size())).append(" | | | |\n");
        }
    }

    private static void appendMore(StringBuilder out, int shown, int total, String more) {
        if (shown < total) {
            out.append("- ").append(String.format(more, total - shown)).append('\n');
        }
    }

    static List<String> edgeLines(List<AccessEdge> edges) {
        return edges.stream().map(e -> "- `" + e.format() + "` (team " + e.team() + ")\n").toList();
    }

    static List<String> nameLines(AccessDiff diff) {
        List<String> lines = new ArrayList<>();
        names(lines, "Team added", diff.teamsAdded());
        names(lines, "Team removed", diff.teamsRemoved());
        names(lines, "App added", diff.appsAdded());
        names(lines, "App removed", diff.appsRemoved());
        return lines;
    }

    private static void names(List<String> lines, String label, List<String> names) {
        names.forEach(n -> lines.add("- " + label + ": `" + n + "`\n"));
    }

    static List<String> fileRows(AccessDiff diff) {
        return diff.manifestChanges().stream().map(change -> "| `" + change.path() + "` | "
                + change.status().label() + " | +" + change.linesAdded() + " | -" + change.linesRemoved() + " |\n")
                .toList();
    }

    public static String json(AccessDiff diff) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", diff.file());
        root.put("base", diff.base());
        root.put("head", diff.head());
        root.put("summary", headline(diff));
        root.put("widened", diff.widened());
        root.put("granted", diff.granted().stream().map(DiffReport::edge).toList());
        root.put("revoked", diff.revoked().stream().map(DiffReport::edge).toList());
        root.put("teamsAdded", diff.teamsAdded());
        root.put("teamsRemoved", diff.teamsRemoved());
        root.put("appsAdded", diff.appsAdded());
        root.put("appsRemoved", diff.appsRemoved());
        root.put("manifests", diff.manifestChanges().stream().map(DiffReport::fileChange).toList());
        return Json.pretty(root);
    }

    private static Map<String, Object> edge(AccessEdge edge) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connection", edge.format());
        out.put("team", edge.team());
        out.put("source", edge.source());
        out.put("app", edge.app());
        out.put("process", edge.process());
        out.put("ports", edge.ports());
        return out;
    }

    private static Map<String, Object> fileChange(FileChange change) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", change.path());
        out.put("status", change.status().label());
        out.put("linesAdded", change.linesAdded());
        out.put("linesRemoved", change.linesRemoved());
        return out;
    }
}
