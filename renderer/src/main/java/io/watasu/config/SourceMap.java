package io.watasu.config;

import io.watasu.yaml.YamlNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the elements of a loaded model that the cross-element rules point at were written: {@link Subjects} path ->
 * position. Names (teams, apps, processes, trust lists, label keys) map to the position of their key, values (trust
 * entries, CIDRs, platform settings) to the value itself. A model that did not come
 * from a file uses {@link #empty(String)}, and every finding lands on that file's 1:1.
 */
public final class SourceMap {
    private final String file;
    private final List<SubjectPath> subjects;
    /** Line and column of each subject, packed: the loaded YAML tree is not kept for the run's rest. */
    private final long[] lineAndColumn;
    /** Where platform settings are looked up first (a cluster's {@code platform}), or null. */
    private final String platformAt;
    private final SourceMap whole;
    private Map<String, SourcePosition> positions;

    private SourceMap(String file, List<SubjectPath> subjects, long[] lineAndColumn) {
        this.file = file;
        this.subjects = subjects;
        this.lineAndColumn = lineAndColumn;
        this.platformAt = null;
        this.whole = null;
    }

    private SourceMap(SourceMap whole, String platformAt) {
        this.file = whole.file;
        this.subjects = List.of();
        this.lineAndColumn = new long[0];
        this.platformAt = platformAt;
        this.whole = whole;
    }

    /**
     * This map as seen from one cluster: a platform setting ({@code platform.dns.ports}) is found where the cluster
     * writes it ({@code clusters.eu-prod.platform.dns.ports}), else where the file does.
     */
    public SourceMap withPlatformAt(String platformSubject) {
        return new SourceMap(this, platformSubject);
    }

    public static SourceMap empty(String file) {
        return new SourceMap(file, List.of(), new long[0]);
    }

    private SourcePosition start() {
        return new SourcePosition(file, 1, 1);
    }

    /** Position of the element, or the file's start when the element was not written in the file (a default). */
    public SourcePosition at(String subject) {
        return find(subject).orElse(start());
    }

    /** Position of the element; empty when it was not written in the file. */
    public synchronized java.util.Optional<SourcePosition> find(String subject) {
        if (whole != null) {
            boolean platform = subject.equals(Subjects.PLATFORM) || subject.startsWith(Subjects.PLATFORM + ".")
                    || subject.startsWith(Subjects.PLATFORM + "[");
            java.util.Optional<SourcePosition> own = platform
                    ? whole.find(platformAt + subject.substring(Subjects.PLATFORM.length()))
                    : java.util.Optional.empty();
            return own.isPresent() ? own : whole.find(subject);
        }
        if (positions == null) {
            // Built on the first lookup only: a valid file is never looked up, and its paths are never written out.
            positions = new HashMap<>();
            for (int i = 0; i < subjects.size(); i++) {
                positions.putIfAbsent(subjects.get(i).toString(), new SourcePosition(file,
                        (int) (lineAndColumn[i] >>> 32), (int) lineAndColumn[i]));
            }
        }
        return java.util.Optional.ofNullable(positions.get(subject));
    }

    static Builder builder(String file) {
        return new Builder(file);
    }

    static final class Builder {
        private final String file;
        private final List<SubjectPath> subjects = new ArrayList<>();
        private long[] lineAndColumn = new long[64];

        private Builder(String file) {
            this.file = file;
        }

        /** Records where the element is written; the first record of a path wins. */
        void put(SubjectPath subject, YamlNode writtenAt) {
            if (subjects.size() == lineAndColumn.length) {
                lineAndColumn = Arrays.copyOf(lineAndColumn, lineAndColumn.length * 2);
            }
            lineAndColumn[subjects.size()] = (long) writtenAt.line() << 32 | writtenAt.column();
            subjects.add(subject);
        }

        SourceMap build() {
            return new SourceMap(file, subjects, Arrays.copyOf(lineAndColumn, subjects.size()));
        }
    }
}
