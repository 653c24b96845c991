package io.watasu.bridge.acceptance;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the real {@code terraform} CLI against the packaged provider directory (dev_overrides, no registry, no
 * network) and a bare Git repository on disk.
 */
final class TerraformHarness {
    static final String PROVIDER_SOURCE = "watasu.io/watasu/watasu";
    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    private final Path root;
    private final Path cliConfig;
    private final String terraform;

    TerraformHarness(Path root) throws IOException {
        this.root = root;
        this.terraform = findTerraform();
        Path providerDir = Path.of(requiredProperty("watasu.providerDir"));
        if (!Files.isExecutable(providerDir.resolve("terraform-provider-watasu"))) {
            fail("no provider launcher in " + providerDir + ": run the acceptance tests with `mvn verify`, which "
                    + "packages the provider first");
        }
        Files.createDirectories(root.resolve("home"));
        cliConfig = root.resolve("terraform.rc");
        Files.writeString(cliConfig, "provider_installation {\n"
                + "  dev_overrides { \"" + PROVIDER_SOURCE + "\" = \"" + providerDir.toAbsolutePath() + "\" }\n"
                + "  direct {}\n}\n");
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            fail("system property " + name + " is not set; run the acceptance tests through Maven (mvn verify)");
        }
        return value;
    }

    static Path repoRoot() {
        return Path.of(requiredProperty("watasu.repoRoot"));
    }

    /** A missing terraform fails the run: these tests are the provider's proof of working, never skipped. */
    private static String findTerraform() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "terraform"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseGet(() -> fail("terraform is not on PATH. The provider's acceptance tests need the real "
                        + "Terraform CLI (1.11 tested): install it and put it on PATH."));
    }

    /** A new working directory holding {@code mainTf}. */
    Path workdir(String name, String mainTf) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("main.tf"), mainTf);
        return dir;
    }

    /** A copy of an example under terraform-examples/. */
    Path example(String name) throws IOException {
        return workdir("example-" + name,
                Files.readString(repoRoot().resolve("terraform-examples").resolve(name).resolve("main.tf")));
    }

    /** A copy of a whole example under terraform-examples/, with its other .tf files and its tests/ folder. */
    Path exampleWithTests(String name) throws IOException {
        Path source = repoRoot().resolve("terraform-examples").resolve(name);
        Path target = Files.createDirectories(root.resolve("tested-" + name));
        assertTrue(Files.isDirectory(source.resolve("tests")), () -> "terraform-examples/" + name + " has no tests/");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        return target;
    }

    record Result(int exitCode, String output) {
        Result assertExit(int expected) {
            assertEquals(expected, exitCode, () -> "unexpected exit code; output:\n" + output);
            return this;
        }

        Result assertOutputContains(String text) {
            assertTrue(output.contains(text), () -> "expected \"" + text + "\" in output:\n" + output);
            return this;
        }
    }

    Result run(Path workdir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(terraform);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("TF_"));
        env.putAll(Map.of(
                "TF_CLI_CONFIG_FILE", cliConfig.toString(),
                "TF_IN_AUTOMATION", "1",
                "TF_INPUT", "0",
                "CHECKPOINT_DISABLE", "1",
                "HOME", root.resolve("home").toString(),
                "XDG_CACHE_HOME", root.resolve("cache").toString()));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("terraform " + String.join(" ", args) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** {@code apply -auto-approve} with the example variable pointing at {@code repository}. */
    Result apply(Path workdir, Path repository, String... extra) throws IOException, InterruptedException {
        return run(workdir, withVar(repository, "apply", "-auto-approve", "-no-color", extra));
    }

    Result plan(Path workdir, Path repository) throws IOException, InterruptedException {
        return run(workdir, withVar(repository, "plan", "-detailed-exitcode", "-no-color"));
    }

    static String[] withVar(Path repository, String command, String first, String second, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, first, second, "-var", "repository=" + repository));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** A bare repository whose main branch holds {@code watasu.yaml} with {@code yaml}. */
    Path bareRepository(String name, String yaml) throws Exception {
        Path bare = root.resolve(name + ".git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        commitFile(bare, yaml, "Seed watasu.yaml");
        return bare;
    }

    /** A bare repository as {@code git init --bare} makes it: no branch, no commit. */
    Path emptyBareRepository(String name) throws IOException, InterruptedException {
        Path bare = root.resolve(name + ".git");
        git(root, "init", "--quiet", "--bare", bare.toString());
        return bare;
    }

    /** Runs C Git in {@code dir} and returns its standard output; a failure fails the test. */
    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("HOME", dir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    /** Commits a new watasu.yaml to main, as a person editing the repository directly would. */
    void commitFile(Path bare, String yaml, String message) throws Exception {
        Path clone = Files.createTempDirectory(root, "edit");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(clone.toFile()).call()) {
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString()))
                    .call();
            if (headOf(bare) != null) {
                git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/main:refs/remotes/origin/main"))
                        .call();
                git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("origin/main").call();
            }
            Files.writeString(clone.resolve("watasu.yaml"), yaml);
            git.add().addFilepattern("watasu.yaml").call();
            git.commit().setMessage(message).setAuthor("Someone", "someone@example.com")
                    .setCommitter("Someone", "someone@example.com").call();
            git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        }
    }

    private static ObjectId headOf(Path bare) throws IOException {
        try (Repository repository = Git.open(bare.toFile()).getRepository()) {
            return repository.resolve("refs/heads/main");
        }
    }

    /** watasu.yaml at the head of main in the bare repository. */
    static String fileAtHead(Path bare, String path) throws IOException {
        try (Git git = Git.open(bare.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            var tree = walk.parseCommit(repository.resolve("refs/heads/main")).getTree();
            try (TreeWalk file = TreeWalk.forPath(repository, path, tree)) {
                if (file == null) {
                    return null;
                }
                return new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    static String watasuYaml(Path bare) throws IOException {
        return fileAtHead(bare, "watasu.yaml");
    }
}
