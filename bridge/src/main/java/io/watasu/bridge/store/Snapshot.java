package io.watasu.bridge.store;

import io.watasu.model.WatasuConfig;

import java.util.Objects;

/**
 * The model at one commit of the branch.
 *
 * @param config the validated model
 * @param commit the commit id it was read from (for log lines and commit messages)
 */
public record Snapshot(WatasuConfig config, String commit) {
    public Snapshot {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(commit, "commit");
    }
}
