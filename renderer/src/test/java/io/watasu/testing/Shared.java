package io.watasu.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the repository and of the team's shared reference data (never copied into the repository). */
public final class Shared {
    private Shared() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("watasu.repoRoot");
        if (root == null) {
            throw new IllegalStateException("system property watasu.repoRoot is not set; run the tests through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** {@code <repoRoot>/../shared}; fails loudly when missing instead of letting a test pass vacuously. */
    public static Path dir() {
        Path shared = repoRoot().resolveSibling("shared");
        if (!Files.isDirectory(shared.resolve("schemas"))) {
            throw new IllegalStateException("shared reference data not found at " + shared
                    + " (expected <repoRoot>/../shared/schemas)");
        }
        return shared;
    }
}
