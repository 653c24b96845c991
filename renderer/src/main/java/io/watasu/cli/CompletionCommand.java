package io.watasu.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code watasu completion bash|zsh}: the completion script of every command and option, from the CLI itself. */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = {
                "Prints the shell completion script for watasu: commands, options and option values.",
                "%nOne script serves both shells (zsh runs it through bashcompinit). `watasu install` puts it where "
                        + "bash-completion finds it. Otherwise: bash: add `source <(watasu completion bash)` to "
                        + "~/.bashrc; zsh: add `source <(watasu completion zsh)` to ~/.zshrc, after compinit."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:usage error (a shell other than bash or zsh)"})
public final class CompletionCommand implements Callable<Integer> {
    public enum Shell { bash, zsh }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(script());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The script picocli generates from the command tree, under a header of our own: picocli's generic header
     * gives installation steps (file names, folders) that do not apply to watasu.
     */
    public static String script() {
        String generated = AutoComplete.bash("watasu", Main.commandLine());
        StringBuilder body = new StringBuilder();
        boolean inHeader = true;
        for (String line : generated.split("\n", -1)) {
            if (inHeader && (line.startsWith("#") || line.isBlank())) {
                continue;
            }
            inHeader = false;
            body.append(line).append('\n');
        }
        return "#!/usr/bin/env bash\n"
                + "# Completion of the watasu command (" + Version.current() + ") for bash and zsh, generated from its"
                + " own options by\n"
                + "# `watasu completion bash|zsh`.\n"
                + "#   bash: bash-completion 2 loads it from ~/.local/share/bash-completion/completions/watasu, where"
                + " `watasu install`\n"
                + "#         puts it; without bash-completion, source this file from ~/.bashrc.\n"
                + "#   zsh:  source this file from ~/.zshrc, after compinit (it runs through zsh's bashcompinit).\n\n"
                + body.toString().stripTrailing() + "\n";
    }
}
