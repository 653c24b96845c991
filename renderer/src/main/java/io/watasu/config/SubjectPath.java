package io.watasu.config;

/**
 * A {@link Subjects} path whose text is built only when asked for: reading a large file names hundreds of thousands
 * of elements, and only the few in a finding (or looked up in a {@link SourceMap}) are ever written out.
 */
final class SubjectPath {
    private static final int FIELD = -1;
    private static final int LABEL_KEY = -2;

    private final SubjectPath parent;
    private final String name;
    /** {@link #FIELD}, {@link #LABEL_KEY}, or the index of a list item. */
    private final int index;
    private String text;

    private SubjectPath(SubjectPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    static SubjectPath root(String field) {
        return new SubjectPath(null, field, FIELD);
    }

    SubjectPath field(String field) {
        return new SubjectPath(this, field, FIELD);
    }

    SubjectPath item(int itemIndex) {
        return new SubjectPath(this, null, itemIndex);
    }

    SubjectPath labelKey(String key) {
        return new SubjectPath(this, key, LABEL_KEY);
    }

    @Override
    public String toString() {
        if (text == null) {
            String parentText = parent == null ? "" : parent.toString();
            text = switch (index) {
                case FIELD -> Subjects.field(parentText, name);
                case LABEL_KEY -> Subjects.labelKey(parentText, name);
                default -> Subjects.item(parentText, index);
            };
        }
        return text;
    }
}
