package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.progress.Progress;
import io.watasu.report.Checks;
import io.watasu.report.Finding;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import io.watasu.report.ReportFormat;
import io.watasu.verify.ConnectivityAnalyzer;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code watasu verify DIR}: lists who can connect to whom under the NetworkPolicies in DIR. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluates the NetworkPolicies in a directory of Kubernetes manifests independently of the renderer and "
                        + "lists every allowed connection (netpol-analyzer connlist format by default).",
                "With --config, checks the policies against the promises of watasu.yaml instead and lists every "
                        + "violation."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (with --config: no violation)",
                "1:invalid manifests, or --config found violations",
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

    @CommandLine.Mixin
    OutputOption output;

    @CommandLine.Mixin
    QuietOption quiet;

    private static final String CONNLIST = "connlist";

    @Override
    public Integer call() {
        try (Progress progress = quiet.progress(spec.commandLine())) {
            return verify(progress);
        }
    }

    private int verify(Progress progress) {
        if (config != null) {
            ReportFormatOption report = reportFormat();
            return report.text() ? checkIntent(progress) : checkIntent(report, progress);
        }
        ConnlistFormat connlist = connlistFormat();
        progress.step("reading manifests in " + directory, 0);
        ManifestSet manifests = readManifests(directory);
        progress.step("evaluating the policies", 0);
        String connections = connlist.render(ConnectivityAnalyzer.analyze(manifests).connections());
        progress.clear();
        output.write(spec.commandLine(), connections);
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

    /** The contract check as a machine-readable report: the loader's findings, then every violation. */
    private int checkIntent(ReportFormatOption report, Progress progress) {
        progress.step("loading " + config, 0);
        LoadResult loaded = ConfigLoader.load(config);
        List<Finding> findings = new ArrayList<>(Findings.of(loaded.diagnostics()));
        int violations = 0;
        String summary;
        if (loaded.ok()) {
            progress.step("reading manifests in " + directory, 0);
            ManifestSet manifests = readManifests(directory);
            progress.step("checking the policies against " + config, 0);
            List<Violation> found = IntentCheck.check(loaded.config(), manifests);
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
        progress.step("reading manifests in " + directory, 0);
        ManifestSet manifests = readManifests(directory);
        progress.step("checking the policies against " + config, 0);
        List<Violation> violations = IntentCheck.check(loaded.config(), manifests);
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

    static ManifestSet readManifests(Path directory) {
        try {
            return ManifestReader.read(directory);
        } catch (ManifestException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.INVALID_INPUT);
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
