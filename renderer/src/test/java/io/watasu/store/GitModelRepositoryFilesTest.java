package io.watasu.store;

import io.watasu.publish.GitCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paths of the model in the repository follow the commands' rules, and links in the repository are not followed. */
class GitModelRepositoryFilesTest {
    @TempDir
    Path dir;

    private RepositorySettings settings(String repository, String file, String renderPath) {
        return new RepositorySettings(repository, "main", file, renderPath, new GitCredentials.None(), "Test", "test@example.com",
                dir.resolve("cache"));
    }

    @Test
    void pathsGitOrArgoCdTreatSpeciallyAreRefused() {
        for (String[] paths : List.of(new String[] {".git/config", null}, new String[] {"watasu.yaml", ".git/hooks"},
                new String[] {"watasu.yaml", "Manifests/.GIT"}, new String[] {"../watasu.yaml", null},
                new String[] {"watasu.yaml", "a//b"}, new String[] {"watasu.yaml\n", null})) {
            RepositoryException e = assertThrows(RepositoryException.class,
                    () -> settings("file:///nowhere.git", paths[0], paths[1]));
            assertTrue(e.getMessage().startsWith(paths[1] == null ? "the file: '" : "the render path: '"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /** watasu.yaml committed as a link to a file outside the clone: refused, and not read. */
    @Test
    void aModelFileThatIsASymbolicLinkIsRefused() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.yaml"), "version: 1\nteams: {}\n# secret-value\n");
        Path bare = dir.resolve("gitops.git");
        git(dir, "init", "--quiet", "--bare", "--initial-branch=main", bare.toString());
        Path seed = dir.resolve("seed");
        git(dir, "clone", "--quiet", bare.toString(), seed.toString());
        Files.createSymbolicLink(seed.resolve("watasu.yaml"), outside);
        git(seed, "add", "--all");
        git(seed, "commit", "--quiet", "-m", "a link");
        git(seed, "push", "--quiet", "origin", "HEAD:main");

        RepositoryException e = assertThrows(RepositoryException.class,
                () -> new GitModelRepository(settings(bare.toString(), "watasu.yaml", null),
                        GitModelRepository.MissingFile.REFUSE, line -> { }).head());

        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
        assertEquals("version: 1\nteams: {}\n# secret-value\n", Files.readString(outside));
    }

    private static void git(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c",
                "user.email=test@example.com"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
