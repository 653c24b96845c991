package io.watasu.output;

import io.watasu.files.OwnedTree;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status shortcut of the reuse check. Its use is made visible by remembering a hash that the file's bytes do not
 * have: a run that takes the shortcut believes it, a run that hashes does not.
 */
class StatCacheTest {
    private static final String PATH = "acme/api-app.yaml";
    private static final String FINGERPRINT = "f".repeat(64);

    @TempDir
    Path out;

    /** A folder whose record owns one file with {@code recordedContent}'s hash; the file holds {@code content}. */
    private void folder(String recordedContent, String content) throws IOException {
        Files.createDirectories(out.resolve("acme"));
        Files.writeString(out.resolve(PATH), content);
        Files.createDirectories(out.resolve(".watasu"));
        Files.writeString(out.resolve(OwnershipRecord.RELATIVE_PATH), OwnershipRecord.format(Map.of(PATH,
                new OwnershipRecord.Entry(java.util.Set.of(hash(recordedContent)), FINGERPRINT))));
    }

    private static String hash(String content) {
        return OutputChanges.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<RenderedFile> offered() {
        return PreviousOutput.in(out).file(PATH, FINGERPRINT);
    }

    private static void waitUntilSettled() throws InterruptedException {
        Thread.sleep(StatCache.SETTLED / 1_000_000 + 100);
    }

    @Test
    void anUnchangedStatusStandsForTheHash() throws Exception {
        // The record and the cache claim a hash the bytes do not have: only the shortcut can believe it.
        folder("kind: Other\n", "kind: Service\n");
        waitUntilSettled();
        StatCache.of(out).orElseThrow().write(OwnedTree.at(out),
                List.of(new StatCache.Remembered(PATH, hash("kind: Other\n"), null)));

        RenderedFile file = offered().orElseThrow();
        assertEquals(hash("kind: Other\n"), file.sha256());
        assertEquals("kind: Service\n", file.content());

        Files.writeString(out.resolve(PATH), "kind: Service\n");
        assertTrue(offered().isEmpty(), "rewritten, even with the same bytes: hashed again, and found out");
    }

    @Test
    void aWriteAfterTheHashWasTakenIsHashedAgainEvenAtTheSameSize() throws Exception {
        folder("port: 50051\n", "port: 50051\n");
        waitUntilSettled();
        StatCache.of(out).orElseThrow().write(OwnedTree.at(out),
                List.of(new StatCache.Remembered(PATH, hash("port: 50051\n"), null)));
        Thread.sleep(20);
        Files.writeString(out.resolve(PATH), "port: 50052\n");

        assertTrue(offered().isEmpty(), "edited by hand: rendered again");
    }

    @Test
    void aFileWrittenTooRecentlyIsNotRemembered() throws Exception {
        folder("kind: Service\n", "kind: Service\n");
        StatCache cache = StatCache.of(out).orElseThrow();

        cache.write(OwnedTree.at(out), List.of(new StatCache.Remembered(PATH, hash("kind: Service\n"), null)));

        assertTrue(cache.read().isEmpty(), "a write in the same clock tick could not be told apart");
    }

    @Test
    void theWriterRemembersWhatItWrote() throws Exception {
        RenderedTree tree = new RenderedTree(List.of(new RenderedFile(PATH, "kind: Service\n", FINGERPRINT, null)));
        new OutputWriter().write(tree, out);
        waitUntilSettled();
        new OutputWriter().write(tree, out);

        StatCache.Status status = StatCache.Status.of(OwnedTree.at(out), PATH).orElseThrow();
        assertTrue(StatCache.of(out).orElseThrow().read().cursor().remembers(PATH, status, hash("kind: Service\n")));
    }

    @Test
    void theStatResultsFieldsGiveTheStatusTheAttributeMapGives() throws Exception {
        assertTrue(StatCache.StatFields.READABLE, "the tests open java.base/sun.nio.fs as the launcher does");
        Path file = out.resolve("a.yaml");
        Files.writeString(file, "port: 50051\n");
        StatCache.Status before = StatCache.StatFields.of(file);
        assertEquals(StatCache.Status.fromAttributeMap(file), before);

        Thread.sleep(20);
        Files.writeString(file, "port: 50052\n"); // the same size
        StatCache.Status after = StatCache.StatFields.of(file);
        assertEquals(StatCache.Status.fromAttributeMap(file), after);
        assertTrue(after.changed() > before.changed(), "a write moves the change time");
        assertEquals(before.size(), after.size());
    }

    @Test
    void looksPathsUpInOrderAndSkipsWhatItCannotRead() throws Exception {
        Files.createDirectories(out.resolve("a"));
        List<String> paths = List.of("a/a b.yaml", "a/b.yaml", "a/c.yaml", "a/d.yaml");
        for (String path : paths) {
            Files.writeString(out.resolve(path), path);
        }
        waitUntilSettled();
        List<StatCache.Remembered> files = new java.util.ArrayList<>();
        for (String path : List.of("a/d.yaml", "a/b.yaml", "a/a b.yaml", "a/c.yaml")) { // written in path order
            files.add(new StatCache.Remembered(path, hash(path), null));
        }
        StatCache cache = StatCache.of(out).orElseThrow();
        cache.write(OwnedTree.at(out), files);
        // A damaged line is skipped; the lines around it are still found.
        String text = Files.readString(cache.file());
        Files.writeString(cache.file(), text.replaceFirst("(?m)^\\d+ (\\d+ \\d+ \\d+ \\S+ a/b\\.yaml)$", "x $1"));

        StatCache.Known.Cursor cursor = cache.read().cursor();
        OwnedTree tree = OwnedTree.at(out);
        assertTrue(cursor.remembers("a/a b.yaml", StatCache.Status.of(tree, "a/a b.yaml").orElseThrow(),
                hash("a/a b.yaml")), "a path with a space");
        assertFalse(cursor.remembers("a/b.yaml", StatCache.Status.of(tree, "a/b.yaml").orElseThrow(),
                hash("a/b.yaml")), "a damaged line");
        assertFalse(cursor.remembers("a/c.yaml", StatCache.Status.of(tree, "a/c.yaml").orElseThrow(),
                hash("other")), "another hash");
        assertFalse(cursor.remembers("a/c.yaml", StatCache.Status.of(tree, "a/c.yaml").orElseThrow(),
                hash("a/c.yaml")), "passed: each path is looked up once, in order");
        assertTrue(cursor.remembers("a/d.yaml", StatCache.Status.of(tree, "a/d.yaml").orElseThrow(),
                hash("a/d.yaml")));
        assertFalse(cache.read().cursor().remembers("a/e.yaml", StatCache.Status.of(tree, "a/d.yaml").orElseThrow(),
                hash("a/d.yaml")), "not remembered");
    }
}
