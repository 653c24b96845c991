package io.watasu.bridge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build step that writes the provider's class-data archive says in one line what it does, and nothing that
 * reads like a change to a real repository: no JVM warnings about classes it cannot archive, no provider log of the
 * push it makes to its own throw-away repository.
 */
class ClassArchiveTrainingIT {
    @Test
    void theTrainingRunPrintsOneLineAndNoPush() throws Exception {
        String providerDir = System.getProperty("watasu.providerDir");
        assertTrue(providerDir != null, "run through Maven (mvn verify), which packages the provider first");
        Path launcher = Path.of(providerDir, "terraform-provider-watasu");
        Path archive = Path.of(providerDir, "lib", "provider.jsa");
        Path out = Files.createTempFile("training", ".out");
        Path err = Files.createTempFile("training", ".err");
        try {
            Process process = new ProcessBuilder(launcher.toString(), "--write-class-archive")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the training run finishes");
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), stdout + stderr);
            assertEquals("terraform-provider-watasu: writing " + archive + " from a training session against a "
                    + "throw-away repository in a temporary folder (no real repository is read or changed)\n", stdout);
            assertEquals("", stderr);
            assertTrue(Files.size(archive) > 0, "the archive is written");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
