package io.watasu.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A folder outside everything watasu owns, with files a symbolic link can point at: a test plants one, aims links at
 * it, runs watasu, and asserts that not one entry, byte or timestamp in it changed.
 */
public final class Sentinel {
    private final Path folder;
    private final Map<String, String> before;

    private Sentinel(Path folder) throws IOException {
        this.folder = folder;
        this.before = snapshot();
    }

    /** Creates {@code folder} with a file {@code victim.yaml}, a folder {@code acme/} with a file, and an empty one. */
    public static Sentinel plant(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("acme"));
        Files.createDirectories(folder.resolve("empty"));
        Files.writeString(folder.resolve("victim.yaml"), "kind: Secret # must survive\n");
        Files.writeString(folder.resolve("acme/_team.yaml"), "not watasu's\n");
        // Timestamps a write would move: set well in the past, so any change shows.
        for (String path : new String[] {"victim.yaml", "acme/_team.yaml", "acme", "empty", ""}) {
            Files.setLastModifiedTime(folder.resolve(path), FileTime.fromMillis(1_000_000_000_000L));
        }
        return new Sentinel(folder);
    }

    /** Deletes {@code path} (a file, or a folder with everything in it) and puts a link to {@code target} there. */
    public static void replaceWithLink(Path path, Path target) throws IOException {
        deleteTree(path);
        Files.createSymbolicLink(path, target);
    }

    /** Deletes {@code path}: a file or link, or a folder with everything in it (links inside are not followed). */
    public static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path inside : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(inside);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }

    public Path folder() {
        return folder;
    }

    /** A file in the sentinel folder. */
    public Path file() {
        return folder.resolve("victim.yaml");
    }

    public void assertUntouched() throws IOException {
        assertEquals(before, snapshot(), "something outside the folders watasu owns changed");
    }

    private Map<String, String> snapshot() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.toList()) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String content = attributes.isRegularFile() ? Files.readString(path)
                        : attributes.isSymbolicLink() ? "-> " + Files.readSymbolicLink(path) : "folder";
                entries.put(folder.relativize(path).toString(), content + " @" + attributes.lastModifiedTime());
            }
        }
        return entries;
    }
}
