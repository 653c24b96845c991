package io.watasu.cli;

import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import io.watasu.testing.TestData;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exit code that a command documents in its {@code --help}, and every row of the README's exit-code table, is
 * what the command really returns: one real run of the command line per documented code.
 */
class DocumentedExitCodesTest {
    private static final String GRANT_BEFORE = """
            version: 1
            teams:
              acme:
                apps:
                  grpc-app: { processes: { grpc-tcp: { command: srv, port: 50051 } } }
                  api-app: { processes: { web: node server.js } }
            """;
    private static final String GRANT_AFTER = GRANT_BEFORE.replace("port: 50051 } } }",
            "port: 50051 } }, trust: [api-app] }");

    @TempDir
    Path dir;

    /** One documented exit code of one command, and the arguments that produce it (made when the case runs). */
    private record Case(String command, int code, String situation, Arguments arguments) {
    }

    @FunctionalInterface
    private interface Arguments {
        String[] make() throws Exception;
    }

    private static Case of(String command, int code, String situation, String... args) {
        return new Case(command, code, situation, () -> args);
    }

    private String example() {
        return Examples.exampleFile().toString();
    }

    private String missing() {
        return dir.resolve("missing/watasu.yaml").toString();
    }

    private List<Case> cases() {
        return List.of(
                of("validate", 0, "a valid file", "validate", example()),
                of("validate", 1, "a missing file", "validate", missing()),
                of("validate", 2, "an unknown option", "validate", "--bogus"),

                new Case("render", 0, "a valid file", () -> new String[]{"render", example(), "--out", out()}),
                new Case("render", 1, "a missing file", () -> new String[]{"render", missing(), "--out", out()}),
                new Case("render", 1, "--check of a stale folder",
                        () -> new String[]{"render", example(), "--out", dir.resolve("stale").toString(), "--check"}),
                of("render", 2, "an unknown option and no --out", "render", "--bogus"),
                new Case("render", 3, "--out is a file",
                        () -> new String[]{"render", example(), "--out", Files.writeString(dir.resolve("f"), "x")
                                .toString()}),

                of("apps:trust", 0, "printing a list", "apps:trust", "--app", "grpc-app", "--file", example()),
                of("apps:trust", 1, "a missing file", "apps:trust", "--app", "grpc-app", "--file", missing()),
                of("apps:trust", 1, "an unknown app", "apps:trust", "--app", "grpc-ap", "--file", example()),
                of("apps:trust", 2, "no --app", "apps:trust", "--file", example()),
                new Case("apps:trust", 3, "a folder given as the file",
                        () -> new String[]{"apps:trust", "--app", "grpc-app", "--file", dir.toString()}),

                new Case("publish", 0, "a valid file", () -> publish(example(), bareRepository())),
                new Case("publish", 1, "a missing file", () -> publish(missing(), bareRepository())),
                of("publish", 2, "--repo without --path", "publish", example(), "--repo", "/nowhere.git"),
                new Case("publish", 3, "no repository at --repo",
                        () -> publish(example(), dir.resolve("none.git").toString())),

                new Case("verify", 0, "rendered output", () -> new String[]{"verify", rendered()}),
                new Case("verify", 1, "a manifest that is not YAML", () -> {
                    Path manifests = Files.createDirectories(dir.resolve("broken"));
                    Files.writeString(manifests.resolve("a.yaml"), "kind: [unclosed\n");
                    return new String[]{"verify", manifests.toString()};
                }),
                new Case("verify", 1, "a missing --config file",
                        () -> new String[]{"verify", rendered(), "--config", missing()}),
                of("verify", 2, "no DIR", "verify"),
                new Case("verify", 3, "a missing DIR",
                        () -> new String[]{"verify", dir.resolve("missing").toString()}),

                of("explain", 0, "an answer", "explain", "api-app", "grpc-app", "--config", example()),
                of("explain", 1, "an unknown app", "explain", "api-ap", "grpc-app", "--config", example()),
                of("explain", 2, "no TO", "explain", "api-app"),
                new Case("explain", 3, "--rendered is a file", () -> new String[]{"explain", "api-app", "grpc-app",
                        "--config", example(), "--rendered", Files.writeString(dir.resolve("r"), "x").toString()}),

                new Case("diff", 0, "no change", () -> diff(GRANT_BEFORE, GRANT_BEFORE)),
                new Case("diff", 1, "invalid at the head revision", () -> diff(GRANT_BEFORE, "version: 2\n")),
                of("diff", 2, "no --base", "diff"),
                new Case("diff", 3, "not in a Git repository",
                        () -> new String[]{"diff", "--base", "HEAD", Files.writeString(dir.resolve("w.yaml"),
                                GRANT_BEFORE).toString()}),
                new Case("diff", 4, "a trust grant", () -> diff(GRANT_BEFORE, GRANT_AFTER)),

                of("graph", 0, "a valid file", "graph", example()),
                of("graph", 1, "a missing file", "graph", missing()),
                of("graph", 1, "an unknown team", "graph", example(), "--team", "nobody"),
                of("graph", 2, "an unknown format", "graph", example(), "--format", "png"),
                new Case("graph", 3, "--output in a missing folder",
                        () -> new String[]{"graph", example(), "--output", dir.resolve("no/such/g.mmd").toString()}),

                new Case("install", 0, "a distribution", () -> {
                    System.setProperty(InstallCommand.HOME_PROPERTY, fakeDistribution().toString());
                    return new String[]{"install", "--prefix", dir.resolve("prefix").toString()};
                }),
                of("install", 2, "an unknown option", "install", "--bogus"),
                new Case("install", 3, "not started by the launcher", () -> {
                    System.clearProperty(InstallCommand.HOME_PROPERTY);
                    return new String[]{"install", "--prefix", dir.resolve("prefix").toString()};
                }),

                new Case("uninstall", 0, "nothing installed",
                        () -> new String[]{"uninstall", "--prefix", dir.resolve("empty").toString()}),
                of("uninstall", 2, "an unknown option", "uninstall", "--bogus"),
                new Case("uninstall", 3, "someone else's lib/watasu", () -> {
                    Path foreign = Files.createDirectories(dir.resolve("foreign/lib/watasu"));
                    Files.writeString(foreign.resolve("data"), "theirs");
                    return new String[]{"uninstall", "--prefix", dir.resolve("foreign").toString()};
                }),

                of("completion", 0, "bash", "completion", "bash"),
                of("completion", 2, "another shell", "completion", "fish"));
    }

    private String out() {
        return dir.resolve("out").toString();
    }

    private String rendered() {
        Path out = dir.resolve("rendered");
        assertEquals(0, CliRun.of("render", example(), "--out", out.toString(), "--quiet").exitCode());
        return out.toString();
    }

    private String bareRepository() throws Exception {
        Path bare = dir.resolve("gitops.git");
        if (!Files.exists(bare)) {
            Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        }
        return bare.toString();
    }

    private String[] publish(String file, String repo) {
        return new String[]{"publish", file, "--repo", repo, "--path", "clusters/dev", "--quiet",
                "--cache-dir", dir.resolve("cache").toString()};
    }

    /** A repository with two commits of watasu.yaml; the arguments compare them. */
    private String[] diff(String before, String after) throws Exception {
        Path repo = dir.resolve("repo");
        PersonIdent author = new PersonIdent("Reviewer", "reviewer@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            for (String text : List.of(before, after)) {
                Files.writeString(repo.resolve("watasu.yaml"), text);
                git.add().addFilepattern("watasu.yaml").call();
                git.commit().setMessage("change").setAuthor(author).setCommitter(author).setSign(false)
                        .setAllowEmpty(true).call();
            }
        }
        return new String[]{"diff", "--base", "HEAD~1", "--head", "HEAD", repo.resolve("watasu.yaml").toString()};
    }

    /** A distribution whose launcher only answers --version, as install runs it once. */
    private Path fakeDistribution() throws Exception {
        Path distribution = Files.createDirectories(dir.resolve("distribution"));
        Files.createDirectories(distribution.resolve("bin"));
        Files.createDirectories(distribution.resolve("lib"));
        Path launcher = Files.writeString(distribution.resolve("bin/watasu"), "#!/bin/sh\necho watasu test\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(distribution.resolve("lib/watasu.jar"), "not really a jar");
        return distribution;
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedExitCodeHappens() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.command() + " exits " + c.code() + ": "
                + c.situation(), () -> {
            String before = System.getProperty(InstallCommand.HOME_PROPERTY);
            try {
                CliRun run = CliRun.of(c.arguments().make());
                assertEquals(c.code(), run.exitCode(), () -> "stdout:\n" + run.stdout() + "stderr:\n" + run.stderr());
            } finally {
                if (before == null) {
                    System.clearProperty(InstallCommand.HOME_PROPERTY);
                } else {
                    System.setProperty(InstallCommand.HOME_PROPERTY, before);
                }
            }
        }));
    }

    /** The codes each command lists under "Exit codes:" in its --help. */
    private static Map<String, Set<Integer>> documentedByCommand() {
        Map<String, Set<Integer>> documented = new TreeMap<>();
        Main.commandLine().getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                documented.put(name, sub.getCommandSpec().usageMessage().exitCodeList().keySet().stream()
                        .map(code -> Integer.parseInt(code.strip())).collect(Collectors.toCollection(TreeSet::new)));
            }
        });
        return documented;
    }

    @Test
    void everyCommandDocumentsItsExitCodesAndEachHasACase() {
        Map<String, Set<Integer>> tested = new TreeMap<>();
        cases().forEach(c -> tested.computeIfAbsent(c.command(), k -> new TreeSet<>()).add(c.code()));
        documentedByCommand().forEach((command, codes) -> assertTrue(codes.contains(0) && codes.contains(2),
                command + " --help lists no exit codes (or not 0 and 2): " + codes));
        assertEquals(documentedByCommand(), tested, "documented exit codes (left) against the codes run here");
    }

    @Test
    void theReadmeTableHasTheCodesTheCommandsDocument() throws Exception {
        String readme = Files.readString(TestData.repoRoot().resolve("README.md"));
        Matcher row = Pattern.compile("(?m)^\\| (\\d) \\| ").matcher(readme.substring(readme.indexOf("| exit code |")));
        Set<Integer> table = new TreeSet<>();
        while (row.find()) {
            table.add(Integer.parseInt(row.group(1)));
        }
        Set<Integer> commands = new TreeSet<>();
        documentedByCommand().values().forEach(commands::addAll);
        assertEquals(commands, table);
        Set<Integer> main = new CommandLine(new Main()).getCommandSpec().usageMessage().exitCodeList().keySet()
                .stream().map(code -> Integer.parseInt(code.strip())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(commands, main, "watasu --help");
    }
}
