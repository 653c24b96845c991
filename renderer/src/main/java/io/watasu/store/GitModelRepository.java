package io.watasu.store;

import io.watasu.cli.ContractGate;
import io.watasu.cli.UserFacingException;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.edit.EditRefusedException;
import io.watasu.files.OwnedTree;
import io.watasu.files.SymbolicLinkException;
import io.watasu.output.OutputException;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedTree;
import io.watasu.publish.CommitMessage;
import io.watasu.publish.GitTransaction;
import io.watasu.publish.PublishFailure;
import io.watasu.publish.PublishResult;
import io.watasu.publish.WorktreeEdit;
import io.watasu.render.RenderException;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@link ModelRepository} on a Git remote: every read and write is a {@link GitTransaction} on a cached clone (a
 * read is a transaction whose edit only looks), and edits are the comment-preserving, loader-validated
 * {@link ModelChange}s. With a render path, the rendered manifests land in the same commit as the model.
 */
public final class GitModelRepository implements ModelRepository {
    /**
     * What a missing file is read as when {@link MissingFile#START_EMPTY}: the smallest valid model, to which the
     * first change adds the teams it needs.
     */
    static final String EMPTY_MODEL = "version: 1\nteams:\n";

    /** What to do when the branch, or the file on it, does not exist. */
    public enum MissingFile {
        /** Read it as a model without teams; the first change creates the file (and the branch of an empty remote). */
        START_EMPTY,
        /** Refuse: the caller edits an existing model. */
        REFUSE
    }

    private final RepositorySettings settings;
    private final MissingFile missingFile;
    private final Consumer<String> progress;
    private Snapshot head;

    /**
     * @param progress receives one line per Git step (fetching, committing, pushing, retrying); never credentials
     */
    public GitModelRepository(RepositorySettings settings, MissingFile missingFile, Consumer<String> progress) {
        this.settings = settings;
        this.missingFile = missingFile;
        this.progress = progress;
    }

    @Override
    public String location() {
        return settings.file() + " on branch " + settings.branch();
    }

    @Override
    public synchronized Snapshot head() {
        if (head == null) {
            AtomicReference<String> text = new AtomicReference<>();
            PublishResult result = transaction().edit(worktree -> {
                text.set(readModel(worktree));
                return Optional.empty();
            }).call();
            head = snapshot(text.get(), commitOf(result));
        }
        return head;
    }

    @Override
    public void check(List<ModelChange> changes) {
        String text = head().text();
        for (ModelChange change : changes) {
            text = edit(change, text).text();
        }
    }

    @Override
    public synchronized Landed commit(ModelChange change) {
        AtomicReference<ModelChange.Edit> edited = new AtomicReference<>();
        AtomicReference<String> base = new AtomicReference<>();
        WorktreeEdit edit = worktree -> {
            String text = readModel(worktree);
            ModelChange.Edit after = edit(change, text);
            base.set(text);
            edited.set(after);
            if (after.text().equals(text)) {
                return Optional.empty();
            }
            OwnedTree repository = OwnedTree.at(worktree, "");
            repository.createFolders(OwnedTree.parent(settings.file()));
            repository.write(settings.file(), after.text().getBytes(StandardCharsets.UTF_8));
            if (settings.renderPath() != null) {
                render(after.text(), repository.subtree(settings.renderPath()));
            }
            return Optional.of(CommitMessage.of(after.subject()));
        };
        PublishResult result = transaction().edit(edit).call();
        // Every failure was thrown by commitOf: the edit ran to its end on the last head.
        String commit = commitOf(result);
        boolean committed = result instanceof PublishResult.Pushed;
        head = snapshot(committed ? edited.get().text() : base.get(), commit);
        progress.accept(edited.get().subject() + ": " + (committed ? "pushed " : "nothing to change at ") + commit);
        return new Landed(base.get(), head, edited.get().subject(), committed);
    }

    private GitTransaction transaction() {
        GitTransaction transaction;
        try {
            transaction = GitTransaction.to(settings.repository()).branch(settings.branch());
        } catch (IllegalArgumentException e) {
            // Messages from the transaction carry no credentials.
            throw new RepositoryException(e.getMessage() + " (check the repository and branch)");
        }
        return transaction
                .credentials(settings.credentials())
                .author(settings.authorName(), settings.authorEmail())
                .cacheDirectory(settings.cacheDir().resolve(cacheKey(settings)))
                .progress(progress);
    }

    /** One clone per repository and branch; the transaction's lock keeps concurrent users of it apart. */
    private static String cacheKey(RepositorySettings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((settings.displayRepository() + "\n" + settings.branch()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /**
     * The model's text in the work tree. A symbolic link anywhere on the way is refused: the repository's content
     * must never make an edit read or write outside the clone.
     */
    private String readModel(Path worktree) throws IOException {
        byte[] model;
        try {
            model = OwnedTree.at(worktree, "").readIfExists(settings.file());
        } catch (SymbolicLinkException e) {
            throw new RepositoryException(settings.file() + " on branch " + settings.branch() + " of "
                    + settings.displayRepository() + " is a symbolic link or lies behind one; watasu edits only "
                    + "regular files (replace the link by the file in the repository)");
        } catch (IOException e) {
            throw new RepositoryException("cannot read " + settings.file() + " on branch " + settings.branch() + " of "
                    + settings.displayRepository() + " (it must be a regular file of UTF-8 text)");
        }
        if (model != null) {
            return new String(model, StandardCharsets.UTF_8);
        }
        if (missingFile == MissingFile.START_EMPTY) {
            return EMPTY_MODEL;
        }
        throw new RepositoryException(settings.file() + " does not exist on branch " + settings.branch() + " of "
                + settings.displayRepository() + " (check the file and branch)");
    }

    private void render(String text, OwnedTree folder) throws IOException {
        LoadResult loaded = ConfigLoader.parse(settings.file(), text);
        RenderedTree tree = Renderer.render(loaded.config(), RenderOptions.defaults(), PreviousOutput.in(folder));
        ContractGate.check(loaded.config(), tree);
        new OutputWriter().write(tree, folder);
    }

    /** The commit the transaction left the branch at, or the failure, thrown as what it is. */
    private String commitOf(PublishResult result) {
        if (result instanceof PublishResult.Pushed pushed) {
            return pushed.commit().name();
        }
        if (result instanceof PublishResult.NoChange unchanged) {
            return unchanged.head() == null ? Snapshot.NO_COMMIT : unchanged.head().name();
        }
        if (result instanceof PublishResult.Failed failed) {
            Throwable cause = failed.failure().cause();
            if (cause instanceof ChangeRejectedException rejected) {
                throw rejected;
            }
            if (cause instanceof RepositoryException unusable) {
                throw unusable;
            }
            boolean explained = cause instanceof UserFacingException || cause instanceof OutputException
                    || cause instanceof RenderException;
            if (failed.failure().kind() == PublishFailure.Kind.EDIT_FAILED && cause instanceof RuntimeException defect
                    && !explained) {
                // Not a user's mistake and not the repository: a defect, reported as such by the caller.
                throw defect;
            }
            throw new RepositoryException(failed.failure().message());
        }
        throw new IllegalStateException("a transaction without dry run ended as " + result.status());
    }

    private Snapshot snapshot(String text, String commit) {
        LoadResult loaded = ConfigLoader.parse(settings.file(), text);
        if (!loaded.ok()) {
            throw new RepositoryException(settings.file() + " on branch " + settings.branch() + " is invalid: "
                    + String.join("; ", loaded.errors().stream().map(Diagnostic::format).toList())
                    + " (fix the file in the repository first)", loaded.errors());
        }
        return new Snapshot(loaded.config(), text, commit, loaded.warnings());
    }

    /** The edited and validated text, or the refusal as a rejected change. */
    private ModelChange.Edit edit(ModelChange change, String text) {
        try {
            return change.applyTo(settings.file(), text);
        } catch (EditRefusedException e) {
            throw new ChangeRejectedException(e.diagnostics());
        }
    }
}
