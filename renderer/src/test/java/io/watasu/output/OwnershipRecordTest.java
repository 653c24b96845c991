package io.watasu.output;

import io.watasu.files.OwnedTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnershipRecordTest {
    @TempDir
    Path out;

    @Test
    void readsHashesFingerprintsAndPathsAndSkipsCommentsAndBlankLines() {
        String text = "# header\n\naaa+fp1 acme/a.yaml\nbbb,ccc acme/b c.yaml\n   \nddd x/y.yaml\neee+ x/z.yaml";
        Map<String, OwnershipRecord.Entry> owned = OwnershipRecord.parse(text);
        assertEquals(List.of("acme/a.yaml", "acme/b c.yaml", "x/y.yaml", "x/z.yaml"), List.copyOf(owned.keySet()));
        assertEquals(new OwnershipRecord.Entry(Set.of("aaa"), "fp1"), owned.get("acme/a.yaml"));
        assertEquals(Set.of("bbb", "ccc"), owned.get("acme/b c.yaml").hashes());
        assertEquals(new OwnershipRecord.Entry(Set.of("ddd"), null), owned.get("x/y.yaml"));
        assertEquals(new OwnershipRecord.Entry(Set.of("eee"), ""), owned.get("x/z.yaml"));
        assertEquals(owned, OwnershipRecord.parse(OwnershipRecord.format(owned)));
    }

    @Test
    void refusesDamagedLinesNamingThem() {
        for (String line : List.of("aaa", " acme/a.yaml", "aaa+fp+more acme/a.yaml", "aaa,bbb+fp acme/a.yaml",
                "aaa+fp")) {
            OutputException e = assertThrows(OutputException.class, () -> OwnershipRecord.parse("x a\n" + line + "\n"),
                    line);
            assertTrue(e.getMessage().contains("damaged ownership record .watasu/owned.txt: line '" + line + "'"),
                    e.getMessage());
        }
    }

    @Test
    void aRecordIsReadAgainOnlyWhenItsStatusMoved() throws Exception {
        Path record = out.resolve(OwnershipRecord.RELATIVE_PATH);
        Files.createDirectories(record.getParent());
        Files.writeString(record, "aaa+fp acme/a.yaml\n");
        Thread.sleep(StatCache.SETTLED / 1_000_000 + 100);

        OwnershipRecord.Read first = OwnershipRecord.read(OwnedTree.at(out));
        assertSame(first, OwnershipRecord.read(OwnedTree.at(out)), "settled and unchanged: the same read");

        Files.writeString(record, "bbb+fp acme/a.yaml\n"); // the same size, written in place
        OwnershipRecord.Read second = OwnershipRecord.read(OwnedTree.at(out));
        assertEquals(Set.of("bbb"), second.owned().get("acme/a.yaml").hashes());
        assertEquals(null, second.status(), "too young to stand for its content");
        assertEquals(Set.of("bbb"), OwnershipRecord.read(OwnedTree.at(out)).owned().get("acme/a.yaml").hashes());
    }

    @Test
    void refusesPathsOutsideTheFolderAndTakesThemInPathOrder() {
        assertThrows(OutputException.class, () -> OwnershipRecord.parse("aaa ../escape.yaml\n"));
        assertThrows(OutputException.class, () -> OwnershipRecord.parse("aaa .watasu/owned.txt\n"));
        Map<String, OwnershipRecord.Entry> owned = OwnershipRecord.parse("aaa b/b.yaml\nbbb a/a.yaml\nccc a/b.yaml\n");
        assertEquals(List.of("a/a.yaml", "a/b.yaml", "b/b.yaml"), List.copyOf(owned.keySet()));
        assertEquals(Map.of("a/a.yaml", new OwnershipRecord.Entry(Set.of("aaa"), null)),
                OwnershipRecord.parse("aaa a/a.yaml\n"), "lines without fingerprints");
    }
}
