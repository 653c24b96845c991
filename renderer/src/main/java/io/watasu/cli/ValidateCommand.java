package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.EffectivePlatform;
import io.watasu.config.LoadResult;
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
                + " apps, " + result.warnings().size() + " warnings)"
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
            out.print(EffectivePlatform.yaml(result.config().platform(), result.sources()));
            err.println(summary);
            err.flush();
        } else {
            out.println(summary);
        }
        out.flush();
        return exitCode;
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
