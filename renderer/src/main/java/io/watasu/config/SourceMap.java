package io.watasu.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the elements of a loaded model that the cross-element rules point at were written: {@link Subjects} path ->
 * position. Names (teams, apps, processes, trust lists, label keys) map to the position of their key, values (trust
 * entries, CIDRs, platform settings) to the value itself. A model that did not come
 * from a file uses {@link #empty(String)}, and every finding lands on that file's 1:1.
 */
public final class SourceMap {
    private final String file;
    private final Map<String, SourcePosition> positions;

    private SourceMap(String file, Map<String, SourcePosition> positions) {
        this.file = file;
        this.positions = positions;
    }

    public static SourceMap empty(String file) {
        return new SourceMap(file, Map.of());
    }

    private SourcePosition start() {
        return new SourcePosition(file, 1, 1);
    }

    /** Position of the element, or the file's start when the element was not written in the file (a default). */
    public SourcePosition at(String subject) {
        return positions.getOrDefault(subject, start());
    }

    static Builder builder(String file) {
        return new Builder(file);
    }

    static final class Builder {
        private final String file;
        private final Map<String, SourcePosition> positions = new HashMap<>();

        private Builder(String file) {
            this.file = file;
        }

        void put(String subject, SourcePosition position) {
            positions.putIfAbsent(subject, position);
        }

        SourceMap build() {
            // A view, not a copy: copying re-hashes every key, a noticeable share of loading a large file.
            return new SourceMap(file, Collections.unmodifiableMap(positions));
        }
    }
}
