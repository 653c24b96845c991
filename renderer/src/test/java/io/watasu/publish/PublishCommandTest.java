package io.watasu.publish;

import io.watasu.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Output of one command-line run. */
    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run watasu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path config(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Run publish(Path config, String... extra) {
        List<String> args = new ArrayList<>(List.of("publish", config.toString(), "--repo", urlWithToken,
                "--path", "clusters/prod", "--cache-dir", tmp.resolve("cache").toString()));
        args.addAll(List.of(extra));
        return watasu(args.toArray(String[]::new));
    }

    private void assertNoSecret(Run run) {
        assertFalse(run.all().contains(TOKEN), run.all());
        assertFalse(run.all().contains(GitHttpServer.USER + ":"), run.all());
    }

    @Test
    void firstPublishThenANoOpPublish() throws Exception {
        Path file = config("watasu.yaml", CONFIG);

        Run first = publish(file);

        assertEquals(0, first.exitCode(), first.all());
        assertTrue(first.out().startsWith("published "), first.out());
        assertTrue(first.out().contains("watasu: render 2 teams, 5 apps (+2 teams, +4 apps)"), first.out());
        assertTrue(first.err().contains("watasu: rendering 2 team(s), 5 app(s)"), first.err());
        assertTrue(first.err().contains("watasu: pushing to " + url + " (attempt 1/8)"), first.err());
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

        Run second = publish(file);

        assertEquals(0, second.exitCode(), second.all());
        assertTrue(second.out().startsWith("up to date: " + url + " (branch main, clusters/prod)"), second.out());
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

        Run removal = publish(config("watasu.yaml", CONFIG.replace("""
                      shop-app:
                        processes: { web: bin/shop }
                """, "")));

        assertEquals(0, removal.exitCode(), removal.all());
        assertTrue(removal.out().contains("watasu: render 2 teams, 4 apps (-1 app)"), removal.out());
        List<String> files = CGit.files(bare, "main");
        assertFalse(files.contains("clusters/prod/acme/shop-app.yaml"), files.toString());
        assertTrue(files.containsAll(List.of("README.md", "clusters/prod/NOTES.txt",
                "clusters/prod/acme/api-app.yaml")), files.toString());
        assertTrue(CGit.run(bare, "log", "-1", "--format=%B", "main").contains("Apps removed: acme/shop-app"));
    }

    @Test
    void dryRunListsTheChangesAndPushesNothing() throws Exception {
        Run dry = publish(config("watasu.yaml", CONFIG), "--dry-run");

        assertEquals(0, dry.exitCode(), dry.all());
        assertTrue(dry.out().contains("A clusters/prod/acme/grpc-app.yaml\n"), dry.out());
        assertTrue(dry.out().contains("dry run: would commit \"watasu: render 2 teams, 5 apps (+2 teams, +4 apps)\""),
                dry.out());
        assertNull(CGit.head(bare, "main"));
        assertEquals(0, server.pushRequests());
    }

    @Test
    void wrongCredentialsFailInOneLineAndChangeNothing() throws Exception {
        Run run = watasu("publish", config("watasu.yaml", CONFIG).toString(),
                "--repo", url.replace("http://", "http://" + GitHttpServer.USER + ":wrong-" + TOKEN + "@"),
                "--path", "clusters/prod", "--cache-dir", tmp.resolve("cache").toString());

        assertEquals(3, run.exitCode());
        assertTrue(run.err().endsWith("watasu: error: authentication refused by " + url
                + ": check the credentials in the URL\n"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.contains("error")).count(), run.err());
        assertNoSecret(run);
        assertNull(CGit.head(bare, "main"));
    }

    @Test
    void anUnreachableServerFailsInOneLineAndChangesNothing() throws Exception {
        server.close();

        Run run = publish(config("watasu.yaml", CONFIG));

        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("watasu: error: cannot reach host 127.0.0.1:"), run.err());
        assertTrue(run.err().contains("(connection refused): check the URL and that the server is up"), run.err());
        assertNoSecret(run);
        assertNull(CGit.head(bare, "main"));
    }

    @Test
    void invalidInputIsReportedAndNothingIsPushed() throws Exception {
        Run run = publish(config("broken.yaml", "version: 1\nteams:\n  Acme!: {}\n"));

        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().contains("broken.yaml:3:"), run.err());
        assertEquals(0, server.pushRequests());
    }

    @Test
    void aRepositoryNeedsAnExplicitPath() throws Exception {
        Run run = watasu("publish", config("watasu.yaml", CONFIG).toString(), "--repo", url);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--path is required with --repo"), run.err());
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

        Run run = publish(source.resolve("watasu.yaml"), "--message-trailer", "CI-Run=https://ci.example.com/42",
                "--author-name", "Deploy Bot", "--author-email", "deploy@example.com");

        assertEquals(0, run.exitCode(), run.all());
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
                Future<Run> first = pool.submit(() -> watasu("publish", acme.toString(), "--repo", urlWithToken,
                        "--path", "clusters/one" + suffix, "--cache-dir", tmp.resolve("cache-one").toString()));
                Future<Run> second = pool.submit(() -> watasu("publish", other.toString(), "--repo", urlWithToken,
                        "--path", "clusters/two" + suffix, "--cache-dir", tmp.resolve("cache-two").toString()));
                assertEquals(0, first.get(60, TimeUnit.SECONDS).exitCode(), first.get().all());
                assertEquals(0, second.get(60, TimeUnit.SECONDS).exitCode(), second.get().all());
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

    @Test
    void aTokenFromTheEnvironmentIsUsedAndNeverShownOrStored() throws Exception {
        Path file = config("watasu.yaml", CONFIG);
        Path cache = tmp.resolve("env-cache");

        Run ok = watasuProcess(tmp, Map.of("WATASU_GIT_TOKEN", TOKEN, "WATASU_GIT_USER", GitHttpServer.USER),
                "publish", file.toString(), "--repo", url, "--path", "clusters/prod", "--cache-dir", cache.toString());
        Run refused = watasuProcess(tmp, Map.of("WATASU_GIT_TOKEN", "not-" + TOKEN, "WATASU_GIT_USER",
                GitHttpServer.USER), "publish", config("more.yaml", CONFIG.replace("globex", "hooli")).toString(),
                "--repo", url, "--path", "clusters/prod", "--cache-dir", cache.toString());

        assertEquals(0, ok.exitCode(), ok.all());
        assertEquals(3, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("authentication refused by " + url + ": check WATASU_GIT_TOKEN"),
                refused.err());
        for (Run run : List.of(ok, refused)) {
            assertFalse(run.all().contains(TOKEN), run.all());
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

        Run run = watasuProcess(work, Map.of(), "publish", "watasu.yaml");

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("to .watasu/gitops.git (branch main, clusters/dev)"), run.out());
        assertTrue(run.out().contains("look at it with: git -C .watasu/gitops.git log --stat -1"), run.out());
        assertTrue(CGit.files(work.resolve(".watasu/gitops.git"), "main").containsAll(List.of(
                "clusters/dev/acme/api-app.yaml", "clusters/dev/.watasu/owned.txt")));
        assertEquals(0, watasuProcess(work, Map.of(), "publish", "watasu.yaml").exitCode());
        assertEquals("1", CGit.run(work.resolve(".watasu/gitops.git"), "rev-list", "--count", "main").strip());
    }

    /** The command in its own JVM: for the environment and the working directory, which a JVM cannot change. */
    private Run watasuProcess(Path workDir, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + tmp, "-cp", System.getProperty("java.class.path"), "io.watasu.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("WATASU_GIT_"));
        builder.environment().put("HOME", tmp.toString());
        builder.environment().putAll(environment);
        Path out = tmp.resolve("process.out");
        Path err = tmp.resolve("process.err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "watasu did not finish");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
