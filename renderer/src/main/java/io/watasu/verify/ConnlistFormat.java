package io.watasu.verify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Output formats over a connection list; pure functions, byte-compatible with netpol-analyzer where it has them. */
public enum ConnlistFormat {
    CONNLIST, JSON, MD, CSV, DOT;

    public static ConnlistFormat parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String render(List<Connection> connections) {
        return switch (this) {
            case CONNLIST -> text(connections);
            case JSON -> json(connections);
            case MD -> markdown(connections);
            case CSV -> csv(connections);
            case DOT -> dot(connections);
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

    /** A graphviz digraph: one node per endpoint, one labelled edge per connection. */
    private static String dot(List<Connection> connections) {
        TreeSet<String> nodes = new TreeSet<>();
        for (Connection c : connections) {
            nodes.add(c.source().displayName());
            nodes.add(c.destination().displayName());
        }
        StringBuilder out = new StringBuilder("digraph connectivity {\n  rankdir=LR;\n  node [shape=box];\n");
        for (String node : nodes) {
            out.append("  ").append(dotString(node)).append(node.endsWith("[External]") || node.startsWith("{")
                    ? " [shape=ellipse];\n" : ";\n");
        }
        for (Connection c : connections) {
            out.append("  ").append(dotString(c.source().displayName())).append(" -> ")
                    .append(dotString(c.destination().displayName())).append(" [label=")
                    .append(dotString(c.connections().format())).append("];\n");
        }
        return out.append("}\n").toString();
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
