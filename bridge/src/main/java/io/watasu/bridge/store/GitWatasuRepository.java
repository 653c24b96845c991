package io.watasu.bridge.store;

import io.watasu.bridge.plugin.Log;
import io.watasu.cli.ContractGate;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.edit.CheckedEdits;
import io.watasu.edit.EditRefusedException;
import io.watasu.files.OwnedTree;
import io.watasu.files.SymbolicLinkException;
import io.watasu.model.App;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedTree;
import io.watasu.publish.CommitMessage;
import io.watasu.publish.GitCredentials;
import io.watasu.publish.GitTransaction;
import io.watasu.publish.PublishResult;
import io.watasu.publish.WorktreeEdit;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link WatasuRepository} on a Git remote: every read and write is a {@link GitTransaction} on a cached clone (a
 * read is a transaction whose edit only looks), and edits are the comment-preserving, loader-validated
 * {@link CheckedEdits}. With a render path, the rendered manifests land in the same commit as the model.
 */
public final class GitWatasuRepository implements WatasuRepository {
    private final RepositorySettings settings;
    private final Path cacheDirectory;
    /** Where rendered manifests go inside the work tree, or null when the provider only edits watasu.yaml. */
    private final String renderPath;
    private Snapshot head;

    public GitWatasuRepository(RepositorySettings settings) {
        this.settings = settings;
        this.cacheDirectory = settings.cacheDir().resolve(cacheKey(settings));
        insideRepository("file", settings.file());
        this.renderPath = settings.renderPath() == null ? null : insideRepository("render_path", settings.renderPath());
    }

    /** The provider's paths follow the rule every command's repository paths follow. */
    private static String insideRepository(String attribute, String relative) {
        try {
            return Names.repositoryPath(relative);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(attribute + ": " + e.getMessage());
        }
    }

    /** One clone per repository and branch; the transaction's lock keeps concurrent users of it apart. */
    private static String cacheKey(RepositorySettings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((settings.repository() + "\n" + settings.branch()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized Snapshot head() {
        if (head == null) {
            AtomicReference<String> text = new AtomicReference<>();
            PublishResult result = transaction().edit(worktree -> {
                text.set(readModel(worktree));
                return Optional.empty();
            }).call();
            head = snapshot(text.get(), result);
        }
        return head;
    }

    @Override
    public void check(ModelChange change) {
        Snapshot current = head();
        edit(change, current.text(), current.config());
    }

    @Override
    public synchronized Snapshot commit(ModelChange change) {
        AtomicReference<CheckedEdits.Result> edited = new AtomicReference<>();
        WorktreeEdit edit = worktree -> {
            String text = readModel(worktree);
            CheckedEdits.Result after = edit(change, text, ConfigLoader.parse(settings.file(), text).config());
            edited.set(after);
            if (after.text().equals(text)) {
                return Optional.empty();
            }
            OwnedTree repository = OwnedTree.at(worktree, "");
            repository.write(settings.file(), after.text().getBytes(StandardCharsets.UTF_8));
            if (renderPath != null) {
                OwnedTree folder = repository.subtree(renderPath);
                RenderedTree tree = Renderer.render(after.config(), RenderOptions.defaults(), PreviousOutput.in(folder));
                ContractGate.check(after.config(), tree);
                new OutputWriter().write(tree, folder);
            }
            return Optional.of(CommitMessage.of(change.describe()));
        };
        PublishResult result = transaction().edit(edit).call();
        head = snapshot(edited.get().text(), result);
        Log.info(change.describe() + ": " + result.status() + " at " + head.commit());
        return head;
    }

    private GitTransaction transaction() {
        GitTransaction transaction;
        try {
            transaction = GitTransaction.to(settings.repository()).branch(settings.branch());
        } catch (IllegalArgumentException e) {
            // Messages from the transaction carry no credentials.
            throw new RepositoryException(e.getMessage() + " (check the provider's repository and branch)");
        }
        transaction
                .author(settings.authorName(), settings.authorEmail())
                .cacheDirectory(cacheDirectory)
                .progress(Log::debug);
        if (settings.token() != null) {
            transaction.credentials(GitCredentials.userPassword("x-access-token", settings.token(),
                    "the provider's token (or WATASU_GIT_TOKEN)"));
        }
        return transaction;
    }

    private String readModel(Path worktree) throws IOException {
        byte[] model;
        try {
            model = OwnedTree.at(worktree, "").readIfExists(settings.file());
        } catch (SymbolicLinkException e) {
            throw new RepositoryException(settings.file() + " on branch " + settings.branch() + " is a symbolic link"
                    + " (or lies behind one); the provider never follows links in the repository: commit the file"
                    + " itself");
        }
        if (model == null) {
            throw new RepositoryException(settings.file() + " does not exist on branch " + settings.branch() + " of "
                    + settings.displayRepository() + "; commit one with at least `version: 1` and `teams:`, or set the "
                    + "provider's file");
        }
        return new String(model, StandardCharsets.UTF_8);
    }

    private Snapshot snapshot(String text, PublishResult result) {
        String commit;
        if (result instanceof PublishResult.Failed failed) {
            if (failed.failure().cause() instanceof ChangeRejectedException rejected) {
                throw rejected;
            }
            if (failed.failure().cause() instanceof RepositoryException unreadable) {
                throw unreadable;
            }
            throw new RepositoryException(failed.failure().message());
        } else if (result instanceof PublishResult.Pushed pushed) {
            commit = pushed.commit().name();
        } else if (result instanceof PublishResult.NoChange unchanged) {
            commit = unchanged.head() == null ? "(empty branch)" : unchanged.head().name();
        } else {
            throw new IllegalStateException("unexpected result " + result.status());
        }
        LoadResult loaded = ConfigLoader.parse(settings.file(), text);
        if (!loaded.ok()) {
            throw new RepositoryException(settings.file() + " on branch " + settings.branch() + " is invalid: "
                    + String.join("; ", loaded.errors().stream().map(Diagnostic::format).toList())
                    + " (fix the file in the repository first)");
        }
        return new Snapshot(loaded.config(), text, commit);
    }

    /**
     * The edited and validated text, or the refusal as a rejected change.
     *
     * @param before the model of {@code text}, or null when it does not load (then the edit's own validation says why)
     */
    private CheckedEdits.Result edit(ModelChange change, String text, WatasuConfig before) {
        try {
            if (change instanceof ModelChange.SetTrust trust) {
                return CheckedEdits.setTrust(settings.file(), text, trust.app(), trustOrder(trust, before));
            }
            if (change instanceof ModelChange.UpsertApp app) {
                return CheckedEdits.upsertApp(settings.file(), text, app.team(), app.app(), app.processes());
            }
            return CheckedEdits.removeApp(settings.file(), text, ((ModelChange.RemoveApp) change).app());
        } catch (EditRefusedException e) {
            throw new ChangeRejectedException(e.diagnostics());
        }
    }

    /**
     * Terraform sets have no order; entries already in the file keep their place and new ones go to the end, so the
     * diff of the file shows exactly the entries that changed.
     */
    private static List<String> trustOrder(ModelChange.SetTrust trust, WatasuConfig before) {
        List<String> existing = before == null ? List.of()
                : before.app(trust.app()).map(App::trust).orElse(List.of());
        List<String> ordered = new ArrayList<>(existing.stream().filter(trust.trusted()::contains).toList());
        trust.trusted().stream().filter(t -> !ordered.contains(t)).sorted().forEach(ordered::add);
        return ordered;
    }
}
