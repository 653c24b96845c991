package io.watasu.publish;

import io.watasu.testing.ChildJvm;
import io.watasu.testing.CliRun;
import io.watasu.testing.TestData;
import io.watasu.testing.Sentinel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu publish} end to end: the real command line, C Git's http-backend on loopback as the remote. */
class PublishCommandTest {
    private static final String TOKEN = "ghp_publishTestToken0123456789";
    private static final String CONFIG = """
            version: 1
            teams:
              acme:
                apps:
                  grpc-app:
                    processes:
                      web: bundle exec puma
                      grpc-tcp: { command: bundle exec grpc_server, port: 50051 }
                    trust: [api-app]
                  api-app:
                    processes: { web: node server.js, worker: node worker.js }
                  report-app:
                    processes: { worker: bin/report }
                  shop-app:
                    processes: { web: bin/shop }
              globex:
                apps:
                  meet-app:
                    processes: { web: ./meet }
            """;

    @TempDir
    Path tmp;
    private GitHttpServer server;
    private Path bare;
    private String url;
    private String urlWithToken;

    @BeforeEach
    void startServer() throws Exception {
        server = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")), TOKEN);
        bare = server.createBareRepository("gitops");
        url = server.url("gitops");
        urlWithToken = url.replace("http://", "http://" + GitHttpServer.USER + ":" + TOKEN + "@");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static CliRun watasu(String... args) {
        return CliRun.of(args);
    }

    private static String all(CliRun run) {
        return run.stdout() + run.stderr();
    }

    private Path config(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private CliRun publish(Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of("publish", config.toString(), "--repo", urlWithToken,
                "--path", "clusters/prod", "--cache-dir", tmp.resolve("cache").toString()));
        args.addAll(List.of(extra));
        return watasu(args.toArray(String[]::new));
    }

    private void assertNoSecret(CliRun run) {
        assertFalse(all(run).contains(TOKEN), all(run));
        assertFalse(all(run).contains(GitHttpServer.USER + ":"), all(run));
    }

    @Test
    void firstPublishThenANoOpPublish() throws Exception {
        Path file = config("watasu.yaml", CONFIG);

        CliRun first = publish(file);

        assertEquals(0, first.exitCode(), all(first));
        assertTrue(first.stdout().startsWith("published "), first.stdout());
        assertTrue(first.stdout().contains("watasu: render 2 teams, 5 apps (+2 teams, +4 apps)"), first.stdout());
        assertTrue(first.stderr().contains("watasu: rendering 2 team(s), 5 app(s)"), first.stderr());
        assertTrue(first.stderr().contains("watasu: pushing to " + url + " (attempt 1/8)"), first.stderr());
        assertNoSecret(first);
        String cacheConfig = Files.readString(tmp.resolve("cache/.git/config"));
        assertFalse(cacheConfig.contains(TOKEN), cacheConfig);
        List<String> files = CGit.files(bare, "main");
        assertTrue(files.containsAll(List.of("clusters/prod/acme/_team.yaml", "clusters/prod/acme/grpc-app.yaml",
                "clusters/prod/globex/meet-app.yaml", "clusters/prod/argocd/applicationset.yaml",
                "clusters/prod/argocd/project.yaml", "clusters/prod/.watasu/owned.txt")), files.toString());
        String message = CGit.run(bare, "log", "-1", "--format=%B", "main");
        assertTrue(message.contains("Apps added: acme/api-app, acme/grpc-app, acme/shop-app, globex/meet-app"),
                message);
        assertTrue(message.contains("Watasu-Version: "), message);
        assertFalse(message.contains("Watasu-Source-Commit"), "the config is not in a Git checkout: " + message);
        String head = CGit.head(bare, "main");

        CliRun second = publish(file);

        assertEquals(0, second.exitCode(), all(second));
        assertTrue(second.stdout().startsWith("up to date: " + url + " (branch main, clusters/prod)"), second.stdout());
        assertEquals(head, CGit.head(bare, "main"));
    }

    @Test
    void theArgoCdWiringPointsAtThePublishedFolderWithoutCredentials() throws Exception {
        assertEquals(0, publish(config("watasu.yaml", CONFIG)).exitCode());

        String applicationSet = CGit.show(bare, "main", "clusters/prod/argocd/applicationset.yaml");

        assertTrue(applicationSet.contains("repoURL: \"" + url + "\""), applicationSet);
        assertTrue(applicationSet.contains("revision: main"), applicationSet);
        assertTrue(applicationSet.contains("clusters/prod/*"), applicationSet);
        assertFalse(applicationSet.contains(TOKEN));
    }

    @Test
    void aRemovedAppDisappearsAndFilesWatasuDoesNotOwnSurvive() throws Exception {
        Path seed = tmp.resolve("seed");
        CGit.run(tmp, "clone", "--quiet", bare.toString(), seed.toString());
        Files.createDirectories(seed.resolve("clusters/prod"));
        Files.writeString(seed.resolve("README.md"), "# GitOps\n");
        Files.writeString(seed.resolve("clusters/prod/NOTES.txt"), "hand-written notes\n");
        CGit.run(seed, "add", ".");
        CGit.run(seed, "commit", "--quiet", "-m", "seed");
        CGit.run(seed, "push", "--quiet", "origin", "HEAD:main");
        assertEquals(0, publish(config("watasu.yaml", CONFIG)).exitCode());

        CliRun removal = publish(config("watasu.yaml", CONFIG.replace("""
                      shop-app:
                        processes: { web: bin/shop }
                """, "")));

        assertEquals(0, removal.exitCode(), all(removal));
        assertTrue(removal.stdout().contains("watasu: render 2 teams, 4 apps (-1 app)"), removal.stdout());
        List<String> files = CGit.files(bare, "main");
        assertFalse(files.contains("clusters/prod/acme/shop-app.yaml"), files.toString());
        assertTrue(files.containsAll(List.of("README.md", "clusters/prod/NOTES.txt",
                "clusters/prod/acme/api-app.yaml")), files.toString());
        assertTrue(CGit.run(bare, "log", "-1", "--format=%B", "main").contains("Apps removed: acme/shop-app"));
    }

    @Test
    void dryRunListsTheChangesAndPushesNothing() throws Exception {
        CliRun dry = publish(config("watasu.yaml", CONFIG), "--dry-run");

        assertEquals(0, dry.exitCode(), all(dry));
        assertTrue(dry.stdout().contains("A clusters/prod/acme/grpc-app.yaml\n"), dry.stdout());
        assertTrue(dry.stdout().contains("dry run: would commit \"watasu: render 2 teams, 5 apps (+2 teams, +4 apps)\""),
                dry.stdout());
        assertNull(CGit.head(bare, "main"));
        assertEquals(0, server.pushRequests());
    }

    @Test
    void wrongCredentialsFailInOneLineAndChangeNothing() throws Exception {
        CliRun run = watasu("publish", config("watasu.yaml", CONFIG).toString(),
                "--repo", url.replace("http://", "http://" + GitHttpServer.USER + ":wrong-" + TOKEN + "@"),
                "--path", "clusters/prod", "--cache-dir", tmp.resolve("cache").toString());

        assertEquals(3, run.exitCode());
        assertTrue(run.stderr().endsWith("watasu: error: authentication refused by " + url
                + ": check the credentials in the URL\n"), run.stderr());
        assertEquals(1, run.stderr().lines().filter(l -> l.contains("error")).count(), run.stderr());
        assertNoSecret(run);
        assertNull(CGit.head(bare, "main"));
    }

    @Test
    void anUnreachableServerFailsInOneLineAndChangesNothing() throws Exception {
        server.close();

        CliRun run = publish(config("watasu.yaml", CONFIG));

        assertEquals(3, run.exitCode());
        assertTrue(run.stderr().contains("watasu: error: cannot reach host 127.0.0.1:"), run.stderr());
        assertTrue(run.stderr().contains("(connection refused): check the URL and that the server is up"), run.stderr());
        assertNoSecret(run);
        assertNull(CGit.head(bare, "main"));
    }

    @Test
    void invalidInputIsReportedAndNothingIsPushed() throws Exception {
        CliRun run = publish(config("broken.yaml", "version: 1\nteams:\n  Acme!: {}\n"));

        assertEquals(1, run.exitCode(), all(run));
        assertTrue(run.stderr().contains("broken.yaml:3:"), run.stderr());
        assertEquals(0, server.pushRequests());
    }

    @Test
    void invalidInputIsReportedEvenWhenTheServerIsDown() throws Exception {
        server.close();

        CliRun run = publish(config("broken.yaml", "version: 1\nteams:\n  Acme!: {}\n"));

        assertEquals(1, run.exitCode(), all(run));
        assertTrue(run.stderr().contains("broken.yaml:3:"), run.stderr());
        assertTrue(run.stderr().contains("error(s) in " + tmp.resolve("broken.yaml") + "; nothing published"),
                run.stderr());
    }

    @Test
    void theCacheNeverStartsAGcThatTheExitingProcessWouldKill() throws Exception {
        Path file = config("watasu.yaml", CONFIG);
        assertEquals(0, publish(file).exitCode());
        Path cache = tmp.resolve("cache");
        assertEquals("0", CGit.run(cache, "config", "gc.auto").strip());
        CGit.run(cache, "config", "gc.auto", "1");

        assertEquals(0, publish(file).exitCode());

        assertEquals("0", CGit.run(cache, "config", "gc.auto").strip(), "an older cache is fixed on open");
        assertEquals("0", CGit.run(cache, "config", "gc.autoPackLimit").strip());
    }

    @Test
    void aRepositoryNeedsAnExplicitPath() throws Exception {
        CliRun run = watasu("publish", config("watasu.yaml", CONFIG).toString(), "--repo", url);

        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--path is required with --repo"), run.stderr());
    }

    @Test
    void sourceTrailersNameTheCheckoutWithoutCredentials() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        CGit.run(source, "init", "--quiet", "--initial-branch=main");
        CGit.run(source, "remote", "add", "origin", "https://someone:pw123@git.example.com/org/platform.git");
        Files.writeString(source.resolve("watasu.yaml"), CONFIG);
        CGit.run(source, "add", ".");
        CGit.run(source, "commit", "--quiet", "-m", "platform");
        String sourceCommit = CGit.run(source, "rev-parse", "HEAD").strip();

        CliRun run = publish(source.resolve("watasu.yaml"), "--message-trailer", "CI-Run=https://ci.example.com/42",
                "--author-name", "Deploy Bot", "--author-email", "deploy@example.com");

        assertEquals(0, run.exitCode(), all(run));
        String message = CGit.run(bare, "log", "-1", "--format=%an <%ae>%n%B", "main");
        assertTrue(message.startsWith("Deploy Bot <deploy@example.com>\n"), message);
        assertTrue(message.contains("\nWatasu-Source-Repo: https://git.example.com/org/platform.git\n"
                + "Watasu-Source-Commit: " + sourceCommit + "\nWatasu-Version: "), message);
        assertTrue(message.contains("\nCI-Run: https://ci.example.com/42\n"), message);
    }

    @Test
    void twoPublishersRacingOnDifferentPathsBothLand() throws Exception {
        Path acme = config("acme.yaml", CONFIG);
        Path other = config("other.yaml", CONFIG.replace("acme", "initech"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 2; round++) {
                String suffix = "-" + round;
                Future<CliRun> first = pool.submit(() -> watasu("publish", acme.toString(), "--repo", urlWithToken,
                        "--path", "clusters/one" + suffix, "--cache-dir", tmp.resolve("cache-one").toString()));
                Future<CliRun> second = pool.submit(() -> watasu("publish", other.toString(), "--repo", urlWithToken,
                        "--path", "clusters/two" + suffix, "--cache-dir", tmp.resolve("cache-two").toString()));
                assertEquals(0, first.get(60, TimeUnit.SECONDS).exitCode(), all(first.get()));
                assertEquals(0, second.get(60, TimeUnit.SECONDS).exitCode(), all(second.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> files = CGit.files(bare, "main");
        for (String folder : List.of("clusters/one-1/acme", "clusters/two-1/initech", "clusters/one-2/acme",
                "clusters/two-2/initech")) {
            assertTrue(files.contains(folder + "/grpc-app.yaml"), folder + " missing from " + files);
        }
    }

    /**
     * A fleet is published in one commit, every cluster's folder at once; two publishers of one cluster each, racing
     * on the same folder, both land, and neither removes the other's cluster.
     */
    @Test
    void aFleetIsOneCommitAndPublishersOfDifferentClustersRacingBothLand() throws Exception {
        Path fleet = TestData.repoRoot().resolve("examples/fleet.yaml");
        CliRun whole = watasu("publish", fleet.toString(), "--repo", urlWithToken, "--path", "clusters/fleet",
                "--cache-dir", tmp.resolve("cache-fleet").toString());
        assertEquals(0, whole.exitCode(), all(whole));
        List<String> files = CGit.files(bare, "main");
        assertTrue(files.containsAll(List.of("clusters/fleet/staging/lab/_team.yaml",
                "clusters/fleet/eu-prod/acme/grpc-app.yaml", "clusters/fleet/us-prod/globex/meet-app.yaml",
                "clusters/fleet/argocd/applicationset.yaml")), files.toString());
        assertEquals("1", CGit.run(bare, "rev-list", "--count", "main").strip());
        String message = CGit.run(bare, "log", "-1", "--format=%B", "main");
        assertTrue(message.contains("eu-prod:acme/grpc-app"), message);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CliRun> staging = pool.submit(() -> watasu("publish", fleet.toString(), "--repo", urlWithToken,
                    "--path", "clusters/race", "--cluster", "staging", "--cache-dir", tmp.resolve("c1").toString()));
            Future<CliRun> euProd = pool.submit(() -> watasu("publish", fleet.toString(), "--repo", urlWithToken,
                    "--path", "clusters/race", "--cluster", "eu-prod", "--cache-dir", tmp.resolve("c2").toString()));
            assertEquals(0, staging.get(60, TimeUnit.SECONDS).exitCode(), all(staging.get()));
            assertEquals(0, euProd.get(60, TimeUnit.SECONDS).exitCode(), all(euProd.get()));
        } finally {
            pool.shutdownNow();
        }
        files = CGit.files(bare, "main");
        assertTrue(files.containsAll(List.of("clusters/race/staging/lab/_team.yaml",
                "clusters/race/eu-prod/acme/grpc-app.yaml", "clusters/race/argocd/project.yaml")), files.toString());
        assertTrue(files.stream().noneMatch(f -> f.startsWith("clusters/race/us-prod/")), files.toString());
        String record = CGit.run(bare, "show", "main:clusters/race/.watasu/owned.txt");
        assertTrue(record.contains("staging/lab/_team.yaml") && record.contains("eu-prod/acme/grpc-app.yaml"), record);
    }

    @Test
    void aTokenFromTheEnvironmentIsUsedAndNeverShownOrStored() throws Exception {
        Path file = config("watasu.yaml", CONFIG);
        Path cache = tmp.resolve("env-cache");

        CliRun ok = watasuProcess(tmp, Map.of("WATASU_GIT_TOKEN", TOKEN, "WATASU_GIT_USER", GitHttpServer.USER),
                "publish", file.toString(), "--repo", url, "--path", "clusters/prod", "--cache-dir", cache.toString());
        CliRun refused = watasuProcess(tmp, Map.of("WATASU_GIT_TOKEN", "not-" + TOKEN, "WATASU_GIT_USER",
                GitHttpServer.USER), "publish", config("more.yaml", CONFIG.replace("globex", "hooli")).toString(),
                "--repo", url, "--path", "clusters/prod", "--cache-dir", cache.toString());

        assertEquals(0, ok.exitCode(), all(ok));
        assertEquals(3, refused.exitCode(), all(refused));
        assertTrue(refused.stderr().contains("authentication refused by " + url + ": check WATASU_GIT_TOKEN"),
                refused.stderr());
        for (CliRun run : List.of(ok, refused)) {
            assertFalse(all(run).contains(TOKEN), all(run));
        }
        String gitConfig = Files.readString(cache.resolve(".git/config"));
        assertFalse(gitConfig.contains(TOKEN), gitConfig);
        assertTrue(gitConfig.contains("url = " + url), gitConfig);
    }

    @Test
    void withoutARepositoryItPublishesToTheEmbeddedOne() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("watasu.yaml"), CONFIG);
        // A user's global ignore list must not keep rendered files or the ownership record out of the commit.
        Files.writeString(tmp.resolve("global-ignore"), "*.yaml\n.watasu/\n");
        Files.writeString(tmp.resolve(".gitconfig"), "[core]\n\texcludesfile = " + tmp.resolve("global-ignore") + "\n");

        CliRun run = watasuProcess(work, Map.of(), "publish", "watasu.yaml");

        assertEquals(0, run.exitCode(), all(run));
        assertTrue(run.stdout().contains("to .watasu/gitops.git (branch main, clusters/dev)"), run.stdout());
        assertTrue(run.stdout().contains("look at it with: git -C .watasu/gitops.git log --stat -1"), run.stdout());
        assertTrue(CGit.files(work.resolve(".watasu/gitops.git"), "main").containsAll(List.of(
                "clusters/dev/acme/api-app.yaml", "clusters/dev/.watasu/owned.txt")));
        assertEquals(0, watasuProcess(work, Map.of(), "publish", "watasu.yaml").exitCode());
        assertEquals("1", CGit.run(work.resolve(".watasu/gitops.git"), "rev-list", "--count", "main").strip());
        assertEquals("false", CGit.run(work.resolve(".watasu/gitops.git"), "config", "gc.autoDetach").strip(),
                "its gc runs inside the push, not in a thread the exiting process kills");
    }

    /** A clone of the served repository to commit what a careless or hostile colleague would. */
    private Path seedClone() throws Exception {
        Path seed = tmp.resolve("seed");
        if (!Files.exists(seed)) {
            CGit.run(tmp, "clone", "--quiet", urlWithToken, seed.toString());
        } else {
            CGit.run(seed, "pull", "--quiet", "--ff-only", "origin", "main");
        }
        return seed;
    }

    private static void commitAndPush(Path seed, String message) throws Exception {
        CGit.run(seed, "add", "--all");
        CGit.run(seed, "commit", "--quiet", "-m", message);
        CGit.run(seed, "push", "--quiet", "origin", "HEAD:main");
    }

    private static final String CHANGED_CONFIG = CONFIG.replace("""
                  shop-app:
                    processes: { web: bin/shop }
            """, "").replace("trust: [api-app]", "trust: [api-app, report-app]");

    /**
     * Symbolic links committed to the GitOps repository where watasu keeps its files (the --path folder or a folder
     * on the way to it, a team folder, a recorded file, the bookkeeping folder): publish stops with exit 3 naming
     * the link, pushes nothing, and touches nothing outside its clone, though the change would rewrite and remove
     * files behind each link.
     */
    @Test
    void aSymbolicLinkCommittedToTheRepositoryStopsThePublishAndNothingOutsideIsTouched() throws Exception {
        assertEquals(0, publish(config("watasu.yaml", CONFIG)).exitCode());
        Sentinel sentinel = Sentinel.plant(tmp.resolve("outside"));
        Map<String, Path> links = new LinkedHashMap<>();
        links.put("clusters/prod/acme", sentinel.folder().resolve("acme"));
        links.put("clusters/prod/acme/grpc-app.yaml", sentinel.file());
        links.put("clusters/prod/acme/shop-app.yaml", sentinel.file());
        links.put("clusters/prod/.watasu", sentinel.folder());
        links.put("clusters/prod", sentinel.folder());
        links.put("clusters", sentinel.folder());
        Path changed = config("changed.yaml", CHANGED_CONFIG);
        for (Map.Entry<String, Path> link : links.entrySet()) {
            Path seed = seedClone();
            Sentinel.replaceWithLink(seed.resolve(link.getKey()), link.getValue());
            commitAndPush(seed, "link " + link.getKey());
            String head = CGit.head(bare, "main");

            CliRun run = publish(changed);

            assertEquals(3, run.exitCode(), link.getKey() + ": " + all(run));
            assertTrue(run.stderr().contains("watasu: error: the repository holds a symbolic link at "
                    + link.getKey() + ", where watasu keeps its files"), run.stderr());
            assertTrue(run.stderr().contains("nothing was pushed"), run.stderr());
            assertEquals(head, CGit.head(bare, "main"));
            sentinel.assertUntouched();
            CGit.run(seed, "revert", "--no-edit", "HEAD");
            CGit.run(seed, "push", "--quiet", "origin", "HEAD:main");
        }
        assertEquals(0, publish(changed).exitCode(), "with the links gone, the publish goes through");
        sentinel.assertUntouched();
    }

    /**
     * A NetworkPolicy allowing everything, committed by hand into a team folder, would be applied by Argo CD with
     * the team's objects: publish refuses (exit 1, naming it, saying how to remove it) until --remove-foreign,
     * which deletes it in the publish commit. Files outside watasu's folders stay.
     */
    @Test
    void aFileWatasuDidNotWriteInATeamFolderStopsThePublishUntilRemovedOnRequest() throws Exception {
        Path file = config("watasu.yaml", CONFIG);
        assertEquals(0, publish(file).exitCode());
        Path seed = seedClone();
        Files.writeString(seed.resolve("clusters/prod/acme/zz-allow-all.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: { name: allow-all, namespace: acme }
                spec: { podSelector: {}, ingress: [{}], egress: [{}] }
                """);
        Files.writeString(seed.resolve("clusters/prod/NOTES.md"), "notes at the top: not Argo CD's\n");
        Files.createDirectories(seed.resolve("clusters/platform-extras"));
        Files.writeString(seed.resolve("clusters/platform-extras/quota.yaml"), "kind: ResourceQuota\n");
        commitAndPush(seed, "hand-made objects");
        String head = CGit.head(bare, "main");

        for (Path config : List.of(file, config("changed.yaml", CHANGED_CONFIG))) {
            CliRun refused = publish(config);
            assertEquals(1, refused.exitCode(), all(refused));
            assertTrue(refused.stderr().contains("1 file(s) under clusters/prod in the repository were not written by"
                    + " watasu: clusters/prod/acme/zz-allow-all.yaml"), refused.stderr());
            assertTrue(refused.stderr().contains("publish again with --remove-foreign"), refused.stderr());
            assertEquals(head, CGit.head(bare, "main"));
        }

        CliRun removed = publish(file, "--remove-foreign");

        assertEquals(0, removed.exitCode(), all(removed));
        assertTrue(removed.stderr().contains("watasu: warning: removed clusters/prod/acme/zz-allow-all.yaml"),
                removed.stderr());
        List<String> files = CGit.files(bare, "main");
        assertFalse(files.contains("clusters/prod/acme/zz-allow-all.yaml"), files.toString());
        assertTrue(files.containsAll(List.of("clusters/prod/NOTES.md", "clusters/platform-extras/quota.yaml",
                "clusters/prod/acme/grpc-app.yaml")), files.toString());
        String message = CGit.run(bare, "log", "-1", "--format=%B", "main");
        assertTrue(message.startsWith("watasu: render 2 teams, 5 apps (-1 foreign file)"), message);
        assertTrue(message.contains("Files not written by watasu, removed: acme/zz-allow-all.yaml"), message);
        assertEquals(0, publish(file).exitCode());
    }

    @Test
    void aPathThatGitTheCacheOrArgoCdTreatsSpeciallyIsAUsageError() throws Exception {
        Path file = config("watasu.yaml", CONFIG);
        for (String path : List.of("c/.git/hooks", "c/.GIT", ".git", ".GIT/x", "clusters/.watasu", ".watasu",
                "clusters/.gitmodules", "clusters/GIT~1", "clusters/prod.", "clusters/nul", "a//b", "./clusters",
                "clusters/./prod", "clusters/../prod", "..", "/abs/path", "C:/x", "a\\b", "clusters/prod\n",
                "clusters/prod\nwatasu: all good", "clusters/\u200c.git", "clusters/*", "", " ")) {
            CliRun run = watasu("publish", file.toString(), "--repo", urlWithToken, "--path", path, "--cache-dir",
                    tmp.resolve("cache").toString());
            assertEquals(2, run.exitCode(), path + ": " + all(run));
            assertTrue(run.stderr().startsWith("watasu: error: --path: '"), run.stderr());
            assertEquals(1, run.stderr().lines().count(), "one line, control characters escaped: " + run.stderr());
        }
        assertEquals(0, server.pushRequests());
        assertFalse(Files.exists(tmp.resolve("cache")));
        CliRun plain = watasu("publish", file.toString(), "--repo", urlWithToken, "--path", "clusters/prod-eu_1.v2/",
                "--cache-dir", tmp.resolve("cache").toString());
        assertEquals(0, plain.exitCode(), all(plain));
        assertTrue(plain.stdout().contains("(branch main, clusters/prod-eu_1.v2)"), plain.stdout());
    }

    /**
     * A server that accepts the connection and then says nothing: the publish waits --timeout once (one
     * connection, closed by the client after about that long), then fails in one line.
     */
    @Test
    void aSilentServerFailsWithinTheTimeout() throws Exception {
        List<Double> waits = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = silent.accept();
                        long accepted = System.nanoTime();
                        new Thread(() -> {
                            try (socket) {
                                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                            } catch (IOException reset) {
                                // the client gave up
                            }
                            waits.add((System.nanoTime() - accepted) / 1e9);
                        }).start();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();

            CliRun run = watasu("publish", config("watasu.yaml", CONFIG).toString(), "--repo",
                    "http://127.0.0.1:" + silent.getLocalPort() + "/gitops.git", "--path", "clusters/prod",
                    "--cache-dir", tmp.resolve("cache").toString(), "--timeout", "2");

            assertEquals(3, run.exitCode(), all(run));
            assertTrue(run.stderr().endsWith("watasu: error: cannot reach host 127.0.0.1:" + silent.getLocalPort()
                    + " (no answer within 2 s): check the URL, proxies and firewalls, or allow more time with"
                    + " --timeout\n"), run.stderr());
            for (int i = 0; i < 50 && waits.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(1, waits.size(), "connections: " + waits);
            assertTrue(waits.get(0) >= 1.9 && waits.get(0) < 4, "the client waited " + waits.get(0) + " s");
        }
        CliRun help = watasu("publish", "--help");
        assertTrue(help.stdout().contains("--timeout=SECONDS"), help.stdout());
        assertTrue(help.stdout().contains("(default: 30)"), help.stdout());
        assertEquals(2, watasu("publish", "--timeout", "0").exitCode());
    }

    /** A local try-out with an invalid file leaves the current folder as it was: no repository, no cache. */
    @Test
    void anInvalidFileCreatesNothingInTheCurrentFolder() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("watasu.yaml"), "version: 1\nteams:\n  Acme!: {}\n");

        CliRun run = watasuProcess(work, Map.of(), "publish", "watasu.yaml");

        assertEquals(1, run.exitCode(), all(run));
        assertTrue(run.stderr().contains("watasu.yaml:3:"), run.stderr());
        try (var left = Files.list(work)) {
            assertEquals(List.of(work.resolve("watasu.yaml")), left.toList());
        }
    }

    /** The local repository's HEAD names the branch publish pushes, so `git log` works there at once. */
    @Test
    void theLocalRepositoryHeadNamesThePublishedBranch() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("watasu.yaml"), CONFIG);

        CliRun run = watasuProcess(work, Map.of(), "publish", "watasu.yaml", "--branch", "prod");

        assertEquals(0, run.exitCode(), all(run));
        Path local = work.resolve(".watasu/gitops.git");
        assertEquals("refs/heads/prod", CGit.run(local, "symbolic-ref", "HEAD").strip());
        assertTrue(CGit.run(local, "log", "--format=%s").startsWith("watasu: render 2 teams"));
    }

    /** The command in its own JVM: for the environment and the working directory, which a JVM cannot change. */
    private CliRun watasuProcess(Path workDir, Map<String, String> environment, String... args) throws Exception {
        return new ChildJvm(workDir, tmp, environment).watasu(args);
    }

    @Test
    void anIpv6OnlyPlatformIsRefusedAndADualStackOneKeepsClusterAddressesOutOfTheInternet() throws Exception {
        String teams = "teams:\n  acme:\n    apps:\n      meet-app: {processes: {media-rtc: {command: ./sfu, port: 40000}}}\n";
        CliRun refused = publish(config("v6.yaml", "version: 1\nplatform:\n  clusterCidrs: ['fd00::/8', 'fe80::/10']\n"
                + teams));

        assertEquals(1, refused.exitCode(), all(refused));
        assertTrue(refused.stderr().contains(tmp.resolve("v6.yaml") + ":3:17: error: platform.clusterCidrs lists no"
                + " IPv4 range: the IPv4 internet would then be every IPv4 address but link-local"), refused.stderr());
        assertEquals(0, server.pushRequests());
        assertNull(CGit.head(bare, "main"));

        CliRun published = publish(config("dual.yaml", "version: 1\nplatform:\n  clusterCidrs: [10.0.0.0/8,"
                + " 169.254.0.0/16, 'fd00::/8', 'fe80::/10']\n" + teams));

        assertEquals(0, published.exitCode(), all(published));
        for (String file : List.of("clusters/prod/acme/_team.yaml", "clusters/prod/acme/meet-app.yaml")) {
            String policies = CGit.show(bare, "main", file);
            for (String inCluster : List.of("0.0.0.0/0", "::/0", "10.", "169.254.", "fd00:", "fe80:")) {
                assertFalse(policies.contains("{cidr: \"" + inCluster), inCluster + " in " + file + ":\n" + policies);
            }
            assertTrue(policies.contains("{cidr: \"11.0.0.0/8\"}") && policies.contains("{cidr: \"::/1\"}"),
                    file + ":\n" + policies);
        }
    }
}
