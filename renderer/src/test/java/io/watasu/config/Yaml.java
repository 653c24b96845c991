package io.watasu.config;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Test helpers: load text as {@code w.yaml} and compare formatted diagnostics. */
final class Yaml {
    static final String FILE = "w.yaml";

    private Yaml() {
    }

    static List<String> diagnostics(String yaml) {
        return ConfigLoader.parse(FILE, yaml).diagnostics().stream().map(Diagnostic::format).toList();
    }

    /** Asserts the exact diagnostics (in order) and that the file is rejected. */
    static void assertRejected(String yaml, String... expected) {
        LoadResult result = ConfigLoader.parse(FILE, yaml);
        assertEquals(List.of(expected), result.diagnostics().stream().map(Diagnostic::format).toList());
        assertNull(result.config());
    }

    /** A minimal valid file with one team 'acme' whose apps are given as YAML lines indented under 'apps:'. */
    static String acme(String... appLines) {
        StringBuilder text = new StringBuilder("version: 1\nteams:\n  acme:\n    apps:\n");
        for (String line : appLines) {
            text.append("      ").append(line).append('\n');
        }
        return text.toString();
    }
}
