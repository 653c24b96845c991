package io.watasu.cli;

import picocli.CommandLine;

/**
 * Turns an unexpected exception into one line on stderr and exit code 3. The stack trace is shown only with
 * {@code WATASU_DEBUG=1}: a trace can carry URLs with credentials, and CI logs are widely readable.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        if (ex instanceof UserFacingException ufe) {
            cli.getErr().println("watasu: error: " + ufe.getMessage());
            ufe.details().forEach(line -> cli.getErr().println("  " + line));
            return ufe.exitCode();
        }
        cli.getErr().println("watasu: error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        if ("1".equals(System.getenv("WATASU_DEBUG"))) {
            ex.printStackTrace(cli.getErr());
        } else {
            cli.getErr().println("(set WATASU_DEBUG=1 for the stack trace)");
        }
        return ExitCodes.FAILURE;
    }
}
