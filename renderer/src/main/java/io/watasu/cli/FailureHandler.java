package io.watasu.cli;

import io.watasu.report.Checks;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

/**
 * Turns an unexpected exception into one line on stderr and exit code 3. The stack trace is shown only with
 * {@code WATASU_DEBUG=1}: a trace can carry URLs with credentials, and CI logs are widely readable.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        if (ex instanceof UserFacingException ufe) {
            cli.getErr().println(ufe.located() ? ufe.getMessage() : "watasu: error: " + ufe.getMessage());
            ufe.details().forEach(line -> cli.getErr().println("  " + line));
            return report(cli, String.join("\n", concat(ufe.getMessage(), ufe.details())), ufe.exitCode());
        }
        String message = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        cli.getErr().println("watasu: error: " + message);
        if ("1".equals(System.getenv("WATASU_DEBUG"))) {
            ex.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("(set WATASU_DEBUG=1 for the stack trace)");
        }
        return report(cli, message, ExitCodes.FAILURE);
    }

    private static List<String> concat(String first, List<String> more) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(more);
        return all;
    }

    /** A command asked for a machine-readable report gets one for its failure too, on standard output. */
    private static int report(CommandLine cli, String message, int exitCode) {
        if (cli.getCommand() instanceof ReportingCommand command && !command.reportFormat().text()) {
            command.printReport(cli, new Report(command.reportName(), command.reportFile(), Checks.of(),
                    List.of(Findings.failure(message)), Map.of(), message, exitCode));
        }
        return exitCode;
    }
}
