package io.watasu.output;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a re-render takes from the earlier output, and when it reads it. */
class PreviousOutputTest {
    private static final String PATH = "acme/api-app.yaml";
    private static final String FINGERPRINT = "f".repeat(64);
    private static final RenderedTree TREE =
            new RenderedTree(List.of(new RenderedFile(PATH, "kind: Service\n", FINGERPRINT, null)));

    @TempDir
    Path out;

    /** Written, then written again once settled: the status cache knows the file. */
    @BeforeEach
    void render() throws Exception {
        new OutputWriter().write(TREE, out);
        Thread.sleep(StatCache.SETTLED / 1_000_000 + 100);
        new OutputWriter().write(TREE, out);
    }

    @Test
    void aReusedFileChangedAfterTheCheckIsRefusedNotPassedOffAsTheRecordedText() throws Exception {
        RenderedFile reused = PreviousOutput.in(out).file(PATH, FINGERPRINT).orElseThrow();
        Files.writeString(out.resolve(PATH), "kind: Secret\n");

        OutputException e = assertThrows(OutputException.class, reused::content);
        assertTrue(e.getMessage().contains("changed while watasu was rendering"), e.getMessage());
    }

    @Test
    void aReusedFileIsReadWhenItsTextIsAskedFor() {
        RenderedFile reused = PreviousOutput.in(out).file(PATH, FINGERPRINT).orElseThrow();
        assertTrue(reused.reused());
        assertEquals("kind: Service\n", reused.content());
    }

    @Test
    void aReRenderThatChangesNothingLeavesTheStatusCacheAsItWas() throws Exception {
        Path cache = StatCache.of(out).orElseThrow().file();
        Object before = Files.readAttributes(cache, BasicFileAttributes.class).fileKey();
        RenderedTree reused = new RenderedTree(List.of(PreviousOutput.in(out).file(PATH, FINGERPRINT).orElseThrow()));

        WriteResult result = new OutputWriter().write(reused, out);

        assertEquals(1, result.unchanged());
        assertEquals(before, Files.readAttributes(cache, BasicFileAttributes.class).fileKey(),
                "not replaced: the same file");
    }
}
