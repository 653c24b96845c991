package io.watasu.testing;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.model.WatasuConfig;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** The committed example, loaded by the real loader. */
public final class Examples {
    private Examples() {
    }

    public static Path exampleFile() {
        return TestData.repoRoot().resolve("examples/watasu.yaml");
    }

    public static WatasuConfig load(Path file) {
        return ok(ConfigLoader.load(file));
    }

    public static WatasuConfig parse(String yaml) {
        return ok(ConfigLoader.parse("test.yaml", yaml));
    }

    private static WatasuConfig ok(LoadResult result) {
        if (!result.ok()) {
            throw new AssertionError("example does not load:\n"
                    + result.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        }
        return result.config();
    }
}
