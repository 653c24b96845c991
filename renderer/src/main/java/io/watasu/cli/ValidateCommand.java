package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watasu validate [FILE]}: loads watasu.yaml and prints every error and warning, one per line. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = "Checks a watasu.yaml and prints every error and warning as FILE:LINE:COLUMN: level: message.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the file is valid (warnings may have been printed)",
                "1:the file has errors, or cannot be read",
                "2:usage error"})
public final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "watasu.yaml",
            description = "The file to check (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        LoadResult result = ConfigLoader.load(file);
        PrintWriter err = spec.commandLine().getErr();
        result.diagnostics().forEach(d -> err.println(d.format()));
        err.flush();
        if (!result.ok()) {
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(file + ": valid (" + result.config().teams().size() + " teams, "
                + result.config().apps().count() + " apps, " + result.warnings().size() + " warnings)");
        out.flush();
        return ExitCodes.OK;
    }
}
