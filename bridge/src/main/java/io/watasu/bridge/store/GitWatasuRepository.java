package io.watasu.bridge.store;

/** Placeholder until the Git transaction, editor and loader land. */
public final class GitWatasuRepository implements WatasuRepository {
    public GitWatasuRepository(RepositorySettings settings) {
    }

    @Override
    public Snapshot head() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void check(ModelChange change) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Snapshot commit(ModelChange change) {
        throw new UnsupportedOperationException();
    }
}
