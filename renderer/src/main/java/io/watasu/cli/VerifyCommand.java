package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.verify.ConnectivityAnalyzer;
import io.watasu.verify.IntentCheck;
import io.watasu.verify.ConnlistFormat;
import io.watasu.verify.ManifestException;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;
import io.watasu.verify.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "connlist", converter = FormatConverter.class,
            description = "connlist (default), json, md, csv or dot. Ignored with --config.")
    ConnlistFormat format;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Check the policies against the contract of this watasu.yaml and list every violation.")
    Path config;

    @CommandLine.Mixin
    OutputOption output;

    @Override
    public Integer call() {
        if (config != null) {
            return checkIntent();
        }
        ManifestSet manifests = readManifests(directory);
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyze(manifests);
        output.write(spec.commandLine(), format.render(analysis.connections(), analysis.workloads()));
        return ExitCodes.OK;
    }

    private int checkIntent() {
        LoadResult loaded = ConfigLoader.load(config);
        for (Diagnostic d : loaded.diagnostics()) {
            spec.commandLine().getErr().println(d.format());
        }
        if (!loaded.ok()) {
            return ExitCodes.INVALID_INPUT;
        }
        List<Violation> violations = IntentCheck.check(loaded.config(), readManifests(directory));
        StringBuilder text = new StringBuilder();
        violations.forEach(v -> text.append(v.format()).append('\n'));
        output.write(spec.commandLine(), text.toString());
        if (violations.isEmpty()) {
            spec.commandLine().getErr().println("verify: the policies in " + directory + " keep every promise of "
                    + config);
            return ExitCodes.OK;
        }
        spec.commandLine().getErr().println("verify: " + violations.size() + " violation"
                + (violations.size() == 1 ? "" : "s") + " of " + config + " in " + directory);
        return ExitCodes.INVALID_INPUT;
    }

    static ManifestSet readManifests(Path directory) {
        try {
            return ManifestReader.read(directory);
        } catch (ManifestException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.INVALID_INPUT);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("cannot read " + e.getFile() + ": no such file or directory (give the"
                    + " directory of manifests)", ExitCodes.FAILURE);
        } catch (NotDirectoryException e) {
            throw new UserFacingException(e.getFile() + " is not a directory (give the directory of manifests)",
                    ExitCodes.FAILURE);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + directory + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
    }


    /** Turns a bad --format into a usage error (exit 2) with the accepted values. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ConnlistFormat> {
        @Override
        public ConnlistFormat convert(String value) {
            try {
                return ConnlistFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "unknown --format '" + value + "' (use connlist, json, md, csv or dot)");
            }
        }
    }
}
