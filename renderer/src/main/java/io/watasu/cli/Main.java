package io.watasu.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

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

    /** Runs a command line on this process's standard output and error and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = build(args.length > 0 ? args[0] : null);
        return printingTo(cli, cli.getOut(), cli.getErr()).execute(args);
    }

    /** The command line, printing to standard output and error. */
    public static CommandLine commandLine() {
        CommandLine cli = build(null);
        return printingTo(cli, cli.getOut(), cli.getErr());
    }

    /**
     * The command line, printing to {@code out} and {@code err} (tests capture output this way). It may run several
     * command lines one after the other.
     */
    public static CommandLine commandLine(Writer out, Writer err) {
        return printingTo(build(null), out, err);
    }

    /** Every line a command prints goes through a {@link LinePrinter}, which keeps it one printable line. */
    private static CommandLine printingTo(CommandLine cli, Writer out, Writer err) {
        cli.setOut(new LinePrinter(out));
        cli.setErr(new LinePrinter(err));
        return cli;
    }

    /** The subcommands by name, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("render", RenderCommand::new);
        commands.put("validate", ValidateCommand::new);
        commands.put("apps:trust", AppsTrustCommand::new);
        commands.put("publish", PublishCommand::new);
        commands.put("verify", VerifyCommand::new);
        commands.put("explain", ExplainCommand::new);
        commands.put("diff", DiffCommand::new);
        commands.put("graph", GraphCommand::new);
        commands.put("install", InstallCommand::new);
        commands.put("uninstall", UninstallCommand::new);
        commands.put("completion", CompletionCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    /**
     * The command line. When {@code first} (the first argument) names a subcommand, only that one is built: picocli
     * reads a command's annotations when it is added, a tenth of a second that a {@code render} in CI would otherwise
     * pay for ten commands it does not run. The completion script lists every command; help, an option or a typo
     * ({@code first} null or no command's name) gets the whole command line and its messages.
     */
    static CommandLine build(String first) {
        boolean justOne = SUBCOMMANDS.containsKey(first) && !"completion".equals(first);
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> {
            if (!justOne || name.equals(first)) {
                cli.addSubcommand(name, command.get());
            }
        });
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(Main::usageError);
        // Picocli consults this mapper for command-line errors too; those must stay usage errors.
        cli.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILURE);
        return cli;
    }

    /**
     * Picocli's own handler, with two changes. Picocli reports a missing required option before an unknown one, so
     * {@code render --bogus} would complain about --out: the unknown argument is the user's actual mistake (often a
     * typo of an option), so it is reported first. And no error colour: the message quotes the command line, which
     * the line printer escapes, and a colour's escape codes would then show as text.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        if (!(e instanceof CommandLine.UnmatchedArgumentException) && !cli.getUnmatchedArguments().isEmpty()) {
            e = new CommandLine.UnmatchedArgumentException(cli, cli.getUnmatchedArguments());
        }
        PrintWriter err = cli.getErr();
        err.println(e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            cli.usage(err);
        }
        return ExitCodes.USAGE;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("watasu: missing command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
