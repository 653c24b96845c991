package io.watasu.output;

import io.watasu.cache.CacheRoot;
import io.watasu.files.OwnedTree;
import io.watasu.files.Temporaries;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What each file of an output folder hashed to, remembered with the file's status (size, inode, modification and
 * change times), so that a later run can take the hash of a file whose status is unchanged without reading it
 * through SHA-256 again, as Git's index does. The change time cannot be set by anyone: any write to the file moves
 * it. A write in the same clock tick as the status was taken would not, so a status is only remembered once the
 * file's change time is at least {@link #SETTLED} older than the moment it was read (Git's "racily clean" files).
 * <p>
 * Local to this machine and this folder: kept under {@link CacheRoot}, never in the output, whose folder may be
 * committed. It is only a shortcut: anything unreadable or unwritable is ignored.
 */
final class StatCache {
    /** Longer than the timestamp granularity of the file systems an output folder lives on. */
    static final long SETTLED = TimeUnit.SECONDS.toNanos(1);
    private static final String ATTRIBUTES = "unix:size,ino,lastModifiedTime,ctime";

    /** A file's status; equal statuses mean the file has not been written since. */
    record Status(long size, long inode, long modified, long changed) {
        /** The status of {@code relative} in {@code out}; empty when it cannot be read (or is behind a link). */
        static Optional<Status> of(OwnedTree out, String relative) {
            try {
                Path file = out.checkedPath(relative);
                return Optional.of(StatFields.READABLE ? StatFields.of(file) : fromAttributeMap(file));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        /** Through the attribute names of the "unix" view: the only public way to the change time. */
        static Status fromAttributeMap(Path file) throws IOException {
            Map<String, Object> attributes = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new Status((Long) attributes.get("size"), (Long) attributes.get("ino"),
                    nanos(attributes.get("lastModifiedTime")), nanos(attributes.get("ctime")));
        }

        // Spelled out: the generated equals goes through a method handle, slow before it is compiled, and the
        // reuse check compares tens of thousands of statuses once each.
        @Override
        public boolean equals(Object other) {
            return other instanceof Status status && size == status.size && inode == status.inode
                    && modified == status.modified && changed == status.changed;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(inode) * 31 + Long.hashCode(changed);
        }

        /** True when a write after {@code readAt}, the moment this status was read, would have changed it. */
        boolean settledAt(long readAt) {
            return changed <= readAt - SETTLED;
        }

        private static long nanos(Object time) {
            return TimeUnit.SECONDS.toNanos(((FileTime) time).toInstant().getEpochSecond())
                    + ((FileTime) time).toInstant().getNano();
        }
    }

    /**
     * The fields of the JDK's own result of the stat call, read directly where the JVM lets this code in (the
     * launcher opens {@code java.base/sun.nio.fs} to it). Asking the "unix" view for the change time builds a map
     * of the names per call, which cost as much again as the call itself: half the reuse check of a fleet's output.
     * Anywhere else, or should a JDK name its fields differently, statuses come through that map instead: both
     * give the same status (StatCacheTest checks it).
     */
    static final class StatFields {
        private static final Class<?> TYPE;
        private static final VarHandle INODE;
        private static final VarHandle MODIFIED_SECONDS;
        private static final VarHandle MODIFIED_NANOS;
        private static final VarHandle CHANGED_SECONDS;
        private static final VarHandle CHANGED_NANOS;
        /** True when the fields can be read. */
        static final boolean READABLE;

        static {
            Class<?> type = null;
            VarHandle[] fields = new VarHandle[5];
            try {
                type = Class.forName("sun.nio.fs.UnixFileAttributes");
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                String[] names = {"st_ino", "st_mtime_sec", "st_mtime_nsec", "st_ctime_sec", "st_ctime_nsec"};
                for (int i = 0; i < names.length; i++) {
                    fields[i] = lookup.findVarHandle(type, names[i], long.class);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                type = null;
            }
            TYPE = type;
            INODE = fields[0];
            MODIFIED_SECONDS = fields[1];
            MODIFIED_NANOS = fields[2];
            CHANGED_SECONDS = fields[3];
            CHANGED_NANOS = fields[4];
            READABLE = type != null;
        }

        private StatFields() {
        }

        /** The status of {@code file} (not following a link at it), from the fields; only when {@link #READABLE}. */
        static Status of(Path file) throws IOException {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!TYPE.isInstance(attributes)) {
                return Status.fromAttributeMap(file); // another file system provider
            }
            return new Status(attributes.size(), (long) INODE.get(attributes),
                    TimeUnit.SECONDS.toNanos((long) MODIFIED_SECONDS.get(attributes))
                            + (long) MODIFIED_NANOS.get(attributes),
                    TimeUnit.SECONDS.toNanos((long) CHANGED_SECONDS.get(attributes))
                            + (long) CHANGED_NANOS.get(attributes));
        }
    }

    /** Where the cache is kept. */
    Path file() {
        return file;
    }

    /** The current time, in the nanoseconds of {@link Status}, for {@link Status#settledAt}. */
    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private final Path file;

    private StatCache(Path file) {
        this.file = file;
    }

    /** The cache of {@code outDir}, or none when the folder cannot be named (the cache is then never used). */
    static Optional<StatCache> of(Path outDir) {
        try {
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(outDir.toRealPath().toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
            return Optional.of(new StatCache(CacheRoot.current().resolve("output-stats").resolve(key)));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What is remembered; nothing when there is nothing (readable). */
    Known read() {
        try {
            return new Known(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Known.NOTHING;
        }
    }

    /**
     * The remembered hashes: the cache's text, one {@code size inode modified changed sha256 path} line per file in
     * path order. Looked up in that order by a {@link Cursor}, in place: a fleet's cache has tens of thousands of
     * lines, and a map of them was as many objects for the collector to copy.
     */
    static final class Known {
        static final Known NOTHING = new Known("");
        private final String text;

        private Known(String text) {
            this.text = text;
        }

        boolean isEmpty() {
            return text.isEmpty();
        }

        /** A reader from the first line; each thread takes its own. */
        Cursor cursor() {
            return new Cursor();
        }

        /** Looks paths up in increasing order (a path out of order, or a damaged line, is simply not found). */
        final class Cursor {
            private int line;
            /** The five spaces of the line being looked at. */
            private final int[] spaces = new int[5];

            private Cursor() {
            }

            /** True when {@code path} is remembered with {@code sha256} and a status equal to {@code status}. */
            boolean remembers(String path, Status status, String sha256) {
                while (line < text.length()) {
                    int end = text.indexOf('\n', line);
                    end = end < 0 ? text.length() : end;
                    int order = findSpaces(line, end) ? comparePath(spaces[4] + 1, end, path) : -1;
                    if (order > 0) {
                        return false;
                    }
                    int start = line;
                    line = end + 1;
                    if (order == 0) {
                        return spaces[4] - spaces[3] - 1 == sha256.length() && text.startsWith(sha256, spaces[3] + 1)
                                && sameStatus(start, status);
                    }
                }
                return false;
            }

            /** Finds the five spaces of the line from {@code start} to {@code end}; false when it has fewer. */
            private boolean findSpaces(int start, int end) {
                int found = 0;
                for (int at = start; found < spaces.length && at < end; at++) {
                    if (text.charAt(at) == ' ') {
                        spaces[found++] = at;
                    }
                }
                return found == spaces.length;
            }

            /** True when the line from {@code start} remembers {@code status} (false when a number is damaged). */
            private boolean sameStatus(int start, Status status) {
                try {
                    return Long.parseLong(text, start, spaces[0], 10) == status.size()
                            && Long.parseLong(text, spaces[0] + 1, spaces[1], 10) == status.inode()
                            && Long.parseLong(text, spaces[1] + 1, spaces[2], 10) == status.modified()
                            && Long.parseLong(text, spaces[2] + 1, spaces[3], 10) == status.changed();
                } catch (NumberFormatException e) {
                    return false;
                }
            }

            /** The text from {@code start} to {@code end} compared with {@code path}, as String compares. */
            private int comparePath(int start, int end, String path) {
                int length = Math.min(end - start, path.length());
                for (int i = 0; i < length; i++) {
                    char c = text.charAt(start + i);
                    if (c != path.charAt(i)) {
                        return c - path.charAt(i);
                    }
                }
                return end - start - path.length();
            }
        }
    }

    /**
     * A file to remember: its path, the SHA-256 of its content now on disk, and the status that hash was taken with
     * when known and settled (else null: the status is read when remembered).
     */
    record Remembered(String path, String sha256, Status settled) {
    }

    /**
     * Remembers the hashes of {@code files} in {@code out}, in path order (the order of the lookups, see
     * {@link Known}). A file changed too recently to be told apart from a later write is left out. Nothing is
     * written when the cache already says exactly this.
     */
    void write(OwnedTree out, List<Remembered> files) {
        List<Remembered> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Remembered::path));
        StringBuilder text = new StringBuilder(sorted.size() * 160);
        for (Remembered remembered : sorted) {
            Status status = remembered.settled();
            if (status == null) {
                long readAt = now();
                status = Status.of(out, remembered.path()).filter(s -> s.settledAt(readAt)).orElse(null);
            }
            if (status != null) {
                text.append(status.size()).append(' ').append(status.inode()).append(' ').append(status.modified())
                        .append(' ').append(status.changed()).append(' ').append(remembered.sha256()).append(' ')
                        .append(remembered.path()).append('\n');
            }
        }
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            // not there (or unreadable): written below
        }
        Temporaries.Naming temporaries = new Temporaries.Naming(file.getFileName() + ".", ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Temporaries.removeStale(file.getParent(), temporaries, null);
            try (Temporaries.Held temporary = Temporaries.createFile(file.getParent(), temporaries)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    temporary.channel().write(bytes);
                }
                Files.move(temporary.path(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // only a shortcut: nothing depends on it
        }
    }
}
