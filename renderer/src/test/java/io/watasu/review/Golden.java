package io.watasu.review;

import io.watasu.testing.TestData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected outputs under src/test/resources/review; on a mismatch the actual output is kept in target/ to compare. */
final class Golden {
    private Golden() {
    }

    static Path resource(String relative) {
        return TestData.repoRoot().resolve("renderer/src/test/resources/review").resolve(relative);
    }

    static String read(String relative) throws IOException {
        return Files.readString(resource(relative), StandardCharsets.UTF_8);
    }

    static void assertMatches(String relative, String actual) throws IOException {
        Path expected = resource(relative);
        if (!Files.exists(expected) || !Files.readString(expected, StandardCharsets.UTF_8).equals(actual)) {
            Path kept = TestData.repoRoot().resolve("renderer/target/review-actual").resolve(relative);
            Files.createDirectories(kept.getParent());
            Files.writeString(kept, actual, StandardCharsets.UTF_8);
            assertEquals(Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : "<missing " + expected + ">",
                    actual, "golden " + relative + " differs; actual output kept in " + kept);
        }
    }
}
