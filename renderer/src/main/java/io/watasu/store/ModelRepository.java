package io.watasu.store;

import java.util.List;

/**
 * The Git repository holding {@code watasu.yaml}: read the model at the branch head, check changes against it, and
 * land a change as one commit. Implementations serialise their own commits.
 */
public interface ModelRepository {
    /** The model at the branch head; fetched on first use, then the result of this object's last commit. */
    Snapshot head();

    /**
     * Applies {@code changes} in order to the head's text without committing and validates the resulting model.
     *
     * @throws ChangeRejectedException with the findings when the changes would make the file invalid
     */
    void check(List<ModelChange> changes);

    /**
     * Lands {@code change} as a commit on the branch (re-applied on a fresh head when another writer won a race).
     * A change that leaves the file as it is makes no commit.
     *
     * @throws ChangeRejectedException when the change would make the file invalid
     * @throws RepositoryException     when the repository cannot be read or written
     */
    Landed commit(ModelChange change);

    /** Where the model is, for messages: {@code watasu.yaml on branch main}. */
    String location();

    /**
     * A landed change.
     *
     * @param before    the file's text the change was applied to (on the last head, after a lost race)
     * @param head      the branch head after the change (the commit it made, or the head it found unchanged)
     * @param subject   what the change did, in one line: the commit subject
     * @param committed false when the file already was as the change wants it
     */
    record Landed(String before, Snapshot head, String subject, boolean committed) {
    }
}
