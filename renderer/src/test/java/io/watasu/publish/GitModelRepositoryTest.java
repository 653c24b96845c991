package io.watasu.publish;

import io.watasu.config.ConfigLoader;
import io.watasu.edit.ProcessSpec;
import io.watasu.model.WatasuConfig;
import io.watasu.store.ChangeRejectedException;
import io.watasu.store.GitModelRepository;
import io.watasu.store.GitModelRepository.MissingFile;
import io.watasu.store.ModelChange;
import io.watasu.store.ModelRepository;
import io.watasu.store.RepositoryException;
import io.watasu.store.RepositorySettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared Git-edit transaction of {@code apps:trust --repo} and the Terraform provider, against C Git over HTTP. */
class GitModelRepositoryTest {
    private static final String TOKEN = "model-token-0123456789";
    static final String MODEL = """
            version: 1
            # Reviewed by the platform team.
            teams:
              acme:
                apps:
                  grpc-app:
                    processes:
                      web: bundle exec puma
                      grpc-tcp: { command: bundle exec grpc_server, port: 50051 }
                    trust: [api-app]   # keep short
                  api-app:
                    processes: { web: node server.js }
                  billing-app:
                    processes: { web: bundle exec puma }
              globex:
                apps:
                  meet-app:
                    processes: { web: ./meet }
            """;

    @TempDir
    Path tmp;
    private GitHttpServer server;
    private Path bare;

    @BeforeEach
    void startServer() throws Exception {
        server = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")), TOKEN);
        bare = server.createBareRepository("config");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private GitModelRepository repository(String cache, MissingFile missingFile, Consumer<String> progress) {
        return new GitModelRepository(new RepositorySettings(server.url("config"), "main", "watasu.yaml", null,
                GitCredentials.userPassword(GitHttpServer.USER, TOKEN, "the test token"), "Tester", "t@example.com",
                tmp.resolve("cache-" + cache)), missingFile, progress);
    }

    /** Commits files to main of the bare repository with C Git, as a person would. */
    static void seed(Path tmp, Path bare, Map<String, String> files) throws Exception {
        Path work = Files.createTempDirectory(tmp, "seed");
        CGit.run(work, "clone", "--quiet", bare.toString(), ".");
        CGit.run(work, "checkout", "--quiet", "-B", "main");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            if (file.getValue().startsWith("->")) {
                Files.createSymbolicLink(path, Path.of(file.getValue().substring(2)));
            } else {
                Files.writeString(path, file.getValue());
            }
        }
        CGit.run(work, "add", "-A");
        CGit.run(work, "commit", "--quiet", "-m", "seed");
        CGit.run(work, "push", "--quiet", "origin", "main");
    }

    private static WatasuConfig load(String text) {
        var result = ConfigLoader.parse("watasu.yaml", text);
        assertTrue(result.ok(), () -> result.errors() + "\n" + text);
        return result.config();
    }

    @Test
    void anEmptyRepositoryGetsTheBranchAndACompleteFileWithTheFirstChange() throws Exception {
        ModelRepository repository = repository("a", MissingFile.START_EMPTY, line -> { });
        assertEquals(List.of(), repository.head().config().teams());

        ModelRepository.Landed landed = repository.commit(new ModelChange.UpsertApp("acme", "grpc-app",
                Map.of("web", new ProcessSpec("bundle exec puma", 5000))));

        assertTrue(landed.committed());
        String file = CGit.show(bare, "main", "watasu.yaml");
        assertEquals("""
                version: 1
                teams:
                  acme:
                    apps:
                      grpc-app:
                        processes:
                          web: bundle exec puma
                """, file);
        assertEquals("1", CGit.run(bare, "rev-list", "--count", "main").strip());
        assertEquals("Set app grpc-app of team acme\n", CGit.run(bare, "log", "-1", "--format=%B", "main").strip() + "\n");
        assertEquals(landed.head().commit(), CGit.head(bare, "main"));
    }

    @Test
    void aMissingFileIsRefusedWhenTheCallerEditsAnExistingModel() throws Exception {
        seed(tmp, bare, Map.of("README.md", "config\n"));
        RepositoryException missing = assertThrows(RepositoryException.class, () -> repository("a", MissingFile.REFUSE,
                line -> { }).commit(new ModelChange.AmendTrust("grpc-app", List.of("api-app"), List.of())));
        assertEquals("watasu.yaml does not exist on branch main of " + server.url("config")
                + " (check the file and branch)", missing.getMessage());
        assertEquals(List.of("README.md"), CGit.files(bare, "main"));
    }

    @Test
    void aTrustChangeIsOneCommitThatSaysWhatChangedAndKeepsEveryOtherByte() throws Exception {
        seed(tmp, bare, Map.of("watasu.yaml", MODEL, "clusters/prod/README", "rendered here\n"));
        ModelRepository.Landed landed = repository("a", MissingFile.REFUSE, line -> { })
                .commit(new ModelChange.AmendTrust("grpc-app", List.of("billing-app"), List.of()));
        assertEquals("grpc-app trusts api-app, billing-app (added billing-app)", landed.subject());
        assertEquals(MODEL.replace("[api-app]   #", "[api-app, billing-app]   #"),
                CGit.show(bare, "main", "watasu.yaml"));
        assertEquals("grpc-app trusts api-app, billing-app (added billing-app)\n",
                CGit.run(bare, "log", "-1", "--format=%B", "main").strip() + "\n");
        assertEquals("M\twatasu.yaml\n", CGit.run(bare, "diff", "--name-status", "main~1", "main"));

        // Asking again changes nothing and makes no commit.
        ModelRepository.Landed again = repository("b", MissingFile.REFUSE, line -> { })
                .commit(new ModelChange.AmendTrust("grpc-app", List.of("billing-app"), List.of()));
        assertFalse(again.committed());
        assertEquals("2", CGit.run(bare, "rev-list", "--count", "main").strip());
    }

    @Test
    void anInvalidChangeIsRejectedWithTheLoadersFindingAndPushesNothing() throws Exception {
        seed(tmp, bare, Map.of("watasu.yaml", MODEL));
        String before = CGit.head(bare, "main");
        ChangeRejectedException crossTeam = assertThrows(ChangeRejectedException.class, () -> repository("a",
                MissingFile.REFUSE, line -> { }).commit(new ModelChange.AmendTrust("grpc-app", List.of("meet-app"),
                List.of())));
        assertTrue(crossTeam.errors().get(0).format().matches("watasu\\.yaml:\\d+:\\d+: error: .*meet-app.*"),
                crossTeam.errors().toString());
        assertThrows(ChangeRejectedException.class, () -> repository("a", MissingFile.REFUSE, line -> { })
                .commit(new ModelChange.SetTrust("nope-app", Set.of())));
        assertEquals(before, CGit.head(bare, "main"));
    }

    @Test
    void twoWritersOnTheSameHeadBothLandAndNeitherLosesTheOthersChange() throws Exception {
        seed(tmp, bare, Map.of("watasu.yaml", MODEL));
        // Both edits are made on the same head before either pushes, so one push loses the race and is redone.
        CyclicBarrier bothCommitted = new CyclicBarrier(2);
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ModelRepository.Landed>> results = new ArrayList<>();
            for (String writer : List.of("one", "two")) {
                AtomicBoolean first = new AtomicBoolean(true);
                Consumer<String> racing = line -> {
                    progress.add(writer + ": " + line);
                    if (line.startsWith("committing") && first.getAndSet(false)) {
                        try {
                            bothCommitted.await(20, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                ModelChange change = writer.equals("one")
                        ? new ModelChange.AmendTrust("grpc-app", List.of("billing-app"), List.of())
                        : new ModelChange.AmendTrust("grpc-app", List.of(), List.of("api-app"));
                results.add(pool.submit(() -> repository(writer, MissingFile.REFUSE, racing).commit(change)));
            }
            for (Future<ModelRepository.Landed> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS).committed());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(progress.stream().anyMatch(line -> line.contains("push rejected")), progress::toString);
        assertEquals(List.of("billing-app"), load(CGit.show(bare, "main", "watasu.yaml")).app("grpc-app")
                .orElseThrow().trust());
        assertEquals("3", CGit.run(bare, "rev-list", "--count", "main").strip());
    }

    @Test
    void aModelBehindASymbolicLinkIsNeverReadOrWritten() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.yaml"), MODEL);
        seed(tmp, bare, Map.of("watasu.yaml", "->" + outside));
        RepositoryException refused = assertThrows(RepositoryException.class, () -> repository("a",
                MissingFile.START_EMPTY, line -> { }).commit(new ModelChange.AmendTrust("grpc-app",
                List.of("billing-app"), List.of())));
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
        assertEquals(MODEL, Files.readString(outside));
    }

    @Test
    void theFileMustBeInsideTheRepository() {
        for (String file : List.of("../watasu.yaml", "/etc/watasu.yaml", ".git/config", "a/.GIT/x", "a//b", "")) {
            assertThrows(RepositoryException.class, () -> new RepositorySettings("x", "main", file, null,
                    GitCredentials.none(), "a", "b", tmp), file);
        }
        assertNull(new RepositorySettings("x", "main", "platform/watasu.yaml", null, GitCredentials.none(), "a", "b",
                tmp).renderPath());
    }
}
