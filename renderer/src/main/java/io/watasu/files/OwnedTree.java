package io.watasu.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A folder watasu owns (an output folder, a folder of a Git work tree), and the way every read, write and delete
 * inside it is done: no symbolic link below the root is ever followed. Before a path is used, each folder on the way
 * to it is checked to be a real folder (once per tree object; a few hundred checks for ten thousand files), and files
 * are opened with {@code O_NOFOLLOW}, so a link planted where watasu expects its own file or folder (committed to a
 * GitOps repository, or created in an output folder) is reported as a {@link SymbolicLinkException} instead of
 * letting a write, read or delete land outside. The root itself is the user's choice and may be reached through
 * links. A link swapped in by a process racing the check is not defended against; watasu does not coordinate
 * concurrent writers of one folder either.
 * <p>
 * Paths are '/'-separated and relative to the root; the caller has checked that they stay inside it.
 */
public final class OwnedTree {
    private static final OpenOption[] READ = {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
    private static final OpenOption[] WRITE = {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};

    /** What a path is, without following a link. */
    public enum Kind { MISSING, FILE, FOLDER, LINK, OTHER }

    private final Path root;
    private final String displayName;
    /** Folders (relative, "" for the root) seen to be real folders; forgotten when this tree deletes them. */
    private final Set<String> realFolders = ConcurrentHashMap.newKeySet();

    private OwnedTree(Path root, String displayName) {
        this.root = root;
        this.displayName = displayName;
    }

    /** The folder {@code root}, named as given in messages. */
    public static OwnedTree at(Path root) {
        return new OwnedTree(root, root.toString());
    }

    /** The folder {@code root}, its paths named relative to it in messages (e.g. a Git work tree). */
    public static OwnedTree at(Path root, String displayName) {
        return new OwnedTree(root, displayName);
    }

    /**
     * The folder {@code relative} of this tree (which need not exist yet) as a tree of its own, after checking that
     * no folder on the way is a link.
     */
    public OwnedTree subtree(String relative) throws IOException {
        isFolder(relative);
        return new OwnedTree(root.resolve(relative), display(relative));
    }

    public Path root() {
        return root;
    }

    /** How {@code relative} is named in messages: below the root's name. */
    public String display(String relative) {
        if (relative.isEmpty()) {
            return displayName;
        }
        return displayName.isEmpty() ? relative : displayName + "/" + relative;
    }

    /**
     * True when {@code relative} is a real folder, false when it (or a folder on the way) does not exist.
     *
     * @throws SymbolicLinkException when it or a folder on the way is a link
     * @throws NotDirectoryException when it or a folder on the way is something else
     */
    public boolean isFolder(String relative) throws IOException {
        if (realFolders.contains(relative)) {
            return true;
        }
        if (relative.isEmpty()) {
            BasicFileAttributes root;
            try {
                root = Files.readAttributes(this.root, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return false;
            }
            return remember(relative, root);
        }
        int slash = relative.lastIndexOf('/');
        if (!isFolder(slash < 0 ? "" : relative.substring(0, slash))) {
            return false;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root.resolve(relative), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw new SymbolicLinkException(display(relative));
        }
        return remember(relative, attributes);
    }

    private boolean remember(String relative, BasicFileAttributes attributes) throws NotDirectoryException {
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(display(relative));
        }
        realFolders.add(relative);
        return true;
    }

    /** What {@code relative} is; a link is reported, not followed. Folders on the way are checked. */
    public Kind kind(String relative) throws IOException {
        if (!isFolder(parent(relative))) {
            return Kind.MISSING;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(root.resolve(relative), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return attributes.isSymbolicLink() ? Kind.LINK : attributes.isDirectory() ? Kind.FOLDER
                    : attributes.isRegularFile() ? Kind.FILE : Kind.OTHER;
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        }
    }

    /**
     * The path of {@code relative} on disk, after checking the folders on the way; for operations that do not
     * follow a link at the path itself (e.g. reading its attributes with {@code NOFOLLOW_LINKS}).
     */
    public Path checkedPath(String relative) throws IOException {
        isFolder(parent(relative));
        return root.resolve(relative);
    }

    /** The content of the regular file {@code relative}, or null when it does not exist. */
    public byte[] readIfExists(String relative) throws IOException {
        if (!isFolder(parent(relative))) {
            return null;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(root.resolve(relative), READ)) {
            return readFully(channel);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw linkOr(relative, e);
        }
    }

    /** Reads as many bytes as the file holds when opened (watasu's files do not grow while it reads them). */
    private static byte[] readFully(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("file too large");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading until full or at the end
        }
        return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }

    /** Creates {@code relative} and the folders on the way, none of which may be a link. */
    public void createFolders(String relative) throws IOException {
        if (isFolder(relative)) {
            return;
        }
        if (relative.isEmpty()) {
            Files.createDirectories(root);
        } else {
            createFolders(parent(relative));
            try {
                Files.createDirectory(root.resolve(relative));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile, or a link or a file: the check below says which
            }
        }
        if (!isFolder(relative)) {
            throw new NoSuchFileException(display(relative));
        }
    }

    /** Creates or truncates the regular file {@code relative} and writes {@code content}; its folder must exist. */
    public void write(String relative, byte[] content) throws IOException {
        isFolder(parent(relative));
        try (SeekableByteChannel channel = Files.newByteChannel(root.resolve(relative), WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw linkOr(relative, e);
        }
    }

    /** Renames {@code from} to {@code to} in one step, replacing what was at {@code to} (a link itself, not its target). */
    public void rename(String from, String to) throws IOException {
        isFolder(parent(from));
        isFolder(parent(to));
        Files.move(root.resolve(from), root.resolve(to), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes the file, link or empty folder {@code relative}; false when it was not there. */
    public boolean delete(String relative) throws IOException {
        if (!isFolder(parent(relative))) {
            return false;
        }
        realFolders.remove(relative);
        return Files.deleteIfExists(root.resolve(relative));
    }

    /** Deletes {@code relative} and, if it is a real folder, everything in it; links are deleted, never followed. */
    public void deleteTree(String relative) throws IOException {
        if (!isFolder(parent(relative))) {
            return;
        }
        realFolders.removeIf(folder -> folder.equals(relative) || folder.startsWith(relative + "/"));
        deleteTree(root.resolve(relative));
    }

    /** Deletes {@code start} and everything below it without following any link; parts already gone are fine. */
    public static void deleteTree(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The names in the folder {@code relative}, unsorted; empty when it does not exist. */
    public List<String> list(String relative) throws IOException {
        List<String> names = new ArrayList<>();
        if (!isFolder(relative)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(relative))) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (NoSuchFileException e) {
            // removed meanwhile
        }
        return names;
    }

    /** The folder holding {@code relative} ("" for the root). */
    public static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /**
     * A failure using {@code relative} without following links: a link there, or else the failure, named by the
     * path as the tree shows it (the JDK reports some failures, such as reading a folder, without the path).
     */
    private IOException linkOr(String relative, IOException e) {
        if (Files.isSymbolicLink(root.resolve(relative))) {
            return new SymbolicLinkException(display(relative));
        }
        return e instanceof FileSystemException ? e : new FileSystemException(display(relative), null, e.getMessage());
    }
}
