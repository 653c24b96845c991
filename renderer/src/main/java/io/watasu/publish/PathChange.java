package io.watasu.publish;

/** One file a commit adds, modifies or deletes; {@code path} is relative to the repository root, '/'-separated. */
public record PathChange(Type type, String path) {
    public enum Type { ADDED, MODIFIED, DELETED }

    /** {@code A path}, {@code M path} or {@code D path}, as {@code git diff --name-status} prints them. */
    @Override
    public String toString() {
        return type.name().charAt(0) + " " + path;
    }
}
