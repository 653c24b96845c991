package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.model.WatasuConfig;
import io.watasu.review.Graphviz;
import io.watasu.review.GraphFormat;
import io.watasu.review.ReviewException;
import io.watasu.review.TrustGraph;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watasu graph}: the trust graph of watasu.yaml as Mermaid, DOT or SVG. */
@Command(name = "graph",
        mixinStandardHelpOptions = true,
        description = {"Draws the trust graph: apps grouped by team, an edge from each trusted caller to every *-tcp "
                + "process of the app that trusts it, labelled with the port."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid watasu.yaml or unknown team", "2:usage error",
                "3:graphviz missing or another failure"})
public final class GraphCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "watasu.yaml",
            description = "The watasu.yaml to draw (default: the one in the current directory).")
    Path file;

    @Option(names = "--team", paramLabel = "TEAM", description = "Draw only this team.")
    String team;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
            description = "mermaid (default), dot, or svg (needs graphviz's dot on PATH).")
    String format;

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Mixin
    ClusterOption cluster;

    @Override
    public Integer call() {
        if (!format.equals("mermaid") && !format.equals("dot") && !format.equals("svg")) {
            throw new UserFacingException("unknown --format '" + format + "' (use mermaid, dot or svg)",
                    ExitCodes.USAGE);
        }
        LoadResult loaded = ConfigLoader.load(file);
        loaded.diagnostics().forEach(d -> spec.commandLine().getErr().println(d.format()));
        if (!loaded.ok()) {
            return ExitCodes.INVALID_INPUT;
        }
        // One cluster's view draws the grants that hold there; the whole file draws every declared grant.
        WatasuConfig model = cluster.name().isEmpty() ? loaded.config() : cluster.views(loaded.config()).get(0).config();
        if (team != null && model.team(team).isEmpty()) {
            throw new UserFacingException("team '" + team + "' is not in " + file + cluster.name()
                    .map(name -> " on cluster " + name).orElse("") + " (teams: "
                    + String.join(", ", model.teams().stream().map(t -> t.name()).sorted().toList()) + ")",
                    ExitCodes.INVALID_INPUT);
        }
        TrustGraph graph = TrustGraph.declared(model, team);
        String text = switch (format) {
            case "mermaid" -> GraphFormat.mermaid(graph);
            case "dot" -> GraphFormat.dot(graph);
            default -> svg(GraphFormat.dot(graph));
        };
        output.write(spec.commandLine(), text);
        return ExitCodes.OK;
    }

    private static String svg(String dot) {
        try {
            return Graphviz.svg(dot);
        } catch (ReviewException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE);
        }
    }

}
