package io.watasu.output;

import io.watasu.cache.CacheRoot;
import io.watasu.files.OwnedTree;
import io.watasu.files.Temporaries;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
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
                Map<String, Object> attributes = Files.readAttributes(out.checkedPath(relative), ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new Status((Long) attributes.get("size"), (Long) attributes.get("ino"),
                        nanos(attributes.get("lastModifiedTime")), nanos(attributes.get("ctime"))));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty();
            }
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

    /** Where the cache is kept. */
    Path file() {
        return file;
    }

    /** The current time, in the nanoseconds of {@link Status}, for {@link Status#settledAt}. */
    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** A remembered hash. */
    record Entry(Status status, String sha256) {
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

    /** Path to remembered hash; empty when there is nothing (readable). */
    Map<String, Entry> read() {
        Map<String, Entry> entries = new HashMap<>();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (int start = 0, end; start < text.length(); start = end + 1) {
                end = text.indexOf('\n', start);
                if (end < 0) {
                    end = text.length();
                }
                // size inode modified changed sha256 path; numbers parsed in place, a damaged line is skipped
                int[] spaces = new int[5];
                int found = 0;
                for (int at = text.indexOf(' ', start); found < spaces.length && at >= 0 && at < end;
                     at = text.indexOf(' ', at + 1)) {
                    spaces[found++] = at;
                }
                if (found < spaces.length) {
                    continue;
                }
                try {
                    Status status = new Status(Long.parseLong(text, start, spaces[0], 10),
                            Long.parseLong(text, spaces[0] + 1, spaces[1], 10),
                            Long.parseLong(text, spaces[1] + 1, spaces[2], 10),
                            Long.parseLong(text, spaces[2] + 1, spaces[3], 10));
                    entries.put(text.substring(spaces[4] + 1, end),
                            new Entry(status, text.substring(spaces[3] + 1, spaces[4])));
                } catch (NumberFormatException e) {
                    // a damaged line: that file is hashed again
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return entries;
    }

    /**
     * Remembers the hashes of the files of {@code out} (relative path to SHA-256 of the content now on disk, in a
     * stable order). A file's status is the one {@code settled} gives for it (taken, settled, with that hash), else
     * it is read now; a file changed too recently to be told apart from a later write is left out. Nothing is
     * written when the cache already says exactly this.
     */
    void write(OwnedTree out, Map<String, String> hashes, Map<String, Status> settled) {
        List<Map.Entry<String, String>> files = List.copyOf(hashes.entrySet());
        List<Status> statuses = files.parallelStream().map(file -> {
            Status known = settled.get(file.getKey());
            if (known != null) {
                return known;
            }
            long readAt = now();
            return Status.of(out, file.getKey()).filter(status -> status.settledAt(readAt)).orElse(null);
        }).toList();
        StringBuilder text = new StringBuilder(hashes.size() * 160);
        for (int i = 0; i < files.size(); i++) {
            Status status = statuses.get(i);
            if (status != null) {
                text.append(status.size()).append(' ').append(status.inode()).append(' ').append(status.modified())
                        .append(' ').append(status.changed()).append(' ').append(files.get(i).getValue()).append(' ')
                        .append(files.get(i).getKey()).append('\n');
            }
        }
        byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (Arrays.equals(Files.readAllBytes(file), content)) {
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
