package io.watasu.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** C Git on the command line: sets up server repositories and inspects what they hold, independently of JGit. */
final class CGit {
    private CGit() {
    }

    static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return runCommand(dir, command.toArray(String[]::new));
    }

    /** Any command line (e.g. ssh-keygen), with Git's identity variables set; throws unless it exits 0. */
    static String runCommand(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_AUTHOR_NAME", "Test");
        builder.environment().put("GIT_AUTHOR_EMAIL", "test@example.com");
        builder.environment().put("GIT_COMMITTER_NAME", "Test");
        builder.environment().put("GIT_COMMITTER_EMAIL", "test@example.com");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** The branch head of a bare repository, or null when the branch does not exist. */
    static String head(Path bare, String branch) throws IOException, InterruptedException {
        String refs = run(bare, "for-each-ref", "--format=%(objectname)", "refs/heads/" + branch).strip();
        return refs.isEmpty() ? null : refs;
    }

    /** Paths in the branch head's tree, sorted. */
    static List<String> files(Path bare, String branch) throws IOException, InterruptedException {
        return run(bare, "ls-tree", "-r", "--name-only", branch).lines().sorted().toList();
    }

    static String show(Path bare, String branch, String path) throws IOException, InterruptedException {
        return run(bare, "show", branch + ":" + path);
    }
}
