package io.watasu.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Temporary files and folders of watasu's own, and the removal of those a killed run left behind.
 * <p>
 * A live temporary is held by the run that made it: an exclusive advisory lock on the temporary file (for a folder,
 * on a file inside it), which the kernel drops when the process ends, however it ends; and an entry in this JVM's
 * list of live temporaries, because a JVM cannot probe a lock it holds itself without releasing it. A later run
 * deletes a leftover only when all of these hold, so two runs at once never delete each other's live temporary:
 * <ul>
 *   <li>its name matches the caller's exact pattern ({@link Naming}), so only watasu's own are considered;</li>
 *   <li>it is what watasu creates there: a regular file, or a real folder; never a link, which is not followed;</li>
 *   <li>it was last modified at least {@link #GRACE} ago: a temporary is locked an instant after it is created, and
 *   a network file system's clock may differ a little from this machine's;</li>
 *   <li>nobody holds its lock.</li>
 * </ul>
 */
public final class Temporaries {
    /** How old a temporary must be before its missing lock is taken to mean its run is gone. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final FileAttribute<?> PRIVATE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private Temporaries() {
    }

    /**
     * How the temporaries of one kind are named: {@code <prefix><random hex digits><suffix>}.
     */
    public record Naming(String prefix, String suffix) {
        String newName() {
            return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + suffix;
        }

        /** Also matches the decimal names earlier versions used. */
        public boolean matches(String name) {
            if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
                return false;
            }
            String middle = name.substring(prefix.length(), name.length() - suffix.length());
            return middle.length() >= 1 && middle.length() <= 20 && middle.chars()
                    .allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
        }
    }

    /**
     * A temporary this run holds. Closing it deletes whatever is still at its path (nothing, once it was renamed
     * into place), then drops the lock.
     */
    public static final class Held implements AutoCloseable {
        private final Path path;
        private final boolean folder;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(Path path, boolean folder, FileChannel channel, FileLock lock) {
            this.path = path;
            this.folder = folder;
            this.channel = channel;
            this.lock = lock;
        }

        /** The temporary file or folder. */
        public Path path() {
            return path;
        }

        /** The locked file, open for writing: the temporary file itself, or the lock file in the folder. */
        public FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            try {
                if (folder) {
                    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                        OwnedTree.deleteTree(path);
                    }
                } else {
                    Files.deleteIfExists(path);
                }
            } finally {
                try {
                    lock.release();
                    channel.close();
                } finally {
                    LIVE.remove(key(path));
                }
            }
        }
    }

    /** Creates and holds a new file in {@code folder}, readable by the owner only. */
    public static Held createFile(Path folder, Naming naming) throws IOException {
        Path file = folder.resolve(naming.newName());
        Path key = key(file);
        LIVE.add(key);
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), privateIfPosix(folder));
            return new Held(file, false, channel, lockOrClose(channel, file));
        } catch (IOException | RuntimeException e) {
            LIVE.remove(key);
            throw e;
        }
    }

    /**
     * Creates and holds a new folder in {@code parent}, with the file {@code lockFile} (a relative path) created
     * in it and locked; write that file's content through {@link Held#channel()}.
     */
    public static Held createFolder(Path parent, Naming naming, String lockFile) throws IOException {
        Path folder = parent.resolve(naming.newName());
        Path key = key(folder);
        LIVE.add(key);
        try {
            Files.createDirectory(folder);
            Path file = folder.resolve(lockFile);
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            return new Held(folder, true, channel, lockOrClose(channel, file));
        } catch (IOException | RuntimeException e) {
            try {
                if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                    OwnedTree.deleteTree(folder);
                }
            } finally {
                LIVE.remove(key);
            }
            throw e;
        }
    }

    private static FileLock lockOrClose(FileChannel channel, Path file) throws IOException {
        try {
            return channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static FileAttribute<?>[] privateIfPosix(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PRIVATE} : new FileAttribute<?>[0];
    }

    /**
     * Deletes the leftover temporaries in {@code folder} named by {@code naming} whose run is gone (see the class
     * comment). Files are checked for their own lock; folders for the lock on {@code folderLockFile} inside them
     * (null: the temporaries are files). A folder that cannot be read is left alone.
     *
     * @return what was deleted
     */
    public static List<Path> removeStale(Path folder, Naming naming, String folderLockFile) {
        List<Path> removed = new ArrayList<>();
        Instant settled = Instant.now().minus(GRACE);
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder,
                entry -> naming.matches(entry.getFileName().toString()))) {
            for (Path candidate : candidates) {
                if (LIVE.contains(key(candidate))) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    boolean ours = folderLockFile == null ? attributes.isRegularFile() : attributes.isDirectory();
                    if (!ours || attributes.lastModifiedTime().toInstant().isAfter(settled)
                            || isLocked(folderLockFile == null ? candidate : candidate.resolve(folderLockFile))) {
                        continue;
                    }
                    if (folderLockFile == null) {
                        Files.deleteIfExists(candidate);
                    } else {
                        OwnedTree.deleteTree(candidate);
                    }
                    removed.add(candidate);
                } catch (IOException e) {
                    // gone meanwhile, or not ours to delete: leave it
                }
            }
        } catch (IOException e) {
            // an unreadable folder: nothing is removed
        }
        return removed;
    }

    /** True when a run holds the lock on {@code file}, or when that cannot be told. */
    private static boolean isLocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            // a folder whose run died before it made its lock file (it is older than the grace period)
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
        }
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
