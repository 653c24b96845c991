package io.watasu.files;

import io.watasu.testing.Sentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemporariesTest {
    private static final Temporaries.Naming NAMING = new Temporaries.Naming(".watasu.yaml.", ".tmp");

    @TempDir
    Path dir;

    @Test
    void namesMatchOnlyTheExactPattern() {
        assertTrue(NAMING.matches(".watasu.yaml.1f2e3d.tmp"));
        assertTrue(NAMING.matches(".watasu.yaml.8361523937284612345.tmp"), "decimal names of earlier versions");
        for (String other : List.of(".watasu.yaml..tmp", ".watasu.yaml.notes.tmp", "watasu.yaml.12.tmp",
                ".watasu.yaml.12.tmp.bak", ".watasu.yaml.12345678901234567890a.tmp", ".watasu.yaml.1F.tmp",
                ".other.yaml.12.tmp")) {
            assertFalse(NAMING.matches(other), other);
        }
    }

    @Test
    void onlyOldUnheldLeftoversOfTheRightKindAreRemoved() throws IOException {
        Sentinel sentinel = Sentinel.plant(dir.resolve("outside"));
        Path folder = Files.createDirectories(dir.resolve("work"));
        Path leftover = Files.writeString(folder.resolve(".watasu.yaml.1a.tmp"), "half");
        Path young = Files.writeString(folder.resolve(".watasu.yaml.2b.tmp"), "just made");
        Path link = Files.createSymbolicLink(folder.resolve(".watasu.yaml.3c.tmp"), sentinel.file());
        Path notAFile = Files.createDirectories(folder.resolve(".watasu.yaml.4d.tmp"));
        Temporaries.Held held = Temporaries.createFile(folder, NAMING);
        backdate(leftover, link, notAFile, held.path());

        assertEquals(List.of(leftover), Temporaries.removeStale(folder, NAMING, null));

        assertTrue(Files.exists(young), "younger than the grace period");
        assertTrue(Files.isSymbolicLink(link), "a link is not a temporary of ours");
        assertTrue(Files.isDirectory(notAFile), "nor is a folder, for files");
        assertTrue(Files.exists(held.path()), "held by this JVM");
        held.close();
        assertFalse(Files.exists(held.path(), LinkOption.NOFOLLOW_LINKS), "closing deletes what was not renamed");
        sentinel.assertUntouched();
    }

    @Test
    void aFolderIsHeldByTheLockFileInsideIt() throws IOException {
        Temporaries.Naming staging = new Temporaries.Naming(".out.watasu-staging-", "");
        Path left = Files.createDirectories(dir.resolve(".out.watasu-staging-7").resolve(".watasu"));
        Files.writeString(left.resolve("owned.txt"), "# a killed run's record\n");
        try (Temporaries.Held held = Temporaries.createFolder(dir, staging, ".watasu/owned.txt")) {
            backdate(left.getParent(), held.path());
            assertEquals(List.of(left.getParent()), Temporaries.removeStale(dir, staging, ".watasu/owned.txt"));
            assertTrue(Files.exists(held.path().resolve(".watasu/owned.txt")));
        }
    }

    private static void backdate(Path... paths) throws IOException {
        for (Path path : paths) {
            if (!Files.isSymbolicLink(path)) {
                Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(3600)));
            }
        }
    }
}
