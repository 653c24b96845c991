package io.watasu.cli;

import io.watasu.concurrency.Background;
import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.fleet.ClusterView;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.output.OutputChanges;
import io.watasu.output.OutputException;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedTree;
import io.watasu.output.WriteResult;
import io.watasu.progress.Progress;
import io.watasu.render.ArgoCdSettings;
import io.watasu.render.RenderException;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.report.Check;
import io.watasu.report.Checks;
import io.watasu.report.Finding;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import io.watasu.verify.ManifestException;
import io.watasu.verify.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code watasu render}: watasu.yaml to Kubernetes objects in a folder Watasu owns file by file. */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {
                "Render the network objects (Namespace, NetworkPolicy, Service, Ingress) of every team into DIR:"
                        + " <team>/_team.yaml holds the namespace and baseline policies, <team>/<app>.yaml one app's"
                        + " exposure.",
                "%nOnly changed files are rewritten. Files watasu wrote before and no longer renders are removed"
                        + " (the list lives in DIR/.watasu/owned.txt). The folders directly under DIR are watasu's:"
                        + " a file there that watasu did not write stops the render (Argo CD would apply it with the"
                        + " team's objects) unless --remove-foreign is given; files at the top of DIR and folders"
                        + " starting with '.' are never touched. Symbolic links inside DIR are never followed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:rendered, or (--check) the output is up to date and keeps the contract",
                "1:invalid watasu.yaml or template (nothing written); (--check) the output is stale or breaks the"
                        + " contract; a file watasu did not write, or a symbolic link, in watasu's folders",
                "2:usage error",
                "3:other failure (I/O)"})
public final class RenderCommand implements Callable<Integer>, ReportingCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "watasu.yaml",
            description = "The platform model (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--check", description = "Write nothing; list what is stale and exit 1 unless DIR is up to date "
            + "and (unless --no-audit) its policies keep every promise of watasu.yaml.")
    boolean check;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Folder of *.hbs files replacing built-in templates of the same name.")
    Path templates;

    @CommandLine.Mixin
    QuietOption quiet;

    @Option(names = "--argocd-repo", paramLabel = "URL",
            description = "Also render argocd/ (ApplicationSet and AppProject) reading this Git repository.")
    String argoRepo;

    @Option(names = "--argocd-branch", paramLabel = "BRANCH", defaultValue = "main",
            description = "Branch Argo CD reads (default: ${DEFAULT-VALUE}).")
    String argoBranch;

    @Option(names = "--argocd-path", paramLabel = "PATH", defaultValue = ".",
            description = "Folder of DIR inside that repository, e.g. clusters/prod (default: the repository root)."
                    + " Letters, digits, '-', '_' and '.' in each segment; none may start with '.'.")
    String argoPath;

    @Option(names = "--remove-foreign",
            description = "Delete files in the folders directly under DIR that watasu did not write (and write over"
                    + " them), instead of refusing to render.")
    boolean removeForeign;

    @Option(names = "--no-audit", description = "With --check: do not check the output folder against the contract.")
    boolean noAudit;

    @CommandLine.Mixin
    ReportFormatOption format;

    @CommandLine.Mixin
    ClusterOption cluster;

    @Override
    public Integer call() {
        try (Progress progress = quiet.progress(spec.commandLine())) {
            return render(progress);
        }
    }

    private int render(Progress progress) {
        PrintWriter err = spec.commandLine().getErr();
        RenderOptions options = options();
        // The templates compile, and the earlier output is checked for reuse, while watasu.yaml loads. --check
        // compares a full render with the folder: it must not take the folder's word for anything.
        CompletableFuture<Renderer> renderer = Background.start("templates", () -> Renderer.of(options));
        PreviousOutput previous = check ? PreviousOutput.none() : PreviousOutput.in(out);
        progress.step("loading " + file, 0);
        LoadResult loaded = ConfigLoader.load(file);
        progress.clear();
        List<Finding> findings = new ArrayList<>(Findings.of(loaded.diagnostics()));
        if (format.text()) {
            loaded.diagnostics().forEach(d -> err.println(d.format()));
        }
        if (!loaded.ok()) {
            String summary = loaded.errors().size() + " error(s) in " + file + "; nothing written";
            if (!format.text()) {
                return format.print(spec.commandLine(), report(findings, Map.of(), summary, ExitCodes.INVALID_INPUT));
            }
            err.println("watasu: " + summary);
            return ExitCodes.INVALID_INPUT;
        }
        List<ClusterView> views = cluster.views(loaded.config());
        RenderedTree tree = cluster.narrow(render(renderer, loaded.config(), options, previous, progress));
        try {
            return check ? check(loaded, views, tree, findings, progress) : write(loaded, tree, findings, progress);
        } catch (OutputException.ForeignFiles e) {
            if (!format.text()) {
                findings.addAll(Findings.of(new OutputChanges(List.of(), List.of(), List.of(), List.of(), e.paths(),
                        List.of()), out.toString(), null, FOREIGN_FIX.formatted(out)
                        + ", or run again with --remove-foreign to delete them"));
                return format.print(spec.commandLine(), report(findings, Map.of(), e.paths().size() + " file(s) in "
                        + out + " were not written by watasu; nothing was written", ExitCodes.INVALID_INPUT));
            }
            throw new UserFacingException(e.paths().size() + " file(s) in " + out + " were not written by watasu: "
                    + OutputException.ForeignFiles.sample(e.paths()) + "; Argo CD would apply them with the team's"
                    + " objects, so nothing was written. " + FOREIGN_FIX.formatted(out)
                    + ", or run again with --remove-foreign to delete them", ExitCodes.INVALID_INPUT, e);
        } catch (OutputException.SymbolicLink e) {
            throw new UserFacingException(e.getMessage() + "; nothing was written", ExitCodes.INVALID_INPUT, e);
        } catch (OutputException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE, e);
        }
    }

    /** Writes the tree after the contract gate; the gate's violations stop it before anything is written. */
    private int write(LoadResult loaded, RenderedTree tree, List<Finding> findings, Progress progress) {
        PrintWriter err = spec.commandLine().getErr();
        WatasuConfig config = loaded.config();
        // The folder is read while the gate checks the tree; it is written only if the gate passes.
        OutputWriter.Prepared writing = (removeForeign ? new OutputWriter().removingForeignFiles()
                : new OutputWriter()).within(cluster.scope()).prepare(tree, out);
        if (format.text()) {
            ContractGate.check(config, tree, progress);
        } else {
            List<Violation> violations = ContractGate.violations(config, tree, progress);
            progress.clear();
            if (!violations.isEmpty()) {
                findings.addAll(Findings.of(violations, config, loaded.sources(), ContractGate.RENDER_FIX));
                return format.print(spec.commandLine(), report(findings, Map.of(), violations.size()
                        + " contract violation(s) in the rendered output; nothing written", ExitCodes.INVALID_INPUT));
            }
        }
        progress.step("writing files", 0);
        WriteResult result = writing.write();
        progress.clear();
        String summary = "rendered " + config.apps().count() + " apps in " + config.teams().size() + " teams"
                + onClusters(config) + ": " + result.summary();
        if (!format.text()) {
            findings.addAll(Findings.replacedHandEdits(result.handEdited(), out.toString()));
            findings.addAll(Findings.removedForeignFiles(result.foreign(), out.toString()));
            Map<String, Object> files = new LinkedHashMap<>();
            files.put("written", result.written());
            files.put("removed", result.removed());
            files.put("unchanged", result.unchanged());
            return format.print(spec.commandLine(), report(findings, Map.of("files", files), summary, ExitCodes.OK));
        }
        result.handEdited().forEach(p ->
                err.println("watasu: warning: " + out.resolve(p) + " had been edited by hand; replaced"));
        result.foreign().forEach(p ->
                err.println("watasu: warning: " + out.resolve(p) + " was not written by watasu; removed"));
        if (!quiet.on()) {
            err.println("watasu: " + summary);
        }
        return ExitCodes.OK;
    }

    /**
     * Compares the folder with a full render and, when it is up to date, checks what it holds against the
     * contract (the audit): one command proves both that the committed output is current and that it keeps every
     * promise. A stale folder is not audited; it fails anyway, and would be audited once rendered.
     */
    private int check(LoadResult loaded, List<ClusterView> views, RenderedTree tree, List<Finding> findings,
                      Progress progress) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        progress.step("comparing files with " + out, 0);
        OutputChanges changes = new OutputWriter().within(cluster.scope()).compare(tree, out);
        String renderHint = "run 'watasu render " + file + " --out " + out + "' and commit";
        findings.addAll(Findings.of(changes, out.toString(), renderHint, FOREIGN_FIX.formatted(out)));
        Audit audit = changes.upToDate() && !noAudit ? audit(loaded, views, progress) : Audit.NOT_RUN;
        progress.clear();
        findings.addAll(audit.findings());
        int exitCode = changes.upToDate() && audit.passed() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        String summary = !changes.upToDate()
                ? out + " is stale (" + changes.describe().size() + " difference(s)); " + renderHint
                : out + " is up to date (" + tree.files().size() + " files)" + audit.summary();
        if (!format.text()) {
            return format.print(spec.commandLine(), report(findings, checkFacts(changes, audit), summary, exitCode));
        }
        changes.describe().forEach(stdout::println);
        audit.lines().forEach(stdout::println);
        if (exitCode != ExitCodes.OK || !quiet.on()) {
            err.println("watasu: " + summary);
        }
        if (!changes.foreign().isEmpty()) {
            err.println("watasu: " + FOREIGN_FIX.formatted(out));
        }
        return exitCode;
    }

    /** What the audit of the output folder found; {@link #NOT_RUN} when the folder was stale or --no-audit. */
    private record Audit(boolean run, int teams, List<Violation> violations, List<Finding> findings,
                         List<String> lines) {
        static final Audit NOT_RUN = new Audit(false, 0, List.of(), List.of(), List.of());

        boolean passed() {
            return findings.isEmpty();
        }

        String summary() {
            if (!run) {
                return "";
            }
            if (passed()) {
                return " and keeps every promise of watasu.yaml (" + teams + " teams audited)";
            }
            return violations.isEmpty() ? ", but the verifier cannot read it (" + lines.get(0) + ")"
                    : ", but breaks the contract: " + violations.size() + " violation(s)";
        }
    }

    private Audit audit(LoadResult loaded, List<ClusterView> views, Progress progress) {
        WatasuConfig config = loaded.config();
        int teams = views.stream().mapToInt(view -> view.config().teams().size()).sum();
        try {
            List<Violation> violations = ContractGate.audit(views, out, progress);
            String fix = "the folder's policies must be what watasu renders: look for files added by hand and for "
                    + "--templates overrides";
            return new Audit(true, teams, violations, Findings.of(violations, config, loaded.sources(), fix),
                    violations.stream().map(v -> "contract violation: " + v.format()).toList());
        } catch (ManifestException e) {
            Finding unreadable = Findings.manifest(e.diagnostic(), out.toString());
            return new Audit(true, teams, List.of(), List.of(unreadable), List.of("unreadable: " + e.getMessage()));
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + out + " to audit it: " + e.getClass().getSimpleName()
                    + " (check the folder's permissions, or pass --no-audit)", ExitCodes.FAILURE, e);
        }
    }

    private static Map<String, Object> checkFacts(OutputChanges changes, Audit audit) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("missing", changes.created());
        files.put("changed", changes.changed());
        files.put("stale", changes.removed());
        files.put("foreign", changes.foreign());
        files.put("handEdited", changes.handEdited());
        files.put("unchanged", changes.unchanged().size());
        Map<String, Object> auditFacts = new LinkedHashMap<>();
        auditFacts.put("run", audit.run());
        auditFacts.put("teams", audit.teams());
        auditFacts.put("violations", audit.violations().size());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("upToDate", changes.upToDate());
        facts.put("files", files);
        facts.put("audit", auditFacts);
        return facts;
    }

    private Report report(List<Finding> findings, Map<String, Object> facts, String summary, int exitCode) {
        List<Check> checks = check
                ? Checks.of(Checks.CONFIG, List.of(Checks.UP_TO_DATE, Checks.FOREIGN_FILES), Checks.CONTRACT,
                List.of(Checks.MANIFESTS))
                : Checks.of(Checks.CONFIG, Checks.CONTRACT, List.of(Checks.HAND_EDITS, Checks.FOREIGN_FILES));
        return new Report(reportName(), reportFile(), checks, findings, facts, summary, exitCode);
    }

    @Override
    public ReportFormatOption reportFormat() {
        return format;
    }

    @Override
    public String reportName() {
        return check ? "render --check" : "render";
    }

    @Override
    public String reportFile() {
        return file.toString();
    }

    /** How to deal with files watasu did not write in its folders; %s is the output folder. */
    private static final String FOREIGN_FIX = "Delete them, or keep your own objects in a folder outside %s"
            + " (see 'Your own objects' in docs/render.md)";

    /** " on 3 clusters" for a fleet, " on cluster eu-prod" with --cluster, "" for one implicit cluster. */
    private String onClusters(WatasuConfig config) {
        if (!config.fleet().declared()) {
            return "";
        }
        int clusters = config.fleet().clusters().size();
        return cluster.name().map(name -> " on cluster " + name)
                .orElse(" on " + clusters + (clusters == 1 ? " cluster" : " clusters"));
    }

    private RenderOptions options() {
        RenderOptions options = RenderOptions.defaults();
        if (templates != null) {
            options = options.withTemplatesDir(templates);
        }
        if (argoRepo != null) {
            String path;
            try {
                path = argoPath.equals(".") ? "." : Names.repositoryPath(argoPath);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--argocd-path: " + e.getMessage());
            }
            try {
                options = options.withArgoCd(new ArgoCdSettings(argoRepo, argoBranch, path));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return options;
    }

    private static RenderedTree render(CompletableFuture<Renderer> renderer, WatasuConfig config,
                                       RenderOptions options, PreviousOutput previous, Progress progress) {
        try {
            return Background.join(renderer).render(config, options.argoCd(), previous, progress);
        } catch (RenderException e) {
            throw new UserFacingException(e.getMessage() + "; nothing written", ExitCodes.INVALID_INPUT, e);
        }
    }
}
