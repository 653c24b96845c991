package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.progress.Progress;
import io.watasu.review.AccessDiff;
import io.watasu.review.DiffReport;
import io.watasu.review.ReviewException;
import io.watasu.review.RevisionReader;
import io.watasu.review.Snapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

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

    @CommandLine.Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("md") && !format.equals("json")) {
            throw new UserFacingException("unknown --format '" + format + "' (use md or json)", ExitCodes.USAGE);
        }
        try (Progress progress = quiet.progress(spec.commandLine())) {
            return diff(progress);
        }
    }

    private int diff(Progress progress) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
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
            Optional<Snapshot> before = load("base", base, path, baseText, err, progress);
            Optional<Snapshot> after = load("head", headLabel, path, headText, err, progress);
            if (before.isEmpty() || after.isEmpty()) {
                return ExitCodes.INVALID_INPUT;
            }
            progress.step("comparing the connections", 0);
            AccessDiff diff = AccessDiff.between(path, base, before.get(), headLabel, after.get());
            progress.clear();
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? DiffReport.json(diff) : DiffReport.markdown(diff));
            out.flush();
            return diff.widened() ? ExitCodes.ACCESS_WIDENED : ExitCodes.OK;
        } catch (ReviewException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE);
        }
    }

    /** The revision's snapshot; empty (after printing its diagnostics) when the file is invalid there. */
    private static Optional<Snapshot> load(String role, String revision, String path, Optional<String> text,
                                           PrintWriter err, Progress progress) {
        if (text.isEmpty()) {
            return Optional.of(Snapshot.absent());
        }
        progress.step("loading the " + role + " revision (" + revision + ")", 0);
        // The revision in the file name makes every diagnostic say which side it is about.
        LoadResult loaded = ConfigLoader.parse(path + "@" + revision, text.get());
        progress.clear();
        for (Diagnostic d : loaded.diagnostics()) {
            err.println(d.format());
        }
        if (!loaded.ok()) {
            err.println("watasu: error: " + path + " is invalid at the " + role + " revision (" + revision
                    + "); fix the errors above");
            err.flush();
            return Optional.empty();
        }
        progress.step("rendering and evaluating the " + role + " revision (" + revision + ")", 0);
        return Optional.of(Snapshot.of(loaded.config()));
    }
}
