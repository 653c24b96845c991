package io.watasu.report;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourceMap;
import io.watasu.config.SourcePosition;
import io.watasu.config.Subjects;
import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.model.WatasuConfig;
import io.watasu.output.OutputChanges;
import io.watasu.verify.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Findings from what the commands meet: loader diagnostics, contract violations, stale output files. */
public final class Findings {
    private Findings() {
    }

    public static Finding of(Diagnostic diagnostic) {
        SourcePosition at = diagnostic.position();
        return new Finding(Checks.forSubject(diagnostic.subject()).id(),
                diagnostic.isError() ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                at.file(), at.line(), at.column(), diagnostic.message(), diagnostic.fix(), diagnostic.subject());
    }

    public static List<Finding> of(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Findings::of).toList();
    }

    /** A manifest of the output folder the verifier cannot read; {@code outDir} is joined with its path. */
    public static Finding manifest(Diagnostic diagnostic, String outDir) {
        SourcePosition at = diagnostic.position();
        return new Finding(Checks.MANIFESTS.id(), Finding.Severity.ERROR, path(outDir, at.file()), at.line(),
                at.column(), diagnostic.message(), diagnostic.fix(), null);
    }

    /** A failure that stopped the command, with the one line it printed. */
    public static Finding failure(String message) {
        return new Finding(Checks.COMMAND.id(), Finding.Severity.ERROR, null, 0, 0, message, null, null);
    }

    /**
     * Contract violations, each placed in watasu.yaml at the process it is about: the destination when that is a
     * process (a connection into it), otherwise the source (a connection out of it); the file's start when neither
     * is one.
     *
     * @param fix how to fix any of them in this command's situation, or null
     */
    public static List<Finding> of(List<Violation> violations, WatasuConfig config, SourceMap sources, String fix) {
        Map<String, String> processSubjects = new HashMap<>();
        for (App app : config.apps().toList()) {
            for (Process process : app.processes()) {
                // The verifier names a process pod team/app:process.
                processSubjects.put(app.team() + "/" + app.name() + ":" + process.name(),
                        Subjects.process(app.team(), app.name(), process.name()));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (Violation violation : violations) {
            String subject = processSubjects.getOrDefault(violation.destination(),
                    processSubjects.get(violation.source()));
            SourcePosition at = sources.at(subject == null ? "" : subject);
            Check check = violation.allowed() ? Checks.FORBIDDEN_CONNECTION : Checks.PROMISED_CONNECTION;
            findings.add(new Finding(check.id(), Finding.Severity.ERROR, at.file(), at.line(), at.column(),
                    violation.format(), fix, subject));
        }
        return findings;
    }

    /**
     * One finding per way the output folder differs from the render, at the file concerned.
     *
     * @param fix        how to bring the folder up to date
     * @param foreignFix what to do about files watasu did not write there
     */
    public static List<Finding> of(OutputChanges changes, String outDir, String fix, String foreignFix) {
        List<Finding> findings = new ArrayList<>();
        changes.created().forEach(p -> findings.add(stale(outDir, p, "missing: watasu.yaml renders this file",
                changes, fix)));
        changes.changed().forEach(p -> findings.add(stale(outDir, p, "changed: not what watasu.yaml renders",
                changes, fix)));
        changes.removed().forEach(p -> findings.add(stale(outDir, p, "stale: watasu.yaml no longer renders this file",
                changes, fix)));
        changes.foreign().forEach(p -> findings.add(new Finding(Checks.FOREIGN_FILES.id(), Finding.Severity.ERROR,
                path(outDir, p), 0, 0, "not written by watasu: Argo CD would apply it with the team's objects",
                foreignFix, null)));
        if (findings.isEmpty() && !changes.upToDate()) {
            // A kind of difference this list does not know yet: still a finding, in the text form's words.
            changes.describe().forEach(line -> findings.add(new Finding(Checks.UP_TO_DATE.id(),
                    Finding.Severity.ERROR, outDir, 0, 0, line, fix, null)));
        }
        return findings;
    }

    /** Warnings for files a render replaced although someone had edited them by hand. */
    public static List<Finding> replacedHandEdits(List<String> paths, String outDir) {
        return paths.stream().map(p -> new Finding(Checks.HAND_EDITS.id(), Finding.Severity.WARNING, path(outDir, p),
                0, 0, "had been edited by hand; replaced",
                "make the change in watasu.yaml (or a --templates override), not in the rendered output", null))
                .toList();
    }

    /** Warnings for files watasu had not written that a render with --remove-foreign deleted or wrote over. */
    public static List<Finding> removedForeignFiles(List<String> paths, String outDir) {
        return paths.stream().map(p -> new Finding(Checks.FOREIGN_FILES.id(), Finding.Severity.WARNING,
                path(outDir, p), 0, 0, "was not written by watasu; removed", null, null)).toList();
    }

    private static Finding stale(String outDir, String path, String message, OutputChanges changes, String fix) {
        String handEdited = changes.handEdited().contains(path) ? " (edited by hand)" : "";
        return new Finding(Checks.UP_TO_DATE.id(), Finding.Severity.ERROR, path(outDir, path), 0, 0,
                message + handEdited, fix, null);
    }

    private static String path(String outDir, String relative) {
        return outDir.endsWith("/") ? outDir + relative : outDir + "/" + relative;
    }
}
