package io.watasu.publish;

import org.eclipse.jgit.lib.ObjectId;

import java.util.List;

/** What a {@link GitTransaction} did, as data: callers switch on the record type. */
public sealed interface PublishResult {
    enum Status { NO_CHANGE, PUSHED, DRY_RUN, FAILED }

    Status status();

    /** The edit left the remote head's tree as it was (or returned no message): nothing was committed. */
    record NoChange(ObjectId head, int attempts) implements PublishResult {
        @Override
        public Status status() {
            return Status.NO_CHANGE;
        }
    }

    /** The commit is on the remote branch. {@code attempts} counts pushes, 1 when nobody raced us. */
    record Pushed(ObjectId commit, int attempts, CommitMessage message, List<PathChange> changes)
            implements PublishResult {
        public Pushed {
            changes = List.copyOf(changes);
        }

        @Override
        public Status status() {
            return Status.PUSHED;
        }
    }

    /** Dry run: what would be committed onto {@code base} (null for an empty repository); nothing was pushed. */
    record DryRun(ObjectId base, CommitMessage message, List<PathChange> changes) implements PublishResult {
        public DryRun {
            changes = List.copyOf(changes);
        }

        @Override
        public Status status() {
            return Status.DRY_RUN;
        }
    }

    record Failed(PublishFailure failure) implements PublishResult {
        @Override
        public Status status() {
            return Status.FAILED;
        }
    }
}
