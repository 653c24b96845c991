package io.watasu.publish;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Git transaction against C Git's http-backend on loopback, so receive-pack judges every push. */
class GitTransactionTest {
    private static final String TOKEN = "s3cr3t-token-4711";

    @TempDir
    Path tmp;
    private GitHttpServer server;
    private Path bare;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("server"));
        server = GitHttpServer.start(root, TOKEN);
        bare = server.createBareRepository("gitops");
        url = server.url("gitops");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private GitTransaction transaction(String cacheName, WorktreeEdit edit) {
        return GitTransaction.to(url)
                .credentials(GitCredentials.userPassword(GitHttpServer.USER, TOKEN, "WATASU_GIT_TOKEN"))
                .author("Watasu Test", "publish@example.com")
                .cacheDirectory(tmp.resolve("cache").resolve(cacheName))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .edit(edit);
    }

    private static WorktreeEdit writing(String path, String content) {
        return worktree -> {
            Path file = worktree.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return Optional.of(CommitMessage.of("write " + path));
        };
    }

    @Test
    void firstPublishIntoAnEmptyRepositoryCreatesTheBranch() throws Exception {
        PublishResult result = transaction("a", writing("clusters/dev/acme/web.yaml", "kind: Service\n")).call();

        PublishResult.Pushed pushed = assertInstanceOf(PublishResult.Pushed.class, result);
        assertEquals(1, pushed.attempts());
        assertEquals(pushed.commit().name(), CGit.head(bare, "main"));
        assertEquals(List.of("clusters/dev/acme/web.yaml"), CGit.files(bare, "main"));
        assertEquals(List.of(new PathChange(PathChange.Type.ADDED, "clusters/dev/acme/web.yaml")), pushed.changes());
        assertEquals("Watasu Test <publish@example.com>",
                CGit.run(bare, "log", "-1", "--format=%an <%ae>", "main").strip());
    }

    @Test
    void anUnchangedTreeMakesNoCommit() throws Exception {
        transaction("a", writing("a.yaml", "x: 1\n")).call();
        String head = CGit.head(bare, "main");
        int pushesBefore = server.pushRequests();

        PublishResult again = transaction("a", writing("a.yaml", "x: 1\n")).call();

        assertInstanceOf(PublishResult.NoChange.class, again);
        assertEquals(head, CGit.head(bare, "main"));
        assertEquals(pushesBefore, server.pushRequests());
    }

    @Test
    void anEmptyMessageMeansNothingToCommitEvenWhenFilesChanged() throws Exception {
        transaction("a", writing("a.yaml", "x: 1\n")).call();
        String head = CGit.head(bare, "main");

        PublishResult result = transaction("a", worktree -> {
            Files.writeString(worktree.resolve("a.yaml"), "x: 2\n");
            return Optional.empty();
        }).call();

        assertInstanceOf(PublishResult.NoChange.class, result);
        assertEquals(head, CGit.head(bare, "main"));
        List<String> seen = new ArrayList<>();
        transaction("a", worktree -> {
            seen.add(Files.readString(worktree.resolve("a.yaml")));
            return Optional.empty();
        }).call();
        assertEquals(List.of("x: 1\n"), seen, "an edit that committed nothing does not reach the next one");
    }

    @Test
    void aCompletedPublishLeavesTheCacheReadyForTheNextEdit() throws Exception {
        transaction("a", writing("a.yaml", "x: 1\n")).call();
        transaction("a", writing("b.yaml", "y: 1\n")).call();

        List<String> seen = new ArrayList<>();
        PublishResult result = transaction("a", worktree -> {
            seen.add(Files.readString(worktree.resolve("a.yaml")) + Files.readString(worktree.resolve("b.yaml")));
            return writing("c.yaml", "z: 1\n").apply(worktree);
        }).call();

        assertInstanceOf(PublishResult.Pushed.class, result);
        assertEquals(List.of("x: 1\ny: 1\n"), seen);
        assertEquals(List.of("a.yaml", "b.yaml", "c.yaml"), CGit.files(bare, "main"));
        assertEquals("", CGit.run(tmp.resolve("cache/a"), "status", "--porcelain"), "index and work tree are the head");
    }

    @Test
    void deletionsAreCommittedAndOtherFilesStay() throws Exception {
        transaction("a", worktree -> {
            Files.writeString(worktree.resolve("keep.txt"), "someone else's\n");
            Files.writeString(worktree.resolve("gone.yaml"), "x: 1\n");
            return Optional.of(CommitMessage.of("two files"));
        }).call();

        PublishResult result = transaction("a", worktree -> {
            Files.delete(worktree.resolve("gone.yaml"));
            return Optional.of(CommitMessage.of("remove one"));
        }).call();

        PublishResult.Pushed pushed = assertInstanceOf(PublishResult.Pushed.class, result);
        assertEquals(List.of(new PathChange(PathChange.Type.DELETED, "gone.yaml")), pushed.changes());
        assertEquals(List.of("keep.txt"), CGit.files(bare, "main"));
    }

    @Test
    void theEditSeesExactlyTheRemoteHeadEvenAfterSomeoneElsePushed() throws Exception {
        transaction("a", writing("a.yaml", "x: 1\n")).call();
        Path other = tmp.resolve("other");
        CGit.run(tmp, "clone", "--quiet", bare.toString(), other.toString());
        Files.writeString(other.resolve("b.yaml"), "from elsewhere\n");
        CGit.run(other, "add", ".");
        CGit.run(other, "commit", "--quiet", "-m", "elsewhere");
        CGit.run(other, "push", "--quiet", "origin", "main");

        List<String> seen = new ArrayList<>();
        PublishResult result = transaction("a", worktree -> {
            try (Stream<Path> files = Files.list(worktree)) {
                files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".git")).sorted().forEach(seen::add);
            }
            Files.writeString(worktree.resolve("stray.tmp"), "left by a failed edit\n");
            return Optional.empty();
        }).call();

        assertInstanceOf(PublishResult.NoChange.class, result);
        assertEquals(List.of("a.yaml", "b.yaml"), seen);
        transaction("a", writing("c.yaml", "x\n")).call();
        assertEquals(List.of("a.yaml", "b.yaml", "c.yaml"), CGit.files(bare, "main"),
                "no leftovers from earlier edits");
    }

    @Test
    void ignoredFilesAreNotCommittedAndDoNotReachTheNextEdit() throws Exception {
        transaction("a", writing(".gitignore", "*.tmp\n")).call();

        PublishResult result = transaction("a", worktree -> {
            Files.writeString(worktree.resolve("scratch.tmp"), "ignored\n");
            Files.writeString(worktree.resolve("kept.yaml"), "x\n");
            return Optional.of(CommitMessage.of("with scratch"));
        }).call();
        List<Boolean> scratchSeen = new ArrayList<>();
        transaction("a", worktree -> {
            scratchSeen.add(Files.exists(worktree.resolve("scratch.tmp")));
            return Optional.empty();
        }).call();

        assertEquals(List.of(new PathChange(PathChange.Type.ADDED, "kept.yaml")),
                assertInstanceOf(PublishResult.Pushed.class, result).changes());
        assertEquals(List.of(".gitignore", "kept.yaml"), CGit.files(bare, "main"));
        assertEquals(List.of(false), scratchSeen);
    }

    @Test
    void racingPublishersBothLandAndNothingIsLost() throws Exception {
        transaction("seed", writing("README", "gitops\n")).call();
        // Both edits run on the same head before either pushes, so one push must lose and be retried.
        CyclicBarrier bothEdited = new CyclicBarrier(2);
        AtomicInteger edits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PublishResult>> results = new ArrayList<>();
            for (String team : List.of("acme", "globex")) {
                results.add(pool.submit(() -> transaction(team, worktree -> {
                    Path file = worktree.resolve("clusters/prod/" + team + "/app.yaml");
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, "team: " + team + "\n");
                    if (edits.incrementAndGet() <= 2) {
                        bothEdited.await(10, TimeUnit.SECONDS);
                    }
                    return Optional.of(CommitMessage.of("publish " + team));
                }).call()));
            }
            List<Integer> attempts = new ArrayList<>();
            for (Future<PublishResult> future : results) {
                attempts.add(assertInstanceOf(PublishResult.Pushed.class, future.get(60, TimeUnit.SECONDS)).attempts());
            }
            Collections.sort(attempts);
            assertEquals(List.of(1, 2), attempts);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("README", "clusters/prod/acme/app.yaml", "clusters/prod/globex/app.yaml"),
                CGit.files(bare, "main"));
        assertEquals("3", CGit.run(bare, "rev-list", "--count", "main").strip());
    }

    @Test
    void racingOnAnEmptyRepositoryAlsoLandsBoth() throws Exception {
        CyclicBarrier bothEdited = new CyclicBarrier(2);
        AtomicInteger edits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PublishResult>> results = new ArrayList<>();
            for (String name : List.of("one", "two")) {
                results.add(pool.submit(() -> transaction(name, worktree -> {
                    Files.writeString(worktree.resolve(name + ".yaml"), name + "\n");
                    if (edits.incrementAndGet() <= 2) {
                        bothEdited.await(10, TimeUnit.SECONDS);
                    }
                    return Optional.of(CommitMessage.of(name));
                }).call()));
            }
            for (Future<PublishResult> future : results) {
                assertInstanceOf(PublishResult.Pushed.class, future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("one.yaml", "two.yaml"), CGit.files(bare, "main"));
    }

    @Test
    void contentionBeyondTheAttemptLimitFailsWithoutForcing() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();
        Path other = tmp.resolve("other");
        CGit.run(tmp, "clone", "--quiet", bare.toString(), other.toString());
        AtomicInteger runs = new AtomicInteger();

        // Every edit is followed by someone else's push: the transaction can never win.
        PublishResult result = transaction("a", worktree -> {
            int run = runs.incrementAndGet();
            Files.writeString(worktree.resolve("mine.yaml"), "run " + run + "\n");
            Files.writeString(other.resolve("theirs-" + run), "x\n");
            CGit.run(other, "add", ".");
            CGit.run(other, "commit", "--quiet", "-m", "theirs " + run);
            CGit.run(other, "push", "--quiet", "origin", "main");
            return Optional.of(CommitMessage.of("mine"));
        }).maxAttempts(3).call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.CONTENTION, failure.kind());
        assertTrue(failure.message().contains("gave up after 3 pushes"), failure.message());
        assertEquals(3, runs.get());
        assertFalse(CGit.files(bare, "main").contains("mine.yaml"));
        assertEquals("4", CGit.run(bare, "rev-list", "--count", "main").strip(), "their commits all survive");
    }

    @Test
    void aServerHookRefusalIsReportedWithoutRetrying() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();
        Path hook = bare.resolve("hooks/pre-receive");
        Files.writeString(hook, "#!/bin/sh\necho 'branch is protected' >&2\nexit 1\n");
        hook.toFile().setExecutable(true);
        String head = CGit.head(bare, "main");
        int pushesBefore = server.pushRequests();

        PublishResult result = transaction("a", writing("a.yaml", "2\n")).call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.REJECTED, failure.kind());
        assertTrue(failure.message().contains("refused the push to main"), failure.message());
        assertEquals(head, CGit.head(bare, "main"));
        assertEquals(pushesBefore + 1, server.pushRequests(), "a hook refusal is not retried");
    }

    @Test
    void wrongCredentialsGiveOneLineAndLeakNothing() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();
        String head = CGit.head(bare, "main");
        String wrongToken = "wrong-token-0815";

        PublishResult result = GitTransaction.to(url)
                .credentials(GitCredentials.userPassword(GitHttpServer.USER, wrongToken, "WATASU_GIT_TOKEN"))
                .author("Watasu Test", "publish@example.com")
                .cacheDirectory(tmp.resolve("cache/b"))
                .edit(writing("a.yaml", "2\n"))
                .call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.AUTHENTICATION, failure.kind());
        assertEquals("authentication refused by " + url + ": check WATASU_GIT_TOKEN", failure.message());
        assertEquals(head, CGit.head(bare, "main"));
    }

    @Test
    void missingCredentialsSayHowToGiveThem() {
        PublishResult result = GitTransaction.to(url)
                .author("Watasu Test", "publish@example.com")
                .cacheDirectory(tmp.resolve("cache/none"))
                .edit(writing("a.yaml", "1\n"))
                .call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.AUTHENTICATION, failure.kind());
        assertEquals("authentication refused by " + url + ": no credentials were given; set WATASU_GIT_TOKEN, put "
                + "them in ~/.git-credentials, or use --ssh-key", failure.message());
    }

    @Test
    void credentialsInTheUrlAreUsedButNeverStoredOrShown() throws Exception {
        String withUserInfo = url.replace("http://", "http://" + GitHttpServer.USER + ":" + TOKEN + "@");
        List<String> progress = new ArrayList<>();

        PublishResult result = GitTransaction.to(withUserInfo)
                .author("Watasu Test", "publish@example.com")
                .cacheDirectory(tmp.resolve("cache/u"))
                .progress(progress::add)
                .edit(writing("a.yaml", "1\n"))
                .call();

        assertInstanceOf(PublishResult.Pushed.class, result);
        String config = Files.readString(tmp.resolve("cache/u/.git/config"));
        assertTrue(config.contains("url = " + url), config);
        assertFalse(config.contains(TOKEN));
        assertFalse(String.join("\n", progress).contains(TOKEN));
        assertFalse(String.join("\n", progress).contains(GitHttpServer.USER + ":"));
    }

    @Test
    void serverGoneBetweenFetchAndPushLeavesTheRemoteUnchanged() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();
        String head = CGit.head(bare, "main");

        PublishResult result = transaction("a", worktree -> {
            server.close();
            Files.writeString(worktree.resolve("a.yaml"), "2\n");
            return Optional.of(CommitMessage.of("never lands"));
        }).call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.UNREACHABLE, failure.kind());
        assertTrue(failure.message().startsWith("cannot reach host 127.0.0.1:"), failure.message());
        assertFalse(failure.message().contains(TOKEN));
        assertEquals(head, CGit.head(bare, "main"));
    }

    @Test
    void aMissingBranchOnANonEmptyRemoteIsAClearError() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();

        PublishResult result = transaction("p", writing("a.yaml", "2\n")).branch("prod").call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.BRANCH_MISSING, failure.kind());
        assertEquals("branch 'prod' does not exist on the remote " + url
                + " (it has: main): create it there first, or choose one of those", failure.message());
        assertNull(CGit.head(bare, "prod"));
    }

    @Test
    void aMissingRepositoryIsNamed() {
        PublishResult result = GitTransaction.to(server.url("nope"))
                .credentials(GitCredentials.userPassword(GitHttpServer.USER, TOKEN, "WATASU_GIT_TOKEN"))
                .author("Watasu Test", "publish@example.com")
                .cacheDirectory(tmp.resolve("cache/n"))
                .edit(writing("a.yaml", "1\n"))
                .call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.REPOSITORY_NOT_FOUND, failure.kind());
    }

    @Test
    void aDamagedCacheIsClonedAgain() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();
        Path objects = tmp.resolve("cache/a/.git/objects");
        try (Stream<Path> files = Files.walk(objects)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, "garbage".getBytes(StandardCharsets.UTF_8));
            }
        }

        PublishResult result = transaction("a", writing("b.yaml", "2\n")).call();

        assertInstanceOf(PublishResult.Pushed.class, result);
        assertEquals(List.of("a.yaml", "b.yaml"), CGit.files(bare, "main"));
    }

    @Test
    void dryRunReportsChangesAndPushesNothing() throws Exception {
        transaction("a", writing("a.yaml", "1\n")).call();
        String head = CGit.head(bare, "main");
        int pushesBefore = server.pushRequests();

        PublishResult result = transaction("a", writing("b.yaml", "2\n")).dryRun(true).call();

        PublishResult.DryRun dryRun = assertInstanceOf(PublishResult.DryRun.class, result);
        assertEquals(List.of(new PathChange(PathChange.Type.ADDED, "b.yaml")), dryRun.changes());
        assertEquals(head, CGit.head(bare, "main"));
        assertEquals(pushesBefore, server.pushRequests());
        assertInstanceOf(PublishResult.Pushed.class, transaction("a", writing("c.yaml", "3\n")).call());
        assertEquals(List.of("a.yaml", "c.yaml"), CGit.files(bare, "main"), "the dry run's file was not kept");
    }

    @Test
    void aFailingEditIsReportedAndNothingIsPushed() throws Exception {
        PublishResult result = transaction("a", worktree -> {
            throw new IOException("disk full");
        }).call();

        PublishFailure failure = assertInstanceOf(PublishResult.Failed.class, result).failure();
        assertEquals(PublishFailure.Kind.EDIT_FAILED, failure.kind());
        assertEquals("disk full", failure.message());
        assertNull(CGit.head(bare, "main"));
    }

    @Test
    void aTransactionRunsOnce() {
        GitTransaction transaction = transaction("a", writing("a.yaml", "1\n"));
        transaction.call();
        assertThrows(IllegalStateException.class, transaction::call);
    }

    @Test
    void aLocalBareRepositoryWorksWithoutAServer() throws Exception {
        Path local = tmp.resolve("local.git");
        CGit.run(tmp, "init", "--quiet", "--bare", "--initial-branch=main", local.toString());

        for (String target : List.of(local.toString(), local.toUri().toString())) {
            PublishResult result = GitTransaction.to(target)
                    .author("Watasu Test", "publish@example.com")
                    .cacheDirectory(tmp.resolve("cache/local-" + target.length()))
                    .edit(writing(target.length() + ".yaml", target + "\n"))
                    .call();
            assertInstanceOf(PublishResult.Pushed.class, result, target);
        }
        assertEquals(2, CGit.files(local, "main").size());
    }
}
