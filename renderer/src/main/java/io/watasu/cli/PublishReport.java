package io.watasu.cli;

import io.watasu.config.LoadResult;
import io.watasu.publish.CommitMessage;
import io.watasu.publish.PathChange;
import io.watasu.publish.PublishFailure;
import io.watasu.publish.PublishResult;
import io.watasu.report.Checks;
import io.watasu.report.Finding;
import io.watasu.report.Findings;
import io.watasu.report.Report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A publish as a machine-readable report: the loader's findings, the files the commit changes (paths in the
 * repository), the commit and how the push went ({@code pushed}, {@code up-to-date}, {@code dry-run},
 * {@code failed}). A failed push is reported, not thrown: a tool reading the report learns why.
 */
final class PublishReport {
    private PublishReport() {
    }

    static int print(PublishCommand command, LoadResult loaded, PublishResult result, PublishCommand.Target target,
                     String branch) {
        List<Finding> findings = new ArrayList<>(Findings.of(loaded.diagnostics()));
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("status", null);
        push.put("repository", target.displayUrl());
        push.put("branch", branch);
        push.put("path", target.path());
        push.put("attempts", null);
        push.put("failure", null);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("files", null);
        facts.put("commit", null);
        facts.put("push", push);
        int exitCode = ExitCodes.OK;
        String summary;
        if (!loaded.ok()) {
            exitCode = ExitCodes.INVALID_INPUT;
            summary = loaded.errors().size() + " error(s) in " + command.reportFile() + "; nothing published";
        } else if (result instanceof PublishResult.Pushed pushed) {
            push.put("status", "pushed");
            push.put("attempts", pushed.attempts());
            facts.put("files", files(pushed.changes()));
            facts.put("commit", commit(pushed.commit().name(), pushed.message()));
            summary = "published " + pushed.commit().abbreviate(12).name() + ": " + pushed.message().subject();
        } else if (result instanceof PublishResult.NoChange noChange) {
            push.put("status", "up-to-date");
            push.put("attempts", 0);
            facts.put("files", files(List.of()));
            summary = "up to date: nothing pushed";
        } else if (result instanceof PublishResult.DryRun dry) {
            push.put("status", "dry-run");
            push.put("attempts", 0);
            facts.put("files", files(dry.changes()));
            facts.put("commit", commit(null, dry.message()));
            summary = "dry run: would commit \"" + dry.message().subject() + "\"; nothing pushed";
        } else {
            PublishFailure failure = ((PublishResult.Failed) result).failure();
            exitCode = failure.cause() instanceof UserFacingException userFacing ? userFacing.exitCode()
                    : ExitCodes.FAILURE;
            String message = failure.cause() instanceof UserFacingException userFacing ? userFacing.getMessage()
                    : failure.message();
            push.put("status", "failed");
            push.put("failure", failure.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            findings.add(Findings.failure(message));
            command.commandLine().getErr().println("watasu: error: " + message);
            summary = message;
        }
        return command.reportFormat().print(command.commandLine(), new Report(command.reportName(),
                command.reportFile(), Checks.of(Checks.CONFIG, Checks.CONTRACT), findings, facts, summary, exitCode));
    }

    private static Map<String, Object> files(List<PathChange> changes) {
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("written", changes.stream().filter(c -> c.type() != PathChange.Type.DELETED)
                .map(PathChange::path).toList());
        files.put("removed", changes.stream().filter(c -> c.type() == PathChange.Type.DELETED)
                .map(PathChange::path).toList());
        return files;
    }

    private static Map<String, Object> commit(String id, CommitMessage message) {
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("id", id);
        commit.put("subject", message.subject());
        commit.put("message", message.text());
        return commit;
    }
}
