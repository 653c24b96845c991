package io.watasu.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    public static String markdown(AccessDiff diff) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(headline(diff)).append("\n\n");
        out.append("`").append(diff.file()).append("` from `").append(diff.base()).append("` to `")
                .append(diff.head()).append("`, as the rendered NetworkPolicies allow it.\n\n");
        connectionSection(out, "Connections granted", diff.granted());
        connectionSection(out, "Connections revoked", diff.revoked());
        out.append("### Apps and teams\n\n");
        int before = out.length();
        names(out, "Team added", diff.teamsAdded());
        names(out, "Team removed", diff.teamsRemoved());
        names(out, "App added", diff.appsAdded());
        names(out, "App removed", diff.appsRemoved());
        if (out.length() == before) {
            out.append("No app or team added or removed.\n");
        }
        out.append('\n');
        if (!diff.graph().isEmpty()) {
            out.append("### Connections between apps of the changed teams\n\n")
                    .append("Thick edges (+) are granted, dotted edges (-) revoked.\n\n")
                    .append("```mermaid\n").append(GraphFormat.mermaid(diff.graph())).append("```\n\n");
        }
        out.append("### Rendered manifests\n\n");
        if (diff.manifestChanges().isEmpty()) {
            out.append("No rendered file changed.\n");
        } else {
            out.append("| File | Change | Lines added | Lines removed |\n|---|---|---:|---:|\n");
            for (FileChange change : diff.manifestChanges()) {
                out.append("| `").append(change.path()).append("` | ").append(change.status().label()).append(" | +")
                        .append(change.linesAdded()).append(" | -").append(change.linesRemoved()).append(" |\n");
            }
        }
        return out.toString();
    }

    private static void connectionSection(StringBuilder out, String title, List<AccessEdge> edges) {
        out.append("### ").append(title).append(" (").append(edges.size()).append(")\n\n");
        if (edges.isEmpty()) {
            out.append("None.\n\n");
            return;
        }
        for (AccessEdge edge : edges) {
            out.append("- `").append(edge.format()).append("` (team ").append(edge.team()).append(")\n");
        }
        out.append('\n');
    }

    private static void names(StringBuilder out, String label, List<String> names) {
        names.forEach(n -> out.append("- ").append(label).append(": `").append(n).append("`\n"));
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
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
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
