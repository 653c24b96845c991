package io.watasu.edit;

import io.watasu.testing.CliRun;
import io.watasu.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu apps:trust} through the real command line wiring ({@link Main#run}). */
class AppsTrustCommandTest {
    private static final String CONFIG = """
            version: 1
            # Payments and their callers.
            teams:
              acme:
                apps:
                  grpc-app:
                    processes:
                      web: bundle exec puma
                      grpc-tcp: { command: bundle exec grpc_server, port: 50051 }   # internal API
                    trust: [api-app]   # reviewed 2026-11
                  api-app:
                    processes: { web: node server.js, worker: node worker.js }
                  billing-app:
                    processes:
                      web: bundle exec puma
              other:
                apps:
                  outsider-app:
                    processes: { web: node server.js }
            """;

    @TempDir
    Path dir;
    private Path file;
    private CliRun last;

    @BeforeEach
    void captureOutput() throws IOException {
        file = dir.resolve("watasu.yaml");
        Files.writeString(file, CONFIG);
    }

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

    @Test
    void anUnknownAppPointsAtTheNearestAppAndSuggestsIt() {
        assertEquals(1, run("apps:trust", "--app", "grpc-ap", "--file", file.toString()));
        assertEquals(file + ":6:7: error: no app named 'grpc-ap' in " + file + "; did you mean 'grpc-app' (declared "
                + "here)? (check the name)\n", stderr());
        assertEquals(1, run("apps:trust", "billing-app", "--app", "grpc-ap", "--file", file.toString()));
        assertTrue(stderr().startsWith(file + ":6:7: error: no app named 'grpc-ap'"), stderr());
        assertEquals(1, run("apps:trust", "--app", "zzz-unrelated", "--file", file.toString()));
        assertTrue(stderr().startsWith(file + ":3:1: error: no app named 'zzz-unrelated' in " + file), stderr());
    }

    @Test
    void addsAnAppAndReportsTheChange() throws IOException {
        assertEquals(0, run("apps:trust", "billing-app", "--app", "grpc-app", "--file", file.toString()), stderr());
        assertEquals(CONFIG.replace("trust: [api-app]   #", "trust: [api-app, billing-app]   #"), Files.readString(file));
        assertEquals("grpc-app now trusts: api-app, billing-app (added billing-app)\n", stdout());
    }

    @Test
    void removesAndClears() throws IOException {
        Files.writeString(file, CONFIG.replace("[api-app]", "[api-app, billing-app]"));
        assertEquals(0, run("apps:trust", "--remove", "api-app", "--app", "grpc-app", "-f", file.toString()), stderr());
        assertEquals(CONFIG.replace("[api-app]", "[billing-app]"), Files.readString(file));
        assertEquals("grpc-app now trusts: billing-app (removed api-app)\n", stdout());
        assertEquals(0, run("apps:trust", "--clear", "--app", "grpc-app", "-f", file.toString()), stderr());
        assertEquals(CONFIG.replace("[api-app]", "[]"), Files.readString(file));
        assertEquals("grpc-app now trusts no other app (removed billing-app)\n", stdout());
    }

    @Test
    void printsTheCurrentList() {
        assertEquals(0, run("apps:trust", "--app", "grpc-app", "--file", file.toString()), stderr());
        assertEquals("grpc-app trusts: api-app\n", stdout());
        assertEquals(0, run("apps:trust", "--app", "api-app", "--file", file.toString()), stderr());
        assertEquals("api-app trusts no other app\n", stdout());
    }

    @Test
    void anUnknownAppIsRefusedWithTheLoadersMessageAndTheFileIsUntouched() throws IOException {
        byte[] before = Files.readAllBytes(file);
        assertEquals(1, run("apps:trust", "no-such-app", "--app", "grpc-app", "--file", file.toString()));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(stderr().startsWith(file + ":10:"), stderr());
        assertTrue(stderr().contains("no-such-app"), stderr());
        assertTrue(stderr().contains("was not changed"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void anAppOfAnotherTeamIsRefusedAndTheFileIsUntouched() throws IOException {
        byte[] before = Files.readAllBytes(file);
        assertEquals(1, run("apps:trust", "outsider-app", "--app", "grpc-app", "--file", file.toString()));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(stderr().contains("outsider-app"), stderr());
    }

    @Test
    void anUnknownTargetAppIsRefused() throws IOException {
        byte[] before = Files.readAllBytes(file);
        assertEquals(1, run("apps:trust", "api-app", "--app", "nope", "--file", file.toString()));
        assertEquals(1, run("apps:trust", "--app", "nope", "--file", file.toString()));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(stderr().contains("no app named 'nope'"), stderr());
    }

    @Test
    void aSharedTrustListIsRefused() throws IOException {
        String shared = CONFIG.replace("trust: [api-app]", "trust: &callers [api-app]")
                .replace("      web: bundle exec puma\n  other", "      web: bundle exec puma\n        trust: *callers\n  other");
        Files.writeString(file, shared);
        assertEquals(1, run("apps:trust", "billing-app", "--app", "grpc-app", "--file", file.toString()));
        assertEquals(shared, Files.readString(file));
        assertTrue(stderr().contains("&callers"), stderr());
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertEquals(2, run("apps:trust", "api-app", "--clear", "--app", "grpc-app", "--file", file.toString()));
        assertEquals(2, run("apps:trust", "api-app", "--file", file.toString()));
        assertEquals(2, run("apps:trust", "api-app", "--remove", "api-app", "--app", "grpc-app", "--file", file.toString()));
        assertEquals(CONFIG, Files.readString(file));
    }

    @Test
    void noChangeLeavesTheFileAlone() throws IOException {
        assertEquals(0, run("apps:trust", "api-app", "--app", "grpc-app", "--file", file.toString()));
        assertEquals(CONFIG, Files.readString(file));
        assertEquals("grpc-app trusts: api-app (unchanged)\n", stdout());
    }

    @Test
    void keepsPermissionsAndLineEndingsAndLeavesNoTemporaryFile() throws IOException {
        String crlf = CONFIG.replace("\n", "\r\n");
        Files.writeString(file, crlf);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(0, run("apps:trust", "billing-app", "--app", "api-app", "--file", file.toString()), stderr());
        String expected = crlf.replace("worker: node worker.js }\r\n", "worker: node worker.js }\r\n        trust: [billing-app]\r\n");
        assertEquals(expected, Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count());
        }
    }

    @Test
    void aMissingFileIsReported() {
        assertEquals(1, run("apps:trust", "--app", "grpc-app", "--file", dir.resolve("missing.yaml").toString()));
        assertTrue(stderr().contains("missing.yaml: file not found"), stderr());
    }
}
