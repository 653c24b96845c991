package io.watasu.cli;

import io.watasu.install.InstallException;
import io.watasu.install.Installer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code watasu uninstall [--prefix DIR]}: removes what {@code watasu install} put under DIR. */
@Command(name = "uninstall",
        mixinStandardHelpOptions = true,
        description = {
                "Removes the watasu installation under DIR: DIR/bin/watasu and the completion script if they are "
                        + "still what was installed (anything changed since is left alone and named), then "
                        + "DIR/lib/watasu/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:removed, or nothing was installed in DIR",
                "2:usage error",
                "3:DIR/lib/watasu is not a watasu installation (nothing removed), or another failure (I/O)"})
public final class UninstallCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prefix", paramLabel = "DIR", description = "Where watasu was installed (default: ~/.local).")
    Path prefix;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Installer installer = Installer.at(InstallCommand.prefixOrDefault(prefix, System.getenv()));
        List<Installer.Change> changes;
        try {
            changes = installer.uninstall();
        } catch (InstallException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE, e);
        }
        if (changes.isEmpty()) {
            out.println("no watasu installation in " + installer.prefix() + "; nothing removed");
        }
        changes.forEach(c -> out.println(c.action().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                + c.path() + " (" + c.note() + ")"));
        out.flush();
        return ExitCodes.OK;
    }
}
