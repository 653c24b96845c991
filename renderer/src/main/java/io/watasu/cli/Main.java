package io.watasu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Entry point of the {@code watasu} command. */
@Command(name = "watasu",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Watasu private networking: render, check and publish the platform's network model.",
        subcommands = {CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:invalid input, or a check found a problem",
                "2:usage error",
                "3:other failure (I/O, Git, internal)",
                "4:diff: the change widens access"})
public final class Main implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; used by tests so they exercise the real wiring. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // Subcommands, one line each.
        cli.addSubcommand(new RenderCommand());
        cli.addSubcommand(new ValidateCommand());
        cli.addSubcommand(new AppsTrustCommand());
        cli.addSubcommand(new io.watasu.publish.PublishCommand());
        cli.addSubcommand(new VerifyCommand());
        cli.addSubcommand(new ExplainCommand());
        cli.addSubcommand(new DiffCommand());
        cli.addSubcommand(new GraphCommand());
        cli.addSubcommand(new InstallCommand());
        cli.addSubcommand(new UninstallCommand());
        cli.addSubcommand(new CompletionCommand());
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(unknownArgumentsFirst(cli.getParameterExceptionHandler()));
        // Picocli consults this mapper for command-line errors too; those must stay usage errors.
        cli.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILURE);
        return cli;
    }

    /**
     * Picocli reports a missing required option before an unknown one, so {@code render --bogus} would complain
     * about --out. The unknown argument is the user's actual mistake (often a typo of an option): report it first.
     */
    private static CommandLine.IParameterExceptionHandler unknownArgumentsFirst(
            CommandLine.IParameterExceptionHandler standard) {
        return (ex, args) -> {
            CommandLine cli = ex.getCommandLine();
            if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !cli.getUnmatchedArguments().isEmpty()) {
                ex = new CommandLine.UnmatchedArgumentException(cli, cli.getUnmatchedArguments());
            }
            return standard.handleParseException(ex, args);
        };
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("watasu: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
