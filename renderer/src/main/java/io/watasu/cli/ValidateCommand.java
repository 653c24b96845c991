package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.EffectivePlatform;
import io.watasu.config.LoadResult;
import io.watasu.config.Subjects;
import io.watasu.fleet.ClusterView;
import io.watasu.model.WatasuConfig;
import io.watasu.report.Checks;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code watasu validate [FILE]}: loads watasu.yaml and prints every error and warning, one per line. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Checks a watasu.yaml and prints every error and warning as FILE:LINE:COLUMN: level: message.",
                "With --show-platform, a valid file's platform in effect is printed as YAML on stdout, each value"
                        + " followed by where it came from (FILE:LINE, profile NAME or default); the summary line"
                        + " then goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the file is valid (warnings may have been printed)",
                "1:the file has errors, or cannot be read",
                "2:usage error"})
public final class ValidateCommand implements Callable<Integer>, ReportingCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "watasu.yaml",
            description = "The file to check (default: ${DEFAULT-VALUE}).")
    Path file;

    @CommandLine.Mixin
    ReportFormatOption format;

    @CommandLine.Mixin
    ClusterOption cluster;

    @CommandLine.Option(names = "--show-platform",
            description = "Print the platform in effect (defaults, profile and file merged) as YAML, with origins.")
    boolean showPlatform;

    @Override
    public Integer call() {
        if (showPlatform && !format.text()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--show-platform prints YAML and does not combine with --format " + format.format.name()
                            .toLowerCase(java.util.Locale.ROOT));
        }
        LoadResult result = ConfigLoader.load(file);
        int exitCode = result.ok() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        String summary = result.ok()
                ? file + ": valid (" + result.config().teams().size() + " teams, " + result.config().apps().count()
                + " apps, " + result.warnings().size() + " warnings)" + clusters(result.config())
                : file + ": " + result.errors().size() + " error(s), " + result.warnings().size() + " warning(s)";
        if (!format.text()) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("teams", result.ok() ? result.config().teams().size() : null);
            facts.put("apps", result.ok() ? result.config().apps().count() : null);
            return format.print(spec.commandLine(), new Report(reportName(), reportFile(), Checks.of(Checks.CONFIG),
                    Findings.of(result.diagnostics()), facts, summary, exitCode));
        }
        PrintWriter err = spec.commandLine().getErr();
        result.diagnostics().forEach(d -> err.println(d.format()));
        err.flush();
        if (!result.ok()) {
            return exitCode;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (showPlatform) {
            out.print(platforms(result));
            err.println(summary);
            err.flush();
        } else {
            out.println(summary);
        }
        out.flush();
        return exitCode;
    }

    /**
     * The platform in effect: the file's, or in a fleet each cluster's (or the one named), headed by a comment line
     * naming it, with origins where the cluster's own settings are written.
     */
    private String platforms(LoadResult result) {
        WatasuConfig config = result.config();
        if (!config.fleet().declared()) {
            cluster.views(config);
            return EffectivePlatform.yaml(config.platform(), result.sources());
        }
        StringBuilder text = new StringBuilder();
        for (ClusterView view : cluster.views(config)) {
            text.append("# cluster ").append(view.cluster().name()).append('\n').append(EffectivePlatform.yaml(
                    view.cluster().platform(), result.sources().withPlatformAt(
                            Subjects.field(Subjects.cluster(view.cluster().name()), Subjects.PLATFORM))));
        }
        return text.toString();
    }

    /** For a fleet, what each cluster (or the one named) runs: "; staging: 2 teams, 3 apps; eu-prod: ...". */
    private String clusters(WatasuConfig config) {
        if (!config.fleet().declared() && cluster.name().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (ClusterView view : cluster.views(config)) {
            text.append("; ").append(view.cluster().name()).append(": ").append(view.config().teams().size())
                    .append(" teams, ").append(view.config().apps().count()).append(" apps");
        }
        return text.toString();
    }

    @Override
    public ReportFormatOption reportFormat() {
        return format;
    }

    @Override
    public String reportName() {
        return "validate";
    }

    @Override
    public String reportFile() {
        return file.toString();
    }
}
