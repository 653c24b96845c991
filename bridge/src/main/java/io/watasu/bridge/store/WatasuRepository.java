package io.watasu.bridge.store;

/**
 * The provider's view of the Git repository holding {@code watasu.yaml}: read the model at the branch head, check a
 * change against it, and land a change as one commit. Implementations serialise their own commits.
 */
public interface WatasuRepository {
    /** The model at the branch head; fetched on first use, then the result of this process's last commit. */
    Snapshot head();

    /**
     * Applies {@code change} to the head's text without committing and validates the resulting model.
     *
     * @throws ChangeRejectedException with the validation errors when the change would make the file invalid
     */
    void check(ModelChange change);

    /**
     * Lands {@code change} as a commit on the branch (re-applied on a fresh head when another writer won a race).
     * A change that leaves the file as it is makes no commit.
     *
     * @return the head after the change
     * @throws ChangeRejectedException when the change would make the file invalid
     */
    Snapshot commit(ModelChange change);
}
