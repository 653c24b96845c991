package io.watasu.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locations of the repository and of the third-party reference data committed under {@code testdata/third-party}
 * (schemas and NetworkPolicy cases, each with its license and origin in that folder's README).
 */
public final class TestData {
    private TestData() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("watasu.repoRoot");
        if (root == null) {
            throw new IllegalStateException("system property watasu.repoRoot is not set; run the tests through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** A system property the build sets for the tests; fails loudly when run outside Maven. */
    public static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven "
                    + "(mvn verify)");
        }
        return value;
    }

    /** {@code <repoRoot>/testdata/third-party}; fails loudly when missing instead of letting a test pass vacuously. */
    public static Path thirdParty() {
        Path dir = repoRoot().resolve("testdata/third-party");
        if (!Files.isDirectory(dir.resolve("schemas"))) {
            throw new IllegalStateException("third-party test data not found at " + dir);
        }
        return dir;
    }

    public static Path schemas() {
        return thirdParty().resolve("schemas");
    }

    public static Path netpolCases() {
        return thirdParty().resolve("netpol-cases");
    }
}
