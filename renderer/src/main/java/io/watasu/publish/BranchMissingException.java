package io.watasu.publish;

import java.util.List;

/** The remote has branches but not the one to publish to; creating it silently could publish to a typo. */
final class BranchMissingException extends Exception {
    private final String branch;
    private final List<String> existingBranches;

    BranchMissingException(String branch, List<String> existingBranches) {
        super("branch '" + branch + "' missing on the remote");
        this.branch = branch;
        this.existingBranches = List.copyOf(existingBranches);
    }

    String branch() {
        return branch;
    }

    List<String> existingBranches() {
        return existingBranches;
    }
}
