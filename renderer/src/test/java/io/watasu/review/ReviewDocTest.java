package io.watasu.review;

import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/review.md shows real output: the golden files of the trust-grant diff and of the example's graph. */
class ReviewDocTest {
    @Test
    void documentationQuotesTheGoldenOutputs() throws Exception {
        String doc = Files.readString(TestData.repoRoot().resolve("docs/review.md"));
        assertTrue(doc.contains(Golden.read("trust-grant/expected.md")), "docs/review.md: trust-grant output is stale");
        assertTrue(doc.contains(Golden.read("graph/example.mmd")), "docs/review.md: graph output is stale");
    }
}
