package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.edit.AtomicFileWriter;
import io.watasu.edit.CheckedEdits;
import io.watasu.edit.EditRefusedException;
import io.watasu.edit.WatasuYamlEditor;
import io.watasu.model.App;
import io.watasu.report.Checks;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code watasu apps:trust}: shows or changes which apps may call an app's private ({@code *-tcp}) services. */
@Command(name = "apps:trust",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
                "Show or change the apps allowed to call APP's private (*-tcp) services.",
                "With APPS, adds them to APP's trust list; --remove takes apps off it; --clear revokes every app. "
                        + "Without any of these, prints the current list.",
                "The edited file is validated like 'render' does before it is written; comments and layout are kept."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:printed, changed, or already as asked",
                "1:the file is missing or invalid, APP is unknown, or the edit was refused (nothing written)",
                "2:usage error",
                "3:the file cannot be read or written (I/O), or another failure"})
public final class AppsTrustCommand implements Callable<Integer>, ReportingCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", split = ",", paramLabel = "APPS",
            description = "Apps to trust, comma-separated (same team as APP).")
    List<String> add = new ArrayList<>();

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The app whose trust list is shown or changed.")
    String app;

    @Option(names = {"-f", "--file"}, defaultValue = "watasu.yaml", paramLabel = "FILE",
            description = "The watasu.yaml to edit (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--remove", split = ",", paramLabel = "APPS", description = "Apps to stop trusting, comma-separated.")
    List<String> remove = new ArrayList<>();

    @Option(names = "--clear", description = "Trust no other app.")
    boolean clear;

    @CommandLine.Mixin
    ReportFormatOption format;

    @Override
    public Integer call() {
        String usageProblem = usageProblem();
        if (usageProblem != null) {
            spec.commandLine().getErr().println("watasu apps:trust: " + usageProblem
                    + " (see 'watasu apps:trust --help')");
            return ExitCodes.USAGE;
        }
        String fileName = file.toString();
        byte[] bytes = read();
        String text = decode(bytes);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!clear && add.isEmpty() && remove.isEmpty()) {
            return print(fileName, text, out, err);
        }
        try {
            List<String> current = WatasuYamlEditor.readTrust(fileName, text, app);
            List<String> wanted = clear ? List.of() : wanted(current);
            if (wanted.equals(current)) {
                String summary = describe(current) + " (unchanged)";
                if (!format.text()) {
                    return report(List.of(), current, current, false, summary, ExitCodes.OK);
                }
                out.println(summary);
                return ExitCodes.OK;
            }
            CheckedEdits.Result result = CheckedEdits.setTrust(fileName, text, app, wanted);
            if (format.text()) {
                result.warnings().forEach(w -> err.println(w.format()));
            }
            write(bytes, result.text());
            String summary = describe(wanted).replace(" trusts", " now trusts") + changes(current, wanted);
            if (!format.text()) {
                return report(result.warnings(), current, wanted, true, summary, ExitCodes.OK);
            }
            out.println(summary);
            return ExitCodes.OK;
        } catch (EditRefusedException e) {
            String summary = "edit refused; " + fileName + " was not changed";
            if (!format.text()) {
                return report(e.diagnostics(), null, null, false, summary, ExitCodes.INVALID_INPUT);
            }
            e.diagnostics().forEach(d -> err.println(d.format()));
            err.println("watasu: error: " + summary);
            return ExitCodes.INVALID_INPUT;
        }
    }

    /** The run as a machine-readable report; {@code before} and {@code after} are null when the edit was refused. */
    private int report(List<Diagnostic> diagnostics, List<String> before, List<String> after, boolean written,
                       String summary, int exitCode) {
        Map<String, Object> trust = new LinkedHashMap<>();
        trust.put("app", app);
        trust.put("before", before);
        trust.put("after", after);
        trust.put("added", before == null ? null : after.stream().filter(a -> !before.contains(a)).toList());
        trust.put("removed", before == null ? null : before.stream().filter(b -> !after.contains(b)).toList());
        trust.put("written", written);
        return format.print(spec.commandLine(), new Report(reportName(), reportFile(), Checks.of(Checks.CONFIG),
                Findings.of(diagnostics), Map.of("trust", trust), summary, exitCode));
    }

    @Override
    public ReportFormatOption reportFormat() {
        return format;
    }

    @Override
    public String reportName() {
        return "apps:trust";
    }

    @Override
    public String reportFile() {
        return file.toString();
    }

    private void write(byte[] original, String text) {
        try {
            AtomicFileWriter.replace(file, original, text);
        } catch (AtomicFileWriter.ConcurrentChangeException e) {
            throw new UserFacingException(e.getMessage() + "; nothing was written, run the command again",
                    ExitCodes.FAILURE);
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot write the file: " + e.getClass().getSimpleName(),
                    ExitCodes.FAILURE);
        }
    }

    /** What is wrong with the combination of arguments (picocli checks each one), or null. */
    private String usageProblem() {
        List<String> named = new ArrayList<>(add);
        named.addAll(remove);
        if (named.stream().anyMatch(String::isBlank)) {
            return "empty app name in a list of apps";
        }
        if (clear && !named.isEmpty()) {
            return "--clear cannot be combined with APPS or --remove";
        }
        List<String> both = add.stream().filter(remove::contains).toList();
        return both.isEmpty() ? null : "both added and removed: " + String.join(", ", both);
    }

    private List<String> wanted(List<String> current) {
        Set<String> result = new LinkedHashSet<>(current);
        result.removeAll(remove);
        result.addAll(add);
        return List.copyOf(result);
    }

    private int print(String fileName, String text, PrintWriter out, PrintWriter err) {
        LoadResult loaded = ConfigLoader.parse(fileName, text);
        if (format.text()) {
            loaded.diagnostics().forEach(d -> err.println(d.format()));
        }
        if (!loaded.ok()) {
            return format.text() ? ExitCodes.INVALID_INPUT : report(loaded.diagnostics(), null, null, false,
                    loaded.errors().size() + " error(s) in " + fileName, ExitCodes.INVALID_INPUT);
        }
        App found = loaded.config().app(app).orElseThrow(() -> new UserFacingException(
                "no app named '" + app + "' in " + fileName + " (check the name)", ExitCodes.INVALID_INPUT));
        if (!format.text()) {
            return report(loaded.diagnostics(), found.trust(), found.trust(), false, describe(found.trust()),
                    ExitCodes.OK);
        }
        out.println(describe(found.trust()));
        return ExitCodes.OK;
    }

    private String describe(List<String> trusted) {
        return trusted.isEmpty() ? app + " trusts no other app" : app + " trusts: " + String.join(", ", trusted);
    }

    private static String changes(List<String> before, List<String> after) {
        List<String> parts = new ArrayList<>();
        List<String> added = after.stream().filter(a -> !before.contains(a)).toList();
        List<String> removed = before.stream().filter(b -> !after.contains(b)).toList();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(file + ": file not found (check the path, or pass --file)",
                    ExitCodes.INVALID_INPUT);
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot read the file: " + e.getClass().getSimpleName(),
                    ExitCodes.FAILURE);
        }
    }

    private String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserFacingException(file + ": the file is not UTF-8 text (save it as UTF-8)",
                    ExitCodes.INVALID_INPUT);
        }
    }
}
