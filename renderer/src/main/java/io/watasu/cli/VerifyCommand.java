package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.fleet.ClusterView;
import io.watasu.model.WatasuConfig;
import io.watasu.progress.Progress;
import io.watasu.report.Checks;
import io.watasu.report.Finding;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import io.watasu.report.ReportFormat;
import io.watasu.verify.ConnectionExplainer;
import io.watasu.verify.ConnectivityAnalyzer;
import io.watasu.verify.Focus;
import io.watasu.verify.IntentCheck;
import io.watasu.verify.ConnlistFormat;
import io.watasu.verify.ManifestException;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;
import io.watasu.verify.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code watasu verify DIR}: lists who can connect to whom under the NetworkPolicies in DIR. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluates the NetworkPolicies in a directory of Kubernetes manifests independently of the renderer and "
                        + "lists every allowed connection (netpol-analyzer connlist format by default).",
                "With --config, checks the policies against the promises of watasu.yaml instead and lists every "
                        + "violation.",
                "Evaluated: NetworkPolicy (networking.k8s.io/v1), AdminNetworkPolicy and BaselineAdminNetworkPolicy "
                        + "(policy.networking.k8s.io/v1alpha1), ClusterNetworkPolicy (v1alpha2), workloads, Pods, "
                        + "Namespaces, Services, Ingresses and OpenShift Routes. Objects that can change traffic but "
                        + "are not evaluated (Calico, Cilium, Antrea policies, MultiNetworkPolicy, Gateway API routes, "
                        + "...) are reported on stderr as FILE:LINE:COLUMN warnings; see docs/verify.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (with --config: no violation)",
                "1:invalid manifests, --config found violations, or --strict and objects not evaluated",
                "2:usage error",
                "3:I/O failure"})
public final class VerifyCommand implements Callable<Integer>, ReportingCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of manifests (.yaml/.yml/.json, read recursively).")
    Path directory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = CONNLIST,
            description = "connlist (default), json, md, csv or dot; with --config: text (default), json, github, "
                    + "sarif or junit (see docs/output-formats.md).")
    String format;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Check the policies against the contract of this watasu.yaml and list every violation.")
    Path config;

    @Option(names = "--strict",
            description = "Exit 1 when DIR holds objects that can change traffic but are not evaluated.")
    boolean strict;

    @Option(names = "--focus-workload", paramLabel = "NAME", split = ",",
            description = "List only connections from or to these workloads (name or namespace/name; "
                    + "comma-separated or repeated).")
    List<String> focusWorkloads = List.of();

    @Option(names = "--explain", description = "For every pair (with --focus-workload: every pair with those "
            + "workloads), print what is allowed and the policy rules (file:line) that allowed or denied each part.")
    boolean explain;

    @Option(names = "--ipv6", description = "List external IPv6 peers too (netpol-analyzer lists IPv4 only).")
    boolean ipv6;

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Mixin
    ClusterOption cluster;

    private static final String CONNLIST = "connlist";

    private ManifestSet manifests;
    private CompletableFuture<ManifestSet> reading;

    @Override
    public Integer call() {
        if (config != null) {
            // Read the manifests while watasu.yaml loads. A thread of its own rather than the common pool, whose one
            // worker (on two cores) would then be taken and leave the parallel reading a single thread.
            reading = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    reading.complete(readManifests(directory));
                } catch (RuntimeException | Error e) {
                    reading.completeExceptionally(e);
                }
            }, "watasu-verify-read");
            reader.setDaemon(true);
            reader.start();
        }
        int code;
        try (Progress progress = quiet.progress(spec.commandLine())) {
            code = config == null ? list(progress)
                    : reportFormat().text() ? checkIntent(progress) : checkIntent(reportFormat(), progress);
        }
        if (strict && code == ExitCodes.OK && !manifests.warnings().isEmpty()) {
            spec.commandLine().getErr().println("verify: --strict: " + manifests.warnings().size()
                    + " object(s) in " + directory + " can change traffic but are not evaluated (listed above)");
            return ExitCodes.INVALID_INPUT;
        }
        return code;
    }

    private int list(Progress progress) {
        ConnlistFormat connlist = connlistFormat();
        if (explain && connlist != ConnlistFormat.CONNLIST) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--explain prints text; it cannot be combined with --format "
                            + connlist.name().toLowerCase(Locale.ROOT));
        }
        progress.step("reading manifests in " + directory, 0);
        ManifestSet read = manifests(progress);
        progress.step("evaluating the policies", 0);
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyze(read, List.of(), ipv6);
        Focus focus = new Focus(focusWorkloads);
        List<String> unmatched = focus.unmatched(analysis.workloads(),
                !ConnectivityAnalyzer.ingressRoutes(read).isEmpty());
        if (!unmatched.isEmpty()) {
            throw new UserFacingException("no workload in " + directory + " is named " + String.join(", ", unmatched)
                    + " (give --focus-workload as name or namespace/name)", ExitCodes.INVALID_INPUT);
        }
        String text = explain ? ConnectionExplainer.explain(analysis, read, focus)
                : connlist.render(focus.filter(analysis.connections()), focus.filterWorkloads(analysis.workloads()));
        progress.clear();
        PrintWriter err = spec.commandLine().getErr();
        if (read.workloads().isEmpty()) {
            err.println("verify: " + directory + " holds no Pods or workloads, so there is nothing to connect: an empty"
                    + " list does not mean that everything is denied. Rendered watasu output holds policies only;"
                    + " check it against its model with 'watasu verify " + directory + " --config watasu.yaml' or ask"
                    + " 'watasu explain FROM TO --rendered " + directory + "'");
        }
        if (!ipv6 && !quiet.on()) {
            read.firstIpv6Rule().ifPresent(at -> err.println("verify: " + at + ": the policies name IPv6 addresses;"
                    + " they are evaluated, but external IPv6 peers are listed only with --ipv6 (netpol-analyzer"
                    + " lists IPv4 only)"));
        }
        output.write(spec.commandLine(), text);
        return ExitCodes.OK;
    }

    private ConnlistFormat connlistFormat() {
        try {
            return ConnlistFormat.parse(format);
        } catch (IllegalArgumentException e) {
            String only = List.of("text", "github", "sarif", "junit").contains(format) ? " (" + format
                    + " is a format of --config's report)" : "";
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --format '" + format + "' (use connlist, json, md, csv or dot)" + only);
        }
    }

    /** With --config, the report's format: connlist (the default) stands for text. */
    @Override
    public ReportFormatOption reportFormat() {
        if (config == null) {
            return ReportFormatOption.of(ReportFormat.TEXT);
        }
        try {
            return ReportFormatOption.of(format.equals(CONNLIST) ? ReportFormat.TEXT : ReportFormat.parse(format));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + format
                    + "' with --config (use " + ReportFormat.NAMES + ")");
        }
    }

    @Override
    public String reportName() {
        return "verify --config";
    }

    @Override
    public String reportFile() {
        return config == null ? null : config.toString();
    }

    @Override
    public void printReport(CommandLine cli, Report report) {
        output.write(cli, reportFormat().render(report));
    }

    /** The manifests of DIR, read once; what is not evaluated is reported on stderr. */
    private ManifestSet manifests(Progress progress) {
        if (manifests == null) {
            try {
                manifests = reading != null ? reading.join() : readManifests(directory);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            if (!manifests.warnings().isEmpty()) {
                progress.clear();
                manifests.warnings().forEach(w -> spec.commandLine().getErr().println(w.format()));
            }
        }
        return manifests;
    }

    private int checkIntent(Progress progress) {
        progress.step("loading " + config, 0);
        LoadResult loaded = ConfigLoader.load(config);
        progress.clear();
        for (Diagnostic d : loaded.diagnostics()) {
            spec.commandLine().getErr().println(d.format());
        }
        if (!loaded.ok()) {
            return ExitCodes.INVALID_INPUT;
        }
        List<Violation> violations = contractViolations(loaded.config(), progress);
        progress.clear();
        StringBuilder text = new StringBuilder();
        violations.forEach(v -> text.append(v.format()).append('\n'));
        output.write(spec.commandLine(), text.toString());
        if (violations.isEmpty()) {
            if (quiet.on()) {
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println("verify: the policies in " + directory + " keep every promise of "
                    + config);
            return ExitCodes.OK;
        }
        spec.commandLine().getErr().println("verify: " + violations.size() + " violation"
                + (violations.size() == 1 ? "" : "s") + " of " + config + " in " + directory);
        return ExitCodes.INVALID_INPUT;
    }

    /** The contract check as a machine-readable report: the loader's findings, then every violation. */
    private int checkIntent(ReportFormatOption report, Progress progress) {
        progress.step("loading " + config, 0);
        LoadResult loaded = ConfigLoader.load(config);
        List<Finding> findings = new ArrayList<>(Findings.of(loaded.diagnostics()));
        int violations = 0;
        String summary;
        if (loaded.ok()) {
            List<Violation> found = contractViolations(loaded.config(), progress);
            violations = found.size();
            findings.addAll(Findings.of(found, loaded.config(), loaded.sources(), null));
            summary = found.isEmpty() ? "the policies in " + directory + " keep every promise of " + config
                    : found.size() + " violation" + (found.size() == 1 ? "" : "s") + " of " + config + " in "
                    + directory;
        } else {
            summary = loaded.errors().size() + " error(s) in " + config;
        }
        progress.clear();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("directory", directory.toString());
        facts.put("violations", loaded.ok() ? violations : null);
        int exitCode = loaded.ok() && violations == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        printReport(spec.commandLine(), new Report(reportName(), reportFile(), Checks.of(Checks.CONFIG,
                Checks.CONTRACT), findings, facts, summary, exitCode));
        return exitCode;
    }

    /**
     * The contract check of DIR. A fleet's output is judged cluster by cluster: each cluster's folder
     * ({@code DIR/<cluster>}) against that cluster's view of watasu.yaml, its own platform facts included.
     */
    private List<Violation> contractViolations(WatasuConfig model, Progress progress) {
        List<ClusterView> views = cluster.views(model);
        if (!model.fleet().declared()) {
            progress.step("reading manifests in " + directory, 0);
            ManifestSet read = manifests(progress);
            progress.step("checking the policies against " + config, 0);
            return IntentCheck.check(model, read);
        }
        List<Violation> violations = new ArrayList<>();
        List<Diagnostic> unevaluated = new ArrayList<>();
        for (ClusterView view : views) {
            Path folder = directory.resolve(view.cluster().name());
            progress.step("reading manifests in " + folder, 0);
            ManifestSet read = readManifests(folder);
            progress.clear();
            read.warnings().forEach(w -> spec.commandLine().getErr().println(w.format()));
            unevaluated.addAll(read.warnings());
            progress.step("checking the policies of " + view.label() + " against " + config, 0);
            violations.addAll(ContractGate.onCluster(view, IntentCheck.check(view.config(), read)));
        }
        manifests = new ManifestSet(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), unevaluated);
        return violations;
    }

    static ManifestSet readManifests(Path directory) {
        try {
            return ManifestReader.read(directory);
        } catch (ManifestException e) {
            throw UserFacingException.located(e.diagnostic(), ExitCodes.INVALID_INPUT);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("cannot read " + e.getFile() + ": no such file or directory (give the"
                    + " directory of manifests)", ExitCodes.FAILURE);
        } catch (NotDirectoryException e) {
            throw new UserFacingException(e.getFile() + " is not a directory (give the directory of manifests)",
                    ExitCodes.FAILURE);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + directory + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
    }

}
