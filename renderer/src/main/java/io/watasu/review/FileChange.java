package io.watasu.review;

/** How one rendered file differs between the two revisions, in lines. */
public record FileChange(String path, Status status, int linesAdded, int linesRemoved) {
    public enum Status {
        ADDED, REMOVED, CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
