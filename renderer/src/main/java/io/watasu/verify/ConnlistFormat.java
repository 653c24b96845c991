package io.watasu.verify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Output formats over a connection list; pure functions, byte-compatible with netpol-analyzer where it has them. */
public enum ConnlistFormat {
    CONNLIST, JSON, MD, CSV, DOT;

    public static ConnlistFormat parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /**
     * @param workloads every workload of the analysis: the graph shows those without connections too
     */
    public String render(List<Connection> connections, List<Workload> workloads) {
        return switch (this) {
            case CONNLIST -> text(connections);
            case JSON -> json(connections);
            case MD -> markdown(connections);
            case CSV -> csv(connections);
            case DOT -> dot(connections, workloads);
        };
    }

    private static String text(List<Connection> connections) {
        StringBuilder out = new StringBuilder();
        for (Connection c : connections) {
            out.append(c.line()).append('\n');
        }
        return out.toString();
    }

    /** Two-space indented array of {src,dst,conn}, without a trailing newline (as the analyzer writes it). */
    private static String json(List<Connection> connections) {
        if (connections.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            out.append("  {\n")
                    .append("    \"src\": ").append(jsonString(c.source().displayName())).append(",\n")
                    .append("    \"dst\": ").append(jsonString(c.destination().displayName())).append(",\n")
                    .append("    \"conn\": ").append(jsonString(c.connections().format())).append('\n')
                    .append(i + 1 < connections.size() ? "  },\n" : "  }\n");
        }
        return out.append(']').toString();
    }

    private static String markdown(List<Connection> connections) {
        StringBuilder out = new StringBuilder("| src | dst | conn |\n|-----|-----|------|\n");
        for (Connection c : connections) {
            out.append("| ").append(c.source().displayName()).append(" | ").append(c.destination().displayName())
                    .append(" | ").append(c.connections().format()).append(" |\n");
        }
        return out.toString();
    }

    private static String csv(List<Connection> connections) {
        StringBuilder out = new StringBuilder("src,dst,conn\n");
        for (Connection c : connections) {
            out.append(csvField(c.source().displayName())).append(',')
                    .append(csvField(c.destination().displayName())).append(',')
                    .append(csvField(c.connections().format())).append('\n');
        }
        return out.toString();
    }

    /**
     * A Graphviz digraph laid out as netpol-analyzer lays it out: one cluster per namespace holding its workloads
     * (every workload, connected or not), then external peers and the ingress controller, then one labelled edge per
     * connection; lines sorted within each part.
     */
    private static String dot(List<Connection> connections, List<Workload> workloads) {
        Map<String, TreeSet<String>> byNamespace = new TreeMap<>();
        TreeSet<String> outside = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Connection c : connections) {
            endpoints.add(c.source());
            endpoints.add(c.destination());
        }
        workloads.forEach(w -> endpoints.add(new Endpoint.OfWorkload(w)));
        for (Endpoint e : endpoints) {
            String id = e.displayName();
            if (!seen.add(id)) {
                continue;
            }
            if (e instanceof Endpoint.OfWorkload w) {
                byNamespace.computeIfAbsent(w.workload().namespace() + "[namespace]", n -> new TreeSet<>())
                        .add("\t\t" + dotNode(id, w.workload().name() + "[" + w.workload().kind() + "]", "blue"));
            } else {
                outside.add("\t" + dotNode(id, id, e instanceof Endpoint.External ? "red2" : "blue"));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("digraph {");
        byNamespace.forEach((namespace, nodes) -> {
            lines.add("\tsubgraph " + dotString("cluster_" + namespace.replace('-', '_')) + " {");
            lines.add("\t\tcolor=\"black\"");
            lines.add("\t\tfontcolor=\"black\"");
            lines.addAll(nodes);
            lines.add("\t\tlabel=" + dotString(namespace));
            lines.add("\t}");
        });
        lines.addAll(outside);
        TreeSet<String> edges = new TreeSet<>();
        for (Connection c : connections) {
            String source = c.source().displayName();
            String destination = c.destination().displayName();
            // Graphviz pulls heavier edges shorter; edges against the names' order weigh more, as in the analyzer.
            edges.add("\t" + dotString(source) + " -> " + dotString(destination) + " [label="
                    + dotString(c.connections().format()) + " color=\"gold2\" fontcolor=\"darkgreen\" weight="
                    + (source.compareTo(destination) <= 0 ? "0.5" : "1") + "]");
        }
        lines.addAll(edges);
        lines.add("}");
        return String.join("\n", lines);
    }

    private static String dotNode(String id, String label, String color) {
        return dotString(id) + " [label=" + dotString(label) + " color=" + dotString(color) + " fontcolor="
                + dotString(color) + "]";
    }

    private static String jsonString(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String dotString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
