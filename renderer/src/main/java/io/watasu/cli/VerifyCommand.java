package io.watasu.cli;

import io.watasu.verify.ConnectivityAnalyzer;
import io.watasu.verify.ConnlistFormat;
import io.watasu.verify.ManifestException;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code watasu verify DIR}: lists who can connect to whom under the NetworkPolicies in DIR. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
                "Evaluates the NetworkPolicies in a directory of Kubernetes manifests independently of the renderer and "
                        + "lists every allowed connection (netpol-analyzer connlist format by default).",
                "With --config, checks the policies against the promises of watasu.yaml instead and lists every "
                        + "violation."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (with --config: no violation)",
                "1:invalid manifests, or --config found violations",
                "2:usage error",
                "3:I/O failure"})
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of manifests (.yaml/.yml/.json, read recursively).")
    Path directory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "connlist",
            description = "connlist (default), json, md, csv or dot.")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the list to FILE instead of standard output.")
    Path output;

    @Override
    public Integer call() {
        ConnlistFormat chosen;
        try {
            chosen = ConnlistFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown --format '" + format + "' (use connlist, json, md, csv or dot)");
        }
        ManifestSet manifests = readManifests(directory);
        write(chosen.render(ConnectivityAnalyzer.analyze(manifests).connections()));
        return ExitCodes.OK;
    }

    static ManifestSet readManifests(Path directory) {
        try {
            return ManifestReader.read(directory);
        } catch (ManifestException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.INVALID_INPUT);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("cannot read " + e.getFile() + ": no such file or directory",
                    ExitCodes.FAILURE);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + directory + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
    }

    private void write(String text) {
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + output + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
    }
}
