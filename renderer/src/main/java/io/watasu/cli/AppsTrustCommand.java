package io.watasu.cli;

import io.watasu.cache.CacheRoot;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.edit.AtomicFileWriter;
import io.watasu.edit.EditRefusedException;
import io.watasu.edit.WatasuYamlEditor;
import io.watasu.model.App;
import io.watasu.publish.GitAccessOptions;
import io.watasu.report.Checks;
import io.watasu.report.Findings;
import io.watasu.report.Report;
import io.watasu.publish.RemoteUrl;
import io.watasu.store.ChangeRejectedException;
import io.watasu.store.GitModelRepository;
import io.watasu.store.ModelChange;
import io.watasu.store.ModelRepository;
import io.watasu.store.RepositoryException;
import io.watasu.store.RepositorySettings;
import io.watasu.store.Snapshot;
import io.watasu.store.WorktreeCommit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code watasu apps:trust}: shows or changes which apps may call an app's private ({@code *-tcp}) services, in a
 * local file (optionally committed there) or directly in the repository that holds the configuration.
 */
@Command(name = "apps:trust",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
                "Show or change the apps allowed to call APP's private (*-tcp) services.",
                "With APPS, adds them to APP's trust list; --remove takes apps off it; --clear revokes every app. "
                        + "Without any of these, prints the current list.",
                "The edited file is validated like 'render' does before it is written; comments and layout are kept.",
                "Where the change goes: the local FILE (then commit it and open a pull request); with --commit, also a "
                        + "commit of FILE alone in the Git work tree that holds it; with --repo, a commit pushed "
                        + "directly to the branch of that repository (fetched, edited, validated, committed and "
                        + "pushed; redone on the new head when another writer pushed first; never forced).",
                "Credentials for --repo, first match wins: --ssh-key; WATASU_GIT_TOKEN (user WATASU_GIT_USER, "
                        + "default x-access-token); user:password in the URL; a matching ~/.git-credentials line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:printed, changed, or already as asked",
                "1:the file is missing or invalid, APP is unknown, the edit was refused, or --commit cannot commit "
                        + "the file (nothing written)",
                "2:usage error",
                "3:the file cannot be read or written (I/O), Git transport, or another failure"})
public final class AppsTrustCommand implements Callable<Integer>, ReportingCommand {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", split = ",", paramLabel = "APPS",
            description = "Apps to trust, comma-separated (same team as APP).")
    List<String> add = new ArrayList<>();

    @Option(names = "--app", required = true, paramLabel = "APP", description = "The app whose trust list is shown or changed.")
    String app;

    @Option(names = {"-f", "--file"}, defaultValue = "watasu.yaml", paramLabel = "FILE",
            description = "The watasu.yaml to edit (default: ${DEFAULT-VALUE}); with --repo, its path in the repository.")
    String file;

    @Option(names = "--remove", split = ",", paramLabel = "APPS", description = "Apps to stop trusting, comma-separated.")
    List<String> remove = new ArrayList<>();

    @Option(names = "--clear", description = "Trust no other app.")
    boolean clear;

    @Option(names = "--commit",
            description = "Also commit the edited FILE (and nothing else) in the Git work tree that holds it.")
    boolean commit;

    @Option(names = "--repo", paramLabel = "URL",
            description = "Change watasu.yaml directly in this repository: a path, file://, https:// or ssh:// URL.")
    String repo;

    @Option(names = "--branch", paramLabel = "NAME", description = "With --repo: the branch to change (default: main).")
    String branch;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "With --repo: where the clone is kept between runs (default: ~/.cache/watasu/apps-trust).")
    Path cacheDir;

    @Mixin
    GitAccessOptions access;

    @Mixin
    ReportFormatOption format;

    private final Map<String, String> environment;
    private final Path home;

    public AppsTrustCommand() {
        // $HOME first, as Git does for ~/.git-credentials; Java's user.home ignores it.
        this(System.getenv(), Path.of(Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"))));
    }

    AppsTrustCommand(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    /** What the command found or did; printed in one place ({@link #report}). */
    sealed interface Outcome {
    }

    /** The list as it is (nothing was asked to change), with the loader's warnings about the file. */
    record Shown(List<String> trusted, List<Diagnostic> warnings) implements Outcome {
    }

    /**
     * Nothing was done: the file is invalid, the app unknown, or the change would make the file invalid.
     *
     * @param consequence what did not happen, or null when nothing was asked to change
     */
    record Refused(List<Diagnostic> diagnostics, String consequence) implements Outcome {
    }

    /**
     * A change that was asked for.
     *
     * @param where   the file or repository it went to, for the report
     * @param commit  the commit it made, if any
     * @param subject what changed, in one line (the commit subject)
     */
    record Changed(List<String> before, List<String> after, String where, Optional<String> commit, String subject,
                   List<Diagnostic> warnings, NextStep next) implements Outcome {
        boolean unchanged() {
            return before.equals(after);
        }
    }

    /** What the user does next with a local edit. */
    enum NextStep { NONE, COMMIT_AND_REVIEW, PUT_UNDER_VERSION_CONTROL }

    @Override
    public Integer call() {
        String usageProblem = usageProblem();
        if (usageProblem != null) {
            spec.commandLine().getErr().println("watasu apps:trust: " + usageProblem
                    + " (see 'watasu apps:trust --help')");
            return ExitCodes.USAGE;
        }
        Optional<ModelChange> change = requestedChange();
        return report(outcome(change));
    }

    private Outcome outcome(Optional<ModelChange> change) {
        try {
            return repo != null ? inRepository(change) : inFile(change);
        } catch (EditRefusedException e) {
            return new Refused(e.diagnostics(), change.isEmpty() ? null : file + " was not changed");
        } catch (WorktreeCommit.NotCommittableException e) {
            throw new UserFacingException(e.getMessage() + "; " + file + " was not changed", ExitCodes.INVALID_INPUT);
        } catch (ChangeRejectedException e) {
            return new Refused(e.errors(), "nothing was pushed to " + displayRepository());
        } catch (RepositoryException e) {
            if (!e.findings().isEmpty()) {
                return new Refused(e.findings(), file + " on branch " + branch() + " of " + displayRepository()
                        + " is invalid; fix it there first");
            }
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE);
        }
    }

    private Optional<ModelChange> requestedChange() {
        if (clear) {
            return Optional.of(new ModelChange.SetTrust(app, java.util.Set.of()));
        }
        if (add.isEmpty() && remove.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModelChange.AmendTrust(app, add, remove));
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
        if (!both.isEmpty()) {
            return "both added and removed: " + String.join(", ", both);
        }
        if (commit && repo != null) {
            return "--commit edits a local file, --repo a repository: choose one";
        }
        if (repo == null && (branch != null || cacheDir != null || access.sshGiven())) {
            return "--branch, --cache-dir, --ssh-key and --known-hosts need --repo";
        }
        if (repo == null && !commit && access.authorGiven()) {
            return "--author-name and --author-email need --commit or --repo";
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ local file

    private Outcome inFile(Optional<ModelChange> change) {
        Path path = Path.of(file);
        // Checked before the file is touched: a refusal leaves it as it was.
        Optional<WorktreeCommit> worktree = commit && change.isPresent() ? Optional.of(WorktreeCommit.prepare(path))
                : Optional.empty();
        byte[] bytes = read(path);
        String text = decode(bytes);
        if (change.isEmpty()) {
            return shown(text);
        }
        List<String> before = WatasuYamlEditor.readTrust(file, text, app);
        ModelChange.Edit edit = change.get().applyTo(file, text);
        List<String> after = WatasuYamlEditor.readTrust(file, edit.text(), app);
        if (after.equals(before)) {
            return new Changed(before, after, file, Optional.empty(), edit.subject(), List.of(), NextStep.NONE);
        }
        write(path, bytes, edit.text());
        if (worktree.isPresent()) {
            Optional<WorktreeCommit.Author> author = access.authorGiven() ? Optional.of(new WorktreeCommit.Author(
                    access.authorName(environment), access.authorEmail(environment))) : Optional.empty();
            String made = worktree.get().commit(edit.subject(), author);
            return new Changed(before, after, file, Optional.of(made), edit.subject(), edit.warnings(), NextStep.NONE);
        }
        NextStep next = WorktreeCommit.isInWorktree(path) ? NextStep.COMMIT_AND_REVIEW
                : NextStep.PUT_UNDER_VERSION_CONTROL;
        return new Changed(before, after, file, Optional.empty(), edit.subject(), edit.warnings(), next);
    }

    /** The list of a loadable file; an unknown app is refused with the editor's position and suggestion. */
    private Outcome shown(String text) {
        LoadResult loaded = ConfigLoader.parse(file, text);
        if (!loaded.ok()) {
            return new Refused(loaded.diagnostics(), null);
        }
        return new Shown(loaded.config().app(app).map(App::trust)
                .orElseGet(() -> WatasuYamlEditor.readTrust(file, text, app)), loaded.warnings());
    }

    private void write(Path path, byte[] original, String text) {
        try {
            AtomicFileWriter.replace(path, original, text);
        } catch (AtomicFileWriter.ConcurrentChangeException e) {
            throw new UserFacingException(e.getMessage() + "; nothing was written, run the command again",
                    ExitCodes.FAILURE);
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot write the file (" + ioReason(e) + ")", ExitCodes.FAILURE);
        }
    }

    private byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UserFacingException(file + ": file not found (check the path, or pass --file)",
                    ExitCodes.INVALID_INPUT);
        } catch (IOException e) {
            throw new UserFacingException(file + ": cannot read the file (" + ioReason(e) + ")", ExitCodes.FAILURE);
        }
    }

    /** What the operating system said, without Java's exception names. */
    static String ioReason(IOException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        int colon = reason.lastIndexOf(": ");
        String cause = colon >= 0 ? reason.substring(colon + 2) : reason;
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return cause.isBlank() ? "input/output error" : cause;
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

    // ------------------------------------------------------------------------------------------------ repository

    private Outcome inRepository(Optional<ModelChange> change) {
        ModelRepository repository = new GitModelRepository(settings(), GitModelRepository.MissingFile.REFUSE,
                line -> spec.commandLine().getErr().println("watasu: " + line));
        String where = displayRepository() + " (branch " + branch() + ", " + file + ")";
        if (change.isEmpty()) {
            Snapshot head = repository.head();
            return new Shown(WatasuYamlEditor.readTrust(file, head.text(), app), head.warnings());
        }
        ModelRepository.Landed landed = repository.commit(change.get());
        List<String> before = WatasuYamlEditor.readTrust(file, landed.before(), app);
        List<String> after = WatasuYamlEditor.readTrust(file, landed.head().text(), app);
        return new Changed(before, after, where,
                landed.committed() ? Optional.of(landed.head().commit()) : Optional.empty(), landed.subject(),
                landed.committed() ? landed.head().warnings() : List.of(), NextStep.NONE);
    }

    private RepositorySettings settings() {
        try {
            RemoteUrl.parse(repo);
            return new RepositorySettings(repo, branch(), file, null, access.credentials(repo, environment, home),
                    access.authorName(environment), access.authorEmail(environment),
                    cacheDir != null ? cacheDir : CacheRoot.of(environment, home).resolve("apps-trust"));
        } catch (IllegalArgumentException | RepositoryException e) {
            throw new UserFacingException("--repo/--file: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    private String branch() {
        return branch == null ? "main" : branch;
    }

    private String displayRepository() {
        try {
            return RemoteUrl.parse(repo).toString();
        } catch (IllegalArgumentException e) {
            return "the repository";
        }
    }

    // ------------------------------------------------------------------------------------------------ output

    /** The one place that prints a result: stdout says what is, stderr warns and says what to do next. */
    private int report(Outcome outcome) {
        if (!format.text()) {
            return format.print(spec.commandLine(), machineReport(outcome));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (outcome instanceof Refused refused) {
            refused.diagnostics().forEach(d -> err.println(d.format()));
            if (refused.consequence() != null) {
                err.println("watasu: error: edit refused; " + refused.consequence());
            }
            return ExitCodes.INVALID_INPUT;
        }
        if (outcome instanceof Shown shown) {
            shown.warnings().forEach(w -> err.println(w.format()));
            out.println(list(shown.trusted()));
            return ExitCodes.OK;
        }
        Changed changed = (Changed) outcome;
        changed.warnings().forEach(w -> err.println(w.format()));
        if (changed.unchanged()) {
            out.println(list(changed.after()) + " (unchanged)");
            return ExitCodes.OK;
        }
        out.println(list(changed.after()).replace(" trusts", " now trusts")
                + ModelChange.delta(changed.before(), changed.after()));
        changed.commit().ifPresent(id -> out.println((repo != null ? "pushed " : "committed ")
                + id.substring(0, Math.min(12, id.length())) + " to " + changed.where() + ": " + changed.subject()));
        switch (changed.next()) {
            case COMMIT_AND_REVIEW -> err.println("watasu: next: commit the change and open a pull request, e.g. "
                    + "git commit -m '" + changed.subject() + "' -- " + file + " (--commit makes this commit; "
                    + "--repo URL changes the configuration repository directly)");
            case PUT_UNDER_VERSION_CONTROL -> err.println("watasu: next: " + file + " is not in a Git work tree; "
                    + "keep it under version control, or change the configuration repository directly with --repo URL");
            case NONE -> { }
        }
        return ExitCodes.OK;
    }

    /**
     * The outcome as a {@link Report}: the findings, the list before and after ({@code trust}), and with --commit or
     * --repo the commit made ({@code commit}) and, with --repo, where it was pushed ({@code push}).
     */
    private Report machineReport(Outcome outcome) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<Diagnostic> diagnostics;
        String summary;
        int exitCode = ExitCodes.OK;
        if (outcome instanceof Refused refused) {
            diagnostics = refused.diagnostics();
            facts.put("trust", trustFacts(null, null, false));
            summary = refused.consequence() != null ? "edit refused; " + refused.consequence()
                    : diagnostics.stream().filter(Diagnostic::isError).count() + " error(s) in " + file;
            exitCode = ExitCodes.INVALID_INPUT;
        } else if (outcome instanceof Shown shown) {
            diagnostics = shown.warnings();
            facts.put("trust", trustFacts(shown.trusted(), shown.trusted(), false));
            summary = list(shown.trusted());
        } else {
            Changed changed = (Changed) outcome;
            diagnostics = changed.warnings();
            facts.put("trust", trustFacts(changed.before(), changed.after(), !changed.unchanged()));
            summary = changed.unchanged() ? list(changed.after()) + " (unchanged)"
                    : list(changed.after()).replace(" trusts", " now trusts")
                    + ModelChange.delta(changed.before(), changed.after());
            Map<String, Object> commit = new LinkedHashMap<>();
            changed.commit().ifPresent(id -> {
                commit.put("id", id);
                commit.put("subject", changed.subject());
                commit.put("message", null);
            });
            facts.put("commit", commit.isEmpty() ? null : commit);
            if (repo != null) {
                Map<String, Object> push = new LinkedHashMap<>();
                push.put("status", changed.commit().isPresent() ? "pushed" : "up-to-date");
                push.put("repository", displayRepository());
                push.put("branch", branch());
                push.put("path", file);
                push.put("attempts", null);
                push.put("failure", null);
                facts.put("push", push);
            }
        }
        return new Report(reportName(), reportFile(), Checks.of(Checks.CONFIG), Findings.of(diagnostics), facts,
                summary, exitCode);
    }

    /** {@code before} and {@code after} are null when nothing was read (the edit was refused). */
    private Map<String, Object> trustFacts(List<String> before, List<String> after, boolean written) {
        Map<String, Object> trust = new LinkedHashMap<>();
        trust.put("app", app);
        trust.put("before", before);
        trust.put("after", after);
        trust.put("added", before == null ? null : after.stream().filter(a -> !before.contains(a)).toList());
        trust.put("removed", before == null ? null : before.stream().filter(b -> !after.contains(b)).toList());
        trust.put("written", written);
        return trust;
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
        return file;
    }

    private String list(List<String> trusted) {
        return trusted.isEmpty() ? app + " trusts no other app" : app + " trusts: " + String.join(", ", trusted);
    }

}
