package io.watasu.cli;

import io.watasu.fleet.ClusterView;
import io.watasu.fleet.Placement;
import io.watasu.model.WatasuConfig;
import io.watasu.output.OutputWriter;
import io.watasu.output.RenderedTree;
import io.watasu.plan.ArgoCdPlanner;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code --cluster NAME}: narrows a command to one cluster of a fleet (every cluster by default). */
public final class ClusterOption {
    @Option(names = "--cluster", paramLabel = "NAME",
            description = "Only this cluster of the file's fleet (default: every cluster).")
    String name;

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The cluster views the command works on: every cluster's, or the one named.
     *
     * @throws UserFacingException (usage, exit 2) when the file has no such cluster
     */
    public List<ClusterView> views(WatasuConfig config) {
        try {
            return Placement.select(config, name());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
        }
    }

    /** The output paths the named cluster owns (its folder and the fleet's Argo CD objects); every path without it. */
    public Predicate<String> scope() {
        if (name == null) {
            return OutputWriter.EVERY_PATH;
        }
        return path -> path.startsWith(name + "/") || path.startsWith(ArgoCdPlanner.FOLDER + "/");
    }

    /** The part of a rendered tree the command answers for. */
    public RenderedTree narrow(RenderedTree tree) {
        if (name == null) {
            return tree;
        }
        Predicate<String> scope = scope();
        return new RenderedTree(tree.files().stream().filter(f -> scope.test(f.relativePath())).toList());
    }
}
