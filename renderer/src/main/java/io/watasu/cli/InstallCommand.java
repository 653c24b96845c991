package io.watasu.cli;

import io.watasu.install.InstallException;
import io.watasu.install.Installer;
import io.watasu.install.ShellSetup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code watasu install [--prefix DIR]}: puts the distribution this command runs from on PATH. */
@Command(name = "install",
        mixinStandardHelpOptions = true,
        description = {
                "Installs the distribution this command runs from under DIR: DIR/lib/watasu/ (a copy of it), "
                        + "DIR/bin/watasu (a symbolic link into it) and DIR/share/bash-completion/completions/watasu. "
                        + "Then runs DIR/bin/watasu --version once (which also prepares its class-data archive) and "
                        + "says whether DIR/bin is on PATH.",
                "%nRunning it again changes only what differs. Anything in the way that an earlier watasu "
                        + "installation did not put there (another watasu, a completion script edited by hand) is "
                        + "refused, and nothing is changed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:installed, or already installed",
                "2:usage error",
                "3:something in the way is not from a watasu installation, or another failure (I/O)"})
public final class InstallCommand implements Callable<Integer> {
    /** Set by the launcher to the distribution it runs from. */
    static final String HOME_PROPERTY = "watasu.home";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "DIR", description = "Where to install (default: ~/.local).")
    Path prefix;

    private final Map<String, String> environment;

    public InstallCommand() {
        this(System.getenv());
    }

    InstallCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Installer installer = new Installer(distribution(), prefixOrDefault(prefix, environment),
                Version.current(), CompletionCommand.script());
        List<Installer.Change> changes;
        try {
            changes = installer.install();
        } catch (InstallException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE, e);
        }
        if (changes.stream().allMatch(c -> c.action() == Installer.Action.UNCHANGED)) {
            out.println("watasu " + Version.current() + " is already installed in " + installer.prefix()
                    + "; nothing changed");
        } else {
            out.println("installed watasu " + Version.current() + " in " + installer.prefix() + ":");
            changes.forEach(c -> out.println("  " + c.action().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " " + c.path() + " (" + c.note() + ")"));
        }
        out.println("checked: " + installer.command() + " --version prints: " + runOnce(installer.command()));
        describeShellSetup(installer, out);
        out.flush();
        return ExitCodes.OK;
    }

    private void describeShellSetup(Installer installer, PrintWriter out) {
        Path bin = installer.command().getParent();
        String path = environment.getOrDefault("PATH", "");
        Optional<Path> first = ShellSetup.firstOnPath(path, "watasu");
        if (!ShellSetup.onPath(path, bin)) {
            out.println("PATH: " + bin + " is not on PATH; add it (e.g. in ~/.bashrc or ~/.zshrc), then open a new "
                    + "shell: export PATH=\"" + bin + ":$PATH\"");
        } else if (first.isPresent() && !ShellSetup.onPath(first.get().toString(), bin)) {
            out.println("PATH: " + bin + " is on PATH, but " + first.get().resolve("watasu")
                    + " comes first and is what `watasu` runs; put " + bin + " before " + first.get());
        } else {
            out.println("PATH: " + bin + " is on PATH; `watasu` runs " + installer.command());
        }
        Path completion = installer.bashCompletion();
        if (ShellSetup.bashCompletionLoadsFrom(completion.getParent(), environment, home(environment))) {
            out.println("completion: bash-completion 2 loads " + completion + " by itself (in a new shell)");
        } else {
            out.println("completion: for bash, add to ~/.bashrc: source " + completion);
        }
        out.println("completion: for zsh, add to ~/.zshrc after compinit: source " + completion);
    }

    /** Runs the installed command once: proof that it works from there, and its class-data archive is made. */
    private static String runOnce(Path command) throws IOException {
        Process process = new ProcessBuilder(command.toString(), "--version")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new UserFacingException("installed, but " + command + " --version did not finish in 5 "
                        + "minutes", ExitCodes.FAILURE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new UserFacingException("interrupted while running " + command + " --version", ExitCodes.FAILURE);
        }
        if (process.exitValue() != 0) {
            throw new UserFacingException("installed, but " + command + " --version failed (exit code "
                    + process.exitValue() + "): " + output.lines().findFirst().orElse("no output")
                    + " (check that java 17 or later is on PATH or in JAVA_HOME)", ExitCodes.FAILURE);
        }
        return output;
    }

    /** The distribution the launcher runs from; install copies it. */
    static Path distribution() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new UserFacingException("install copies the distribution this command runs from, and this run was "
                    + "not started by its launcher; run bin/watasu install (in a source checkout or an unpacked "
                    + "watasu-<version>.tar.gz)", ExitCodes.FAILURE);
        }
        return Path.of(home);
    }

    /** --prefix, or ~/.local ($HOME first, as the shell sees it). */
    static Path prefixOrDefault(Path prefix, Map<String, String> environment) {
        return (prefix != null ? prefix : home(environment).resolve(".local")).toAbsolutePath().normalize();
    }

    private static Path home(Map<String, String> environment) {
        String home = environment.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }
}
