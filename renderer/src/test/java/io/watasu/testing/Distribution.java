package io.watasu.testing;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packaged {@code watasu-<version>.tar.gz}, which {@code mvn verify} builds before the *IT tests run. */
public final class Distribution {
    private Distribution() {
    }

    public static String version() {
        return TestData.requiredProperty("watasu.version");
    }

    /** Unpacks the tarball with tar into {@code folder}, as a user would; returns {@code folder/watasu-<version>}. */
    public static Path unpack(Path folder) throws Exception {
        Path tarball = Path.of(TestData.requiredProperty("watasu.tarball"));
        Processes.Result untar = Processes.run(Processes.cleanEnvironment(folder), folder,
                List.of("tar", "-xzf", tarball.toString()));
        assertEquals(0, untar.exitCode(), tarball + " (run the tests with mvn verify, which packages first)\n"
                + untar.describe());
        return folder.resolve("watasu-" + version());
    }
}
