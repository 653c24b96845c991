package io.watasu.publish;

import io.watasu.testing.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.watasu.publish.GitModelRepositoryTest.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code watasu apps:trust --commit} in a local work tree and {@code --repo} against C Git's http-backend on
 * loopback, through the real command line; C Git checks what landed.
 */
class AppsTrustGitTest {
    private static final String TOKEN = "ghp_trustTestToken0123456789";
    private static final String ADDED = MODEL.replace("[api-app]   #", "[api-app, billing-app]   #");

    @TempDir
    Path tmp;
    private GitHttpServer server;
    private Path bare;
    private String urlWithToken;

    @BeforeEach
    void startServer() throws Exception {
        server = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")), TOKEN);
        bare = server.createBareRepository("config");
        urlWithToken = server.url("config").replace("http://", "http://" + GitHttpServer.USER + ":" + TOKEN + "@");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private CliRun trust(String... args) {
        List<String> all = new ArrayList<>(List.of("apps:trust"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun trustInRepo(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", urlWithToken, "--cache-dir", tmp.resolve("cache").toString()));
        return trust(all.toArray(String[]::new));
    }

    /** A work tree with watasu.yaml committed, another file staged and a third one changed but not staged. */
    private Path workTree() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        CGit.run(work, "init", "--quiet", "--initial-branch=main");
        Files.writeString(work.resolve("watasu.yaml"), MODEL);
        Files.writeString(work.resolve("notes.md"), "notes\n");
        Files.writeString(work.resolve("todo.md"), "todo\n");
        CGit.run(work, "add", "-A");
        CGit.run(work, "commit", "--quiet", "-m", "start");
        Files.writeString(work.resolve("notes.md"), "notes, staged\n");
        CGit.run(work, "add", "notes.md");
        Files.writeString(work.resolve("todo.md"), "todo, not staged\n");
        return work;
    }

    @Test
    void commitCommitsTheFileAloneAndLeavesTheUsersOtherChangesAsTheyWere() throws Exception {
        Path work = workTree();
        CliRun run = trust("billing-app", "--app", "grpc-app", "--commit", "--file", work.resolve("watasu.yaml").toString());

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(ADDED, Files.readString(work.resolve("watasu.yaml")));
        assertEquals("grpc-app trusts api-app, billing-app (added billing-app)",
                CGit.run(work, "log", "-1", "--format=%s").strip());
        assertEquals("watasu.yaml", CGit.run(work, "show", "--name-only", "--format=", "HEAD").strip());
        assertEquals(ADDED, CGit.run(work, "show", "HEAD:watasu.yaml"));
        // The staged file is still staged (and not committed), the unstaged change still unstaged.
        assertEquals("M  notes.md\n M todo.md\n", CGit.run(work, "status", "--porcelain"));
        assertEquals("notes, staged\n", CGit.run(work, "show", ":notes.md"));
        assertTrue(run.stdout().startsWith("grpc-app now trusts: api-app, billing-app (added billing-app)\ncommitted "),
                run.stdout());
        assertFalse(run.stderr().contains("next:"), run.stderr());
    }

    @Test
    void commitIsRefusedBeforeAnyEditWhenItCannotCommitTheFileAlone() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(outside.resolve("watasu.yaml"), MODEL);
        CliRun notInWorkTree = trust("billing-app", "--app", "grpc-app", "--commit", "-f",
                outside.resolve("watasu.yaml").toString());
        assertEquals(1, notInWorkTree.exitCode());
        assertTrue(notInWorkTree.stderr().contains("is not in a Git work tree"), notInWorkTree.stderr());
        assertEquals(MODEL, Files.readString(outside.resolve("watasu.yaml")));

        Path work = workTree();
        String handEdited = MODEL.replace("# keep short", "# keep it short");
        Files.writeString(work.resolve("watasu.yaml"), handEdited);
        CliRun dirty = trust("billing-app", "--app", "grpc-app", "--commit", "-f", work.resolve("watasu.yaml").toString());
        assertEquals(1, dirty.exitCode());
        assertTrue(dirty.stderr().contains("has uncommitted changes of its own"), dirty.stderr());
        assertEquals(handEdited, Files.readString(work.resolve("watasu.yaml")));
        assertEquals("1", CGit.run(work, "rev-list", "--count", "HEAD").strip());
    }

    @Test
    void withoutCommitOrRepoTheNextStepIsPrinted() throws Exception {
        Path work = workTree();
        CliRun run = trust("billing-app", "--app", "grpc-app", "-f", work.resolve("watasu.yaml").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("grpc-app now trusts: api-app, billing-app (added billing-app)\n", run.stdout());
        assertTrue(run.stderr().contains("watasu: next: commit the change and open a pull request, e.g. git commit -m "
                + "'grpc-app trusts api-app, billing-app (added billing-app)' -- "), run.stderr());
        assertEquals("1", CGit.run(work, "rev-list", "--count", "HEAD").strip());
    }

    @Test
    void repoChangesTheRepositoryDirectlyInOnePushedCommit() throws Exception {
        GitModelRepositoryTest.seed(tmp, bare, Map.of("watasu.yaml", MODEL, "clusters/prod/README", "x\n"));

        CliRun shown = trustInRepo("--app", "grpc-app");
        assertEquals(0, shown.exitCode(), shown.stderr());
        assertEquals("grpc-app trusts: api-app\n", shown.stdout());

        CliRun added = trustInRepo("billing-app", "--app", "grpc-app");
        assertEquals(0, added.exitCode(), added.stderr());
        assertEquals(ADDED, CGit.show(bare, "main", "watasu.yaml"));
        assertEquals("grpc-app trusts api-app, billing-app (added billing-app)",
                CGit.run(bare, "log", "-1", "--format=%s", "main").strip());
        assertTrue(added.stdout().contains("pushed " + CGit.head(bare, "main").substring(0, 12) + " to "
                + server.url("config") + " (branch main, watasu.yaml)"), added.stdout());

        CliRun removed = trustInRepo("--remove", "api-app,billing-app", "--app", "grpc-app");
        assertEquals(0, removed.exitCode(), removed.stderr());
        assertEquals("grpc-app trusts no other app (removed api-app, billing-app)",
                CGit.run(bare, "log", "-1", "--format=%s", "main").strip());
        for (CliRun run : List.of(shown, added, removed)) {
            assertFalse((run.stdout() + run.stderr()).contains(TOKEN), "the token is never printed");
        }
    }

    @Test
    void repoRefusesAnInvalidChangeAndPushesNothing() throws Exception {
        GitModelRepositoryTest.seed(tmp, bare, Map.of("watasu.yaml", MODEL));
        String head = CGit.head(bare, "main");
        CliRun crossTeam = trustInRepo("meet-app", "--app", "grpc-app");
        assertEquals(1, crossTeam.exitCode());
        assertTrue(crossTeam.stderr().matches("(?s).*\nwatasu\\.yaml:\\d+:\\d+: error: [^\n]*meet-app.*nothing was pushed.*"),
                crossTeam.stderr());
        CliRun typo = trustInRepo("--app", "grpc-ap");
        assertEquals(1, typo.exitCode());
        assertTrue(typo.stderr().contains("did you mean 'grpc-app'"), typo.stderr());
        CliRun missingFile = trustInRepo("--app", "grpc-app", "--file", "platform/watasu.yaml");
        assertEquals(3, missingFile.exitCode());
        assertTrue(missingFile.stderr().contains("platform/watasu.yaml does not exist on branch main"),
                missingFile.stderr());
        assertEquals(head, CGit.head(bare, "main"));
    }

    @Test
    void repoRedoesTheEditOnTheNewHeadWhenAnotherWriterPushedFirst() throws Exception {
        GitModelRepositoryTest.seed(tmp, bare, Map.of("watasu.yaml", MODEL));
        // The other writer: a commit that adds report-app, which the server makes the branch head just before the
        // first push of this command lands, so that push loses the race.
        Path other = Files.createTempDirectory(tmp, "other");
        CGit.run(other, "clone", "--quiet", bare.toString(), ".");
        Files.writeString(other.resolve("watasu.yaml"), MODEL.replace("  globex:\n",
                "      report-app:\n        processes: { worker: ./report }\n  globex:\n"));
        CGit.run(other, "commit", "--quiet", "-am", "Add report-app");
        CGit.run(other, "push", "--quiet", "origin", "HEAD:refs/heads/other-writer");
        Path hook = bare.resolve("hooks").resolve("pre-receive");
        Files.writeString(hook, """
                #!/bin/sh
                cat >/dev/null
                # Ref updates are not allowed from inside the push's quarantine; the other writer is not in it.
                if [ ! -e raced ]; then
                  touch raced
                  env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/other-writer
                fi
                exit 0
                """);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun run = trustInRepo("billing-app", "--app", "grpc-app");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("push rejected"), run.stderr());
        String landed = CGit.show(bare, "main", "watasu.yaml");
        assertTrue(landed.contains("report-app:"), "the other writer's change is kept:\n" + landed);
        assertTrue(landed.contains("trust: [api-app, billing-app]"), landed);
        assertEquals("Add report-app", CGit.run(bare, "log", "-1", "--format=%s", "main~1").strip());
    }

    @Test
    void repoAndCommitDoNotMix() {
        assertEquals(2, trust("x", "--app", "grpc-app", "--commit", "--repo", "https://example.com/c.git").exitCode());
        assertEquals(2, trust("x", "--app", "grpc-app", "--branch", "prod").exitCode());
    }
}
