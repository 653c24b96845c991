package io.watasu.verify;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/** Locates the team's shared reference data, {@code <repoRoot>/../shared}, failing loudly when it is missing. */
final class SharedCases {
    private SharedCases() {
    }

    static Path netpolCases() {
        String repoRoot = System.getProperty("watasu.repoRoot");
        if (repoRoot == null) {
            fail("system property watasu.repoRoot is not set (run the tests through Maven)");
        }
        Path cases = Path.of(repoRoot).toAbsolutePath().normalize().resolveSibling("shared").resolve("netpol-cases");
        if (!Files.isDirectory(cases)) {
            fail("reference cases missing: " + cases);
        }
        return cases;
    }
}
