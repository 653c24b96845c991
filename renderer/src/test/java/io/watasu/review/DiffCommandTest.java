package io.watasu.review;

import io.watasu.testing.CliRun;
import io.watasu.cli.ExitCodes;
import io.watasu.cli.Main;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu diff} end to end: a real git repository with two commits of watasu.yaml, through {@link Main}. */
class DiffCommandTest {
    private static final PersonIdent AUTHOR = new PersonIdent("Reviewer", "reviewer@example.com",
            Date.from(Instant.parse("2026-01-01T00:00:00Z")), TimeZone.getTimeZone(ZoneOffset.UTC));

    @TempDir
    Path repo;

    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    private String stdout() {
        return last.stdout();
    }

    private String stderr() {
        return last.stderr();
    }

    /** Commits each text in turn as {@code deploy/watasu.yaml}; null deletes the file. */
    private void commits(String... versions) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Path file = file();
            Files.createDirectories(file.getParent());
            Files.writeString(repo.resolve("README"), "platform\n");
            git.add().addFilepattern("README").call();
            for (String text : versions) {
                if (text == null) {
                    git.rm().addFilepattern("deploy/watasu.yaml").call();
                } else {
                    Files.writeString(file, text);
                    git.add().addFilepattern("deploy/watasu.yaml").call();
                }
                git.commit().setMessage("change").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
            }
        }
    }

    private Path file() {
        return repo.resolve("deploy/watasu.yaml");
    }

    private int diffScenario(String scenario, String format) throws Exception {
        commits(Golden.read(scenario + "/base.yaml"), Golden.read(scenario + "/head.yaml"));
        return run("diff", "--base", "HEAD~1", "--head", "HEAD", file().toString(), "--format", format);
    }

    @Test
    void trustGrantWidensAccess() throws Exception {
        assertEquals(ExitCodes.ACCESS_WIDENED, diffScenario("trust-grant", "md"), stderr());
        Golden.assertMatches("trust-grant/expected.md", stdout());
    }

    @Test
    void trustGrantAsJson() throws Exception {
        assertEquals(ExitCodes.ACCESS_WIDENED, diffScenario("trust-grant", "json"), stderr());
        Golden.assertMatches("trust-grant/expected.json", stdout());
    }

    @Test
    void trustRevokeNarrowsAccess() throws Exception {
        assertEquals(ExitCodes.OK, diffScenario("trust-revoke", "md"), stderr());
        Golden.assertMatches("trust-revoke/expected.md", stdout());
    }

    @Test
    void appRemovalRevokesItsConnections() throws Exception {
        assertEquals(ExitCodes.OK, diffScenario("app-removal", "md"), stderr());
        Golden.assertMatches("app-removal/expected.md", stdout());
    }

    @Test
    void teamAdditionGrantsItsConnections() throws Exception {
        assertEquals(ExitCodes.ACCESS_WIDENED, diffScenario("team-addition", "md"), stderr());
        Golden.assertMatches("team-addition/expected.md", stdout());
    }

    @Test
    void workingTreeIsTheDefaultHead() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        Files.writeString(file(), Golden.read("trust-grant/head.yaml"));
        assertEquals(ExitCodes.ACCESS_WIDENED, run("diff", "--base", "HEAD", file().toString()), stderr());
        assertTrue(stdout().contains("from `HEAD` to `working tree`"), stdout());
        assertTrue(stdout().contains("- `billing-app -> grpc-app:grpc-tcp 50051/TCP` (team acme)"), stdout());
    }

    /** A checkout made by {@code git worktree add} keeps its HEAD apart from the main repository's. */
    @Test
    void linkedWorktreeUsesItsOwnHead() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"), Golden.read("trust-grant/head.yaml"));
        Path worktree = repo.resolve("linked");
        Process git = new ProcessBuilder("git", "-C", repo.toString(), "worktree", "add", "-q", "-b", "older",
                worktree.toString(), "HEAD~1").redirectErrorStream(true).start();
        String gitOutput = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), gitOutput);
        Files.writeString(worktree.resolve("deploy/watasu.yaml"), Golden.read("trust-grant/head.yaml"));
        assertEquals(ExitCodes.ACCESS_WIDENED,
                run("diff", "--base", "HEAD", worktree.resolve("deploy/watasu.yaml").toString()), stderr());
        assertTrue(stdout().contains("- `billing-app -> grpc-app:grpc-tcp 50051/TCP` (team acme)"), stdout());
    }

    /** --cluster on a file without clusters is a usage error, as it is for render, validate and verify. */
    @Test
    void aClusterOfAFileWithoutClustersIsAUsageError() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"), Golden.read("trust-grant/head.yaml"));
        assertEquals(ExitCodes.USAGE, run("diff", "--base", "HEAD~1", "--head", "HEAD", "--cluster", "eu-prod",
                file().toString()), stderr());
        assertTrue(stderr().contains("--cluster eu-prod: neither revision declares clusters"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void unchangedAccessExitsZero() throws Exception {
        String base = Golden.read("trust-grant/base.yaml");
        commits(base, base.replace("node worker.js", "node worker.js --verbose"));
        assertEquals(ExitCodes.OK, run("diff", "--base", "HEAD~1", "--head", "HEAD", file().toString()), stderr());
        assertTrue(stdout().startsWith("## No change in access\n"), stdout());
        assertTrue(stdout().contains("Connections granted (0)"), stdout());
        assertTrue(stdout().contains("No rendered file changed."), stdout());
    }

    @Test
    void fileMissingAtBaseMakesEverythingNew() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        try (Git git = Git.open(repo.toFile())) {
            git.rm().addFilepattern("deploy/watasu.yaml").call();
            git.commit().setMessage("remove").setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
        }
        Files.createDirectories(file().getParent());
        Files.writeString(file(), Golden.read("trust-grant/base.yaml"));
        assertEquals(ExitCodes.ACCESS_WIDENED, run("diff", "--base", "HEAD", file().toString()), stderr());
        assertTrue(stdout().contains("- Team added: `acme`"), stdout());
        assertTrue(stdout().contains("- `api-app -> grpc-app:grpc-tcp 50051/TCP` (team acme)"), stdout());
    }

    @Test
    void deletedFileRevokesEverything() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        Files.delete(file());
        assertEquals(ExitCodes.OK, run("diff", "--base", "HEAD", file().toString()), stderr());
        assertTrue(stdout().startsWith("## Access narrowed: 4 connections revoked\n"), stdout());
        assertTrue(stdout().contains("- Team removed: `acme`"), stdout());
    }

    @Test
    void fileNowhereIsOneLine() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        assertEquals(ExitCodes.FAILURE, run("diff", "--base", "HEAD", repo.resolve("typo.yaml").toString()));
        assertEquals("watasu: error: typo.yaml is neither at HEAD nor in the working tree (pass the path of "
                + "watasu.yaml as FILE)\n", stderr());
    }

    @Test
    void invalidHeadNamesTheRevisionAndExitsOne() throws Exception {
        String base = Golden.read("trust-grant/base.yaml");
        commits(base, base.replace("trust: [api-app]", "trust: [no-such-app]"));
        assertEquals(ExitCodes.INVALID_INPUT, run("diff", "--base", "HEAD~1", "--head", "HEAD", file().toString()));
        assertTrue(stderr().contains("deploy/watasu.yaml@HEAD:9:"), stderr());
        assertTrue(stderr().contains("invalid at the head revision (HEAD)"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void unknownRevisionIsOneLine() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        assertEquals(ExitCodes.FAILURE, run("diff", "--base", "origin/nowhere", file().toString()));
        assertEquals("watasu: error: unknown revision 'origin/nowhere' (fetch it first, e.g. actions/checkout with "
                + "fetch-depth: 0)\n", stderr());
    }

    @Test
    void outsideAGitRepositoryIsOneLine() throws Exception {
        Files.writeString(repo.resolve("watasu.yaml"), Golden.read("trust-grant/base.yaml"));
        assertEquals(ExitCodes.FAILURE, run("diff", "--base", "HEAD", repo.resolve("watasu.yaml").toString()));
        assertTrue(stderr().matches("watasu: error: .* is not inside a git repository \\(run diff from a checkout\\)\n"),
                stderr());
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        assertEquals(ExitCodes.USAGE, run("diff", "--base", "HEAD", file().toString(), "--format", "html"));
    }

    /** The evaluator is IPv4: an IPv6 cluster range is left out of it instead of failing the diff. */
    @Test
    void ipv6ClusterRangesAreReviewed() throws Exception {
        String base = Golden.read("trust-grant/base.yaml").replace("version: 1\n",
                "version: 1\nplatform:\n  clusterCidrs: [10.0.0.0/8, 169.254.0.0/16, fd00::/8, fe80::/10]\n");
        commits(base, base.replace("trust: [api-app]", "trust: [api-app, billing-app]"));
        assertEquals(ExitCodes.ACCESS_WIDENED, run("diff", "--base", "HEAD~1", "--head", "HEAD", file().toString()),
                stderr());
        assertTrue(stdout().contains("- `billing-app -> grpc-app:grpc-tcp 50051/TCP` (team acme)"), stdout());
    }

    /**
     * A change granting 5,112 connections (a new team of 72 apps that all trust each other) makes a Markdown report
     * far over GitHub's limit; the default limit shortens it and keeps the totals, and --output has it whole.
     */
    @Test
    void largeChangeIsShortenedToTheLimitAndStatesTheTotals() throws Exception {
        String base = Golden.read("trust-grant/base.yaml");
        StringBuilder head = new StringBuilder(base).append("  crowd:\n    apps:\n");
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            apps.add("crowd-app" + i);
        }
        for (String app : apps) {
            head.append("      ").append(app).append(":\n        processes:\n")
                    .append("          grpc-tcp: { command: serve, port: 50051 }\n")
                    .append("        trust: [").append(String.join(", ", apps.stream().filter(a -> !a.equals(app))
                            .toList())).append("]\n");
        }
        commits(base, head.toString());
        Path full = repo.resolve("full.md");
        assertEquals(ExitCodes.ACCESS_WIDENED, run("diff", "--base", "HEAD~1", "--head", "HEAD", file().toString(),
                "--output", full.toString()), stderr());
        String shortened = stdout();
        assertTrue(shortened.length() <= 65_000, "length " + shortened.length());
        assertTrue(shortened.startsWith("## Access widened: 5112 connections granted, 0 revoked\n"), shortened);
        assertTrue(shortened.contains("### Connections granted (5112)\n"), shortened);
        assertTrue(shortened.contains("### Connections revoked (0)\n"), shortened);
        assertTrue(shortened.contains("- App added: `crowd/crowd-app0`") || shortened.contains("apps and teams"),
                shortened);
        Matcher note = Pattern.compile("> \\*\\*Shortened to at most 65000 characters\\.\\*\\* Not shown: (\\d+) of 5112 "
                + "connections granted, .*The full report is in `" + Pattern.quote(full.toString()) + "`\\.\n")
                .matcher(shortened);
        assertTrue(note.find(), shortened.substring(0, 600));
        int leftOut = Integer.parseInt(note.group(1));
        long shownEdges = shortened.lines().filter(l -> l.startsWith("- `") && l.endsWith("(team crowd)")).count();
        assertEquals(5112, shownEdges + leftOut);
        assertTrue(shownEdges > 500, "room left unused: " + shownEdges + " connections shown");
        assertTrue(shortened.contains("- … and " + leftOut + " more granted (not shown)\n"), shortened);

        String whole = Files.readString(full);
        assertEquals(5112, whole.lines().filter(l -> l.endsWith("(team crowd)")).count());
        assertEquals(ExitCodes.ACCESS_WIDENED, run("diff", "--base", "HEAD~1", "--head", "HEAD", file().toString(),
                "--max-length", "0"));
        assertEquals(whole, stdout());
        // Every line shown is a line of the whole report, in the same order.
        List<String> wholeLines = whole.lines().toList();
        int at = 0;
        for (String line : shortened.lines().toList()) {
            if (line.startsWith("- `")) {
                at = wholeLines.subList(at, wholeLines.size()).indexOf(line) + at;
                assertTrue(at >= 0, line);
            }
        }
    }

    @Test
    void maxLengthBelowTheFixedPartIsAUsageError() throws Exception {
        commits(Golden.read("trust-grant/base.yaml"));
        assertEquals(ExitCodes.USAGE, run("diff", "--base", "HEAD", file().toString(), "--max-length", "500"));
        assertTrue(stderr().contains("--max-length must be 0 (no limit) or at least 2000"), stderr());
    }
}
