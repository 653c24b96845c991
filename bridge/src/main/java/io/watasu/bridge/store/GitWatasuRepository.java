package io.watasu.bridge.store;

import io.watasu.bridge.plugin.Log;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.edit.EditRefusedException;
import io.watasu.edit.WatasuYamlEditor;
import io.watasu.model.App;
import io.watasu.publish.CommitMessage;
import io.watasu.publish.GitCredentials;
import io.watasu.publish.GitTransaction;
import io.watasu.publish.PublishResult;
import io.watasu.publish.WorktreeEdit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * read is a transaction whose edit only looks), edits are the comment-preserving {@link WatasuYamlEditor}, and every
 * edited file is validated with the {@link ConfigLoader} before it is committed.
 */
public final class GitWatasuRepository implements WatasuRepository {
    private final RepositorySettings settings;
    private final Path cacheDirectory;
    private Snapshot head;

    public GitWatasuRepository(RepositorySettings settings) {
        this.settings = settings;
        this.cacheDirectory = settings.cacheDir().resolve(cacheKey(settings));
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
        validated(edit(change, current.text(), current.config().apps().toList()));
    }

    @Override
    public synchronized Snapshot commit(ModelChange change) {
        AtomicReference<String> edited = new AtomicReference<>();
        WorktreeEdit edit = worktree -> {
            String text = readModel(worktree);
            LoadResult before = ConfigLoader.parse(settings.file(), text);
            List<App> apps = before.ok() ? before.config().apps().toList() : List.of();
            String after = edit(change, text, apps);
            validated(after);
            edited.set(after);
            if (after.equals(text)) {
                return Optional.empty();
            }
            Files.writeString(worktree.resolve(settings.file()), after, StandardCharsets.UTF_8);
            return Optional.of(CommitMessage.of(change.describe()));
        };
        PublishResult result = transaction().edit(edit).call();
        head = snapshot(edited.get(), result);
        Log.info(change.describe() + ": " + result.status() + " at " + head.commit());
        return head;
    }

    private GitTransaction transaction() {
        GitTransaction transaction = GitTransaction.to(settings.repository())
                .branch(settings.branch())
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
        try {
            return Files.readString(worktree.resolve(settings.file()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RepositoryException(settings.file() + " does not exist on branch " + settings.branch() + " of "
                    + settings.repository() + "; commit one with at least `version: 1` and `teams:`, or set the "
                    + "provider's file");
        }
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

    /** The edited text, or the editor's refusal as a rejected change. */
    private String edit(ModelChange change, String text, List<App> apps) {
        try {
            if (change instanceof ModelChange.SetTrust trust) {
                return WatasuYamlEditor.setTrust(settings.file(), text, trust.app(), trustOrder(trust, apps));
            }
            if (change instanceof ModelChange.UpsertApp app) {
                return WatasuYamlEditor.upsertApp(settings.file(), text, app.team(), app.app(), app.processes());
            }
            return WatasuYamlEditor.removeApp(settings.file(), text, ((ModelChange.RemoveApp) change).app());
        } catch (EditRefusedException e) {
            throw new ChangeRejectedException(e.diagnostics());
        }
    }

    /**
     * Terraform sets have no order; entries already in the file keep their place and new ones go to the end, so the
     * diff of the file shows exactly the entries that changed.
     */
    private static List<String> trustOrder(ModelChange.SetTrust trust, List<App> apps) {
        List<String> existing = apps.stream().filter(a -> a.name().equals(trust.app())).findFirst()
                .map(App::trust).orElse(List.of());
        List<String> ordered = new ArrayList<>(existing.stream().filter(trust.trusted()::contains).toList());
        trust.trusted().stream().filter(t -> !ordered.contains(t)).sorted().forEach(ordered::add);
        return ordered;
    }

    private String validated(String text) {
        LoadResult result = ConfigLoader.parse(settings.file(), text);
        if (!result.ok()) {
            throw new ChangeRejectedException(result.errors());
        }
        return text;
    }
}
