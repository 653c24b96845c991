package io.watasu.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** Text forms of a {@link TrustGraph}: Mermaid (renders in GitHub comments) and Graphviz DOT. */
public final class GraphFormat {
    private static final String ADDED_STYLE = "stroke:#1a7f37,stroke-width:3px";
    private static final String REMOVED_STYLE = "stroke:#cf222e,stroke-dasharray:5 5";

    private GraphFormat() {
    }

    /**
     * A {@code flowchart LR} with one subgraph per team. Added edges are thick and green and labelled {@code +},
     * removed ones dotted and red and labelled {@code -}, so the change reads even where styles are not shown.
     */
    public static String mermaid(TrustGraph graph) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        for (Map.Entry<String, SortedSet<String>> team : graph.appsByTeam().entrySet()) {
            out.append("  subgraph ").append(mermaidId("team", team.getKey())).append("[\"")
                    .append(team.getKey()).append("\"]\n");
            for (String app : team.getValue()) {
                out.append("    ").append(mermaidId("app", app)).append("[\"").append(app).append("\"]\n");
            }
            out.append("  end\n");
        }
        List<String> linkStyles = new ArrayList<>();
        int index = 0;
        for (List<GraphEdge> edges : graph.edgesByTeam().values()) {
            for (GraphEdge edge : edges) {
                String arrow = switch (edge.change()) {
                    case UNCHANGED -> " -->|\"" + edge.label() + "\"| ";
                    case ADDED -> " ==>|\"+ " + edge.label() + "\"| ";
                    case REMOVED -> " -.->|\"- " + edge.label() + "\"| ";
                };
                out.append("  ").append(mermaidId("app", edge.caller())).append(arrow)
                        .append(mermaidId("app", edge.app())).append('\n');
                switch (edge.change()) {
                    case ADDED -> linkStyles.add("  linkStyle " + index + " " + ADDED_STYLE + "\n");
                    case REMOVED -> linkStyles.add("  linkStyle " + index + " " + REMOVED_STYLE + "\n");
                    case UNCHANGED -> {
                    }
                }
                index++;
            }
        }
        linkStyles.forEach(out::append);
        return out.toString();
    }

    /** Mermaid ids may not contain {@code -}; names are DNS labels, so {@code _} cannot collide. */
    private static String mermaidId(String prefix, String name) {
        return prefix + "_" + name.replace('-', '_');
    }

    /** A {@code digraph} with one {@code cluster_<team>} subgraph per team; added/removed edges coloured. */
    public static String dot(TrustGraph graph) {
        StringBuilder out = new StringBuilder("digraph trust {\n  rankdir=LR;\n  node [shape=box];\n");
        for (Map.Entry<String, SortedSet<String>> team : graph.appsByTeam().entrySet()) {
            out.append("  subgraph ").append(quote("cluster_" + team.getKey())).append(" {\n")
                    .append("    label=").append(quote(team.getKey())).append(";\n");
            for (String app : team.getValue()) {
                out.append("    ").append(quote(app)).append(";\n");
            }
            out.append("  }\n");
        }
        for (List<GraphEdge> edges : graph.edgesByTeam().values()) {
            for (GraphEdge edge : edges) {
                String attributes = switch (edge.change()) {
                    case UNCHANGED -> "label=" + quote(edge.label());
                    case ADDED -> "label=" + quote("+ " + edge.label()) + ", color=\"#1a7f37\", penwidth=2";
                    case REMOVED -> "label=" + quote("- " + edge.label()) + ", color=\"#cf222e\", style=dashed";
                };
                out.append("  ").append(quote(edge.caller())).append(" -> ").append(quote(edge.app()))
                        .append(" [").append(attributes).append("];\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String quote(String id) {
        return '"' + id.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
