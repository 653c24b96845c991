package io.watasu.publish;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The change a {@link GitTransaction} makes: applied to a work tree that holds exactly the remote branch head.
 * It may run several times in one transaction (once per push attempt, each time on a newer head), so it must
 * derive everything from its inputs and the work tree, never from the previous run.
 */
@FunctionalInterface
public interface WorktreeEdit {
    /**
     * Edits files under {@code worktree} (never its {@code .git}).
     *
     * @return the commit message, or empty when there is nothing to commit
     */
    Optional<CommitMessage> apply(Path worktree) throws Exception;
}
