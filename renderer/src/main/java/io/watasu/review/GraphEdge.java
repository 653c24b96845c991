package io.watasu.review;

/**
 * An edge of a trust graph: {@code caller} may open {@code app:process} on {@code ports}.
 *
 * @param change whether the edge is new in the head revision, gone from it, or in both (always UNCHANGED outside diff)
 */
public record GraphEdge(String caller, String app, String process, String ports, Change change) {
    public enum Change {
        UNCHANGED, ADDED, REMOVED
    }

    public String label() {
        return process + " " + ports;
    }
}
