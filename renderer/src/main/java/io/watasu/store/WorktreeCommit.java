package io.watasu.store;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.AbortedByHookException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A commit of one file in the Git work tree that holds it, and nothing else: changes the user staged for other
 * files stay staged and uncommitted. Checked before the file is edited ({@link #prepare}), so that a refusal leaves
 * the file as it was; committed after ({@link #commit}).
 */
public final class WorktreeCommit {
    /** A commit author given on the command line; otherwise Git's configuration decides. */
    public record Author(String name, String email) {
    }

    private final Path workTree;
    private final String path;
    private final String displayName;

    private WorktreeCommit(Path workTree, String path, String displayName) {
        this.workTree = workTree;
        this.path = path;
        this.displayName = displayName;
    }

    /** True when {@code file} lies in a Git work tree (for the hint on what to do next). */
    public static boolean isInWorktree(Path file) {
        return gitDirOf(file).isPresent();
    }

    /**
     * Checks that {@code file} can be committed alone: it lies in a work tree, is committed already, has no
     * uncommitted changes of its own (they would end up in the commit), and no merge or rebase is under way.
     *
     * @throws NotCommittableException saying why not and what to do
     */
    public static WorktreeCommit prepare(Path file) {
        String name = file.toString();
        Path gitDir = gitDirOf(file).orElseThrow(() -> new NotCommittableException(name + " is not in a Git work "
                + "tree, so --commit has nowhere to commit it (run git init there, or leave out --commit)"));
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
             Git git = new Git(repository)) {
            if (repository.isBare()) {
                throw new NotCommittableException(name + " is in a bare Git repository, which has no work tree to "
                        + "commit from (leave out --commit)");
            }
            Path root = repository.getWorkTree().toPath().toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(root) || real.startsWith(repository.getDirectory().toPath().toRealPath())) {
                throw new NotCommittableException(name + " is not inside the work tree " + root + " (leave out "
                        + "--commit)");
            }
            String relative = root.relativize(real).toString().replace('\\', '/');
            RepositoryState state = repository.getRepositoryState();
            if (!state.canCommit() || state != RepositoryState.SAFE) {
                throw new NotCommittableException("the Git work tree " + root + " is in the middle of: "
                        + state.getDescription() + "; finish it first, or leave out --commit");
            }
            Status status = git.status().addPath(relative).call();
            if (status.getUntracked().contains(relative) || status.getIgnoredNotInIndex().contains(relative)) {
                throw new NotCommittableException(name + " is not committed yet; commit it once by hand (git add "
                        + relative + "), then use --commit");
            }
            for (Set<String> changed : java.util.List.of(status.getAdded(), status.getChanged(), status.getModified(),
                    status.getConflicting(), status.getMissing(), status.getRemoved())) {
                if (changed.contains(relative)) {
                    throw new NotCommittableException(name + " has uncommitted changes of its own, which --commit "
                            + "would put into the same commit; commit or stash them first (git stash push -- "
                            + relative + "), or leave out --commit");
                }
            }
            return new WorktreeCommit(root, relative, name);
        } catch (IOException | GitAPIException e) {
            throw new RepositoryException("cannot read the Git work tree of " + name + ": " + e.getMessage());
        }
    }

    private static Optional<Path> gitDirOf(Path file) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .findGitDir(file.toAbsolutePath().getParent().toFile());
        return Optional.ofNullable(builder.getGitDir()).map(java.io.File::toPath);
    }

    /**
     * Commits the file as it is in the work tree now, alone (like {@code git commit --only -- FILE}). Hooks run as
     * they would for {@code git commit}.
     *
     * @return the new commit's id
     */
    public String commit(String subject, Optional<Author> author) {
        try (Git git = Git.open(workTree.toFile())) {
            var command = git.commit().setOnly(path).setMessage(subject + "\n");
            author.ifPresent(a -> {
                PersonIdent person = new PersonIdent(a.name(), a.email());
                command.setAuthor(person).setCommitter(person);
            });
            RevCommit made = command.call();
            return made.name();
        } catch (AbortedByHookException e) {
            throw new RepositoryException(displayName + " was changed, but a Git hook refused the commit: "
                    + e.getHookStdErr().strip() + " (commit it by hand once the hook is satisfied)");
        } catch (IOException | GitAPIException e) {
            throw new RepositoryException(displayName + " was changed, but the commit failed: " + e.getMessage()
                    + " (commit it by hand)");
        }
    }

    /** {@code --commit} cannot be used for this file; nothing was edited. */
    public static final class NotCommittableException extends RuntimeException {
        NotCommittableException(String message) {
            super(message);
        }
    }
}
