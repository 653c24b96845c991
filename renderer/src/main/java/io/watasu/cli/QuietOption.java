package io.watasu.cli;

import io.watasu.progress.Progress;
import io.watasu.progress.ProgressSettings;
import io.watasu.progress.TerminalProgress;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --quiet} option of commands that can take seconds, and the progress display it turns off. Progress is
 * shown only to a person at a terminal ({@link ProgressSettings}).
 */
public final class QuietOption {
    @Option(names = "--quiet",
            description = "No progress display and no summary on stderr; errors, warnings and results still show.")
    boolean quiet;

    public boolean on() {
        return quiet;
    }

    /** The progress display of this run, on the command's stderr; close it before the command prints its result. */
    public Progress progress(CommandLine cli) {
        return TerminalProgress.open(cli.getErr(), ProgressSettings.forThisProcess(quiet), System.getenv());
    }
}
