package io.watasu.cli;

import io.watasu.concurrency.Background;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.fleet.ClusterView;
import io.watasu.fleet.Placement;
import io.watasu.model.WatasuConfig;
import io.watasu.progress.Progress;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.review.AccessDiff;
import io.watasu.review.AccessReview;
import io.watasu.review.DiffReport;
import io.watasu.review.ReviewException;
import io.watasu.review.RevisionReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code watasu diff --base REV}: who can reach whom after a change to watasu.yaml that could not before. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        description = {
                "Compares the connections that the rendered NetworkPolicies allow at two git revisions of watasu.yaml "
                        + "and reports the connections granted and revoked, for a pull-request comment."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no connection granted",
                "1:watasu.yaml is invalid at one of the revisions",
                "2:usage error",
                "3:not a git repository, unknown revision, or another failure",
                "4:access widened: at least one connection granted"})
public final class DiffCommand implements Callable<Integer> {
    private static final String WORKING_TREE = "working tree";
    /** GitHub rejects comments over 65,536 characters; the rest is room for a CI job's own lines around it. */
    static final int DEFAULT_MAX_LENGTH = 65_000;
    static final int MIN_MAX_LENGTH = 2_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "REV",
            description = "Revision to compare against, e.g. origin/main.")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "Revision to compare (default: the working-tree file).")
    String head;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "watasu.yaml",
            description = "watasu.yaml in the working tree of a git repository (default: the one in the current directory).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "md (default) or json.")
    String format;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_LENGTH,
            description = "Markdown only: at most N characters (default: ${DEFAULT-VALUE}, under GitHub's limit for "
                    + "a comment; 0: no limit). A longer report keeps the headline, the counts and as many "
                    + "connections as fit, and says what it left out.")
    int maxLength;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the whole report, never shortened, to FILE (a shortened report names it).")
    Path output;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Mixin
    ClusterOption cluster;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("md") && !format.equals("json")) {
            throw new UserFacingException("unknown --format '" + format + "' (use md or json)", ExitCodes.USAGE);
        }
        if (maxLength != 0 && maxLength < MIN_MAX_LENGTH) {
            throw new UserFacingException("--max-length must be 0 (no limit) or at least " + MIN_MAX_LENGTH
                    + ": the headline and the counts need that much", ExitCodes.USAGE);
        }
        try (Progress progress = quiet.progress(spec.commandLine())) {
            return diff(progress);
        }
    }

    private int diff(Progress progress) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        // The templates compile on another core while the revisions are read and loaded.
        CompletableFuture<Renderer> renderer = Background.start("templates",
                () -> Renderer.of(RenderOptions.defaults()));
        progress.step("reading " + file + " at " + base + " and " + (head == null ? "in the working tree" : head), 0);
        try (RevisionReader reader = RevisionReader.open(file)) {
            String path = reader.pathInRepository();
            Optional<String> baseText = reader.readAt(base);
            Optional<String> headText = head == null ? reader.readWorkingTree() : reader.readAt(head);
            String headLabel = head == null ? WORKING_TREE : head;
            if (baseText.isEmpty() && headText.isEmpty()) {
                throw new ReviewException(path + " is neither at " + base + " nor in the " + headLabel
                        + " (pass the path of watasu.yaml as FILE)");
            }
            progress.step("loading both revisions", 0);
            CompletableFuture<Optional<LoadResult>> baseLoad = Background.start("load-base",
                    () -> load(path, base, baseText));
            Optional<LoadResult> after = load(path, headLabel, headText);
            Optional<LoadResult> before = Background.join(baseLoad);
            progress.clear();
            boolean baseValid = report("base", base, path, before, err);
            boolean headValid = report("head", headLabel, path, after, err);
            if (!baseValid || !headValid) {
                return ExitCodes.INVALID_INPUT;
            }
            progress.step("rendering and evaluating the teams the change touches", 0);
            AccessReview review = new AccessReview(Background.join(renderer));
            if (isFleet(config(before)) || isFleet(config(after))) {
                return fleetDiff(review, path, headLabel, config(before), config(after), progress);
            }
            if (cluster.name().isPresent()) {
                // As every other command: a cluster that is nowhere is a mistake, not a request for everything.
                throw new UserFacingException("--cluster " + cluster.name().get() + ": neither revision declares"
                        + " clusters (the file renders for one cluster); leave --cluster out", ExitCodes.USAGE);
            }
            AccessDiff diff = review.diff(path, base, config(before), headLabel, config(after));
            progress.clear();
            print(diff);
            return diff.widened() ? ExitCodes.ACCESS_WIDENED : ExitCodes.OK;
        } catch (ReviewException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE);
        }
    }

    private static boolean isFleet(WatasuConfig config) {
        return config != null && config.fleet().declared();
    }

    /**
     * A fleet's change, cluster by cluster: each cluster's view at both revisions (a revision without clusters is
     * what every cluster ran before), one report per cluster, headed by the clusters the access change reaches.
     */
    private int fleetDiff(AccessReview review, String path, String headLabel, WatasuConfig before,
                          WatasuConfig after, Progress progress) {
        Set<String> names = new LinkedHashSet<>();
        for (WatasuConfig config : Arrays.asList(after, before)) {
            if (isFleet(config)) {
                config.fleet().clusters().forEach(c -> names.add(c.name()));
            }
        }
        if (cluster.name().isPresent()) {
            if (!names.contains(cluster.name().get())) {
                throw new UserFacingException("--cluster " + cluster.name().get() + ": no such cluster at either"
                        + " revision; the file declares " + String.join(", ", names), ExitCodes.USAGE);
            }
            names.retainAll(Set.of(cluster.name().get()));
        }
        Map<String, AccessDiff> diffs = new LinkedHashMap<>();
        for (String name : names) {
            diffs.put(name, review.diff(path + " (cluster " + name + ")", base, onCluster(before, name), headLabel,
                    onCluster(after, name)));
        }
        progress.clear();
        List<String> reached = diffs.entrySet().stream()
                .filter(e -> !e.getValue().granted().isEmpty() || !e.getValue().revoked().isEmpty())
                .map(Map.Entry::getKey).toList();
        List<String> widenedOn = diffs.entrySet().stream().filter(e -> e.getValue().widened())
                .map(Map.Entry::getKey).toList();
        StringBuilder whole = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        if (format.equals("json")) {
            whole.append("{\"reached\":").append(jsonNames(reached)).append(",\"widened\":")
                    .append(jsonNames(widenedOn)).append(",\"clusters\":{");
            String separator = "";
            for (Map.Entry<String, AccessDiff> e : diffs.entrySet()) {
                whole.append(separator).append('"').append(e.getKey()).append("\":")
                        .append(DiffReport.json(e.getValue()).strip());
                separator = ",";
            }
            whole.append("}}\n");
            shown.append(whole);
        } else {
            Map<String, AccessDiff> changed = new LinkedHashMap<>(diffs);
            changed.values().removeIf(d -> d.granted().isEmpty() && d.revoked().isEmpty() && d.teamsAdded().isEmpty()
                    && d.teamsRemoved().isEmpty() && d.appsAdded().isEmpty() && d.appsRemoved().isEmpty()
                    && d.manifestChanges().isEmpty());
            List<String> unchanged = diffs.keySet().stream().filter(n -> !changed.containsKey(n)).toList();
            String headline = "**Clusters the access change reaches:** " + (reached.isEmpty() ? "none"
                    : String.join(", ", reached)) + (widenedOn.isEmpty() ? "" : " (widened on "
                    + String.join(", ", widenedOn) + ")") + (unchanged.isEmpty() ? ""
                    : "; nothing changes on " + String.join(", ", unchanged)) + "\n\n";
            whole.append(headline);
            shown.append(headline);
            int each = maxLength == 0 || changed.isEmpty() ? 0
                    : Math.max(MIN_MAX_LENGTH, (maxLength - headline.length()) / changed.size());
            changed.forEach((name, diff) -> {
                whole.append("## Cluster ").append(name).append("\n\n").append(DiffReport.markdown(diff));
                shown.append("## Cluster ").append(name).append("\n\n")
                        .append(DiffReport.markdown(diff, each, output == null ? null : output.toString()));
            });
        }
        writeWhole(whole.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.print(shown);
        out.flush();
        return widenedOn.isEmpty() ? ExitCodes.OK : ExitCodes.ACCESS_WIDENED;
    }

    /** The cluster's view; a revision without clusters ran the whole file on every cluster; null when absent. */
    private static WatasuConfig onCluster(WatasuConfig config, String name) {
        if (config == null || !config.fleet().declared()) {
            return config;
        }
        return Placement.view(config, name).map(ClusterView::config).orElse(null);
    }

    private static String jsonNames(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private void print(AccessDiff diff) {
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            String json = DiffReport.json(diff);
            writeWhole(json);
            out.print(json);
        } else {
            writeWhole(DiffReport.markdown(diff));
            out.print(DiffReport.markdown(diff, maxLength, output == null ? null : output.toString()));
        }
        out.flush();
    }

    private void writeWhole(String report) {
        if (output == null) {
            return;
        }
        try {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + output + ": " + e.getClass().getSimpleName()
                    + " (check that its folder exists and is writable)", ExitCodes.FAILURE);
        }
    }

    /** The revision's file loaded; empty when the revision has no such file. */
    private static Optional<LoadResult> load(String path, String revision, Optional<String> text) {
        // The revision in the file name makes every diagnostic say which side it is about.
        return text.map(t -> ConfigLoader.parse(path + "@" + revision, t));
    }

    /** Prints the revision's diagnostics; false when the file is invalid there. */
    private static boolean report(String role, String revision, String path, Optional<LoadResult> loaded,
                                  PrintWriter err) {
        if (loaded.isEmpty()) {
            return true;
        }
        for (Diagnostic d : loaded.get().diagnostics()) {
            err.println(d.format());
        }
        if (!loaded.get().ok()) {
            err.println("watasu: error: " + path + " is invalid at the " + role + " revision (" + revision
                    + "); fix the errors above");
            err.flush();
            return false;
        }
        return true;
    }

    private static WatasuConfig config(Optional<LoadResult> loaded) {
        return loaded.map(LoadResult::config).orElse(null);
    }
}
