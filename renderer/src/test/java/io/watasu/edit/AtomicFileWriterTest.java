package io.watasu.edit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void aFileChangedSinceItWasReadIsNotOverwritten() throws IOException {
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, "changed by someone else\n");
        byte[] read = "what the edit started from\n".getBytes(StandardCharsets.UTF_8);
        assertThrows(AtomicFileWriter.ConcurrentChangeException.class,
                () -> AtomicFileWriter.replace(file, read, "the edit\n"));
        assertEquals("changed by someone else\n", Files.readString(file));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = dir.resolve("real.yaml");
        Files.writeString(real, "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("watasu.yaml"), real);
        AtomicFileWriter.replace(link, "old\n".getBytes(StandardCharsets.UTF_8), "new\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new\n", Files.readString(real));
    }
}
