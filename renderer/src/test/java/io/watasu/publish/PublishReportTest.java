package io.watasu.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.watasu.testing.CliRun;
import io.watasu.testing.JsonReports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu publish --format json} against C Git's http-backend on loopback: files, commit and push status. */
class PublishReportTest {
    private static final String TOKEN = "ghp_reportTestToken0123456789";
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
                    processes: { web: node server.js }
            """;

    @TempDir
    Path tmp;
    private GitHttpServer server;
    private Path bare;
    private String url;

    @BeforeEach
    void startServer() throws Exception {
        server = GitHttpServer.start(Files.createDirectories(tmp.resolve("server")), TOKEN);
        bare = server.createBareRepository("gitops");
        url = server.url("gitops");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private JsonNode publish(int expectedExit, String repo, String... extra) throws Exception {
        Path file = tmp.resolve("watasu.yaml");
        if (!Files.exists(file)) {
            Files.writeString(file, CONFIG);
        }
        List<String> args = new java.util.ArrayList<>(List.of("publish", file.toString(), "--repo", repo,
                "--path", "clusters/prod", "--cache-dir", tmp.resolve("cache").toString(), "--format", "json"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertFalse((run.stdout() + run.stderr()).contains(TOKEN));
        return JsonReports.of(run, expectedExit);
    }

    private String withToken() {
        return url.replace("http://", "http://" + GitHttpServer.USER + ":" + TOKEN + "@");
    }

    @Test
    void pushedThenUpToDateThenADryRun() throws Exception {
        JsonNode pushed = publish(0, withToken());
        assertEquals("pushed", pushed.get("push").get("status").asText());
        assertEquals(url, pushed.get("push").get("repository").asText(), "the URL without credentials");
        assertEquals(1, pushed.get("push").get("attempts").asInt());
        assertEquals(CGit.head(bare, "main"), pushed.get("commit").get("id").asText());
        assertTrue(pushed.get("files").get("written").toString().contains("\"clusters/prod/acme/grpc-app.yaml\""),
                pushed.toString());

        JsonNode again = publish(0, withToken());
        assertEquals("up-to-date", again.get("push").get("status").asText());
        assertTrue(again.get("commit").isNull());

        Files.writeString(tmp.resolve("watasu.yaml"), CONFIG.replace("trust: [api-app]", "trust: []"));
        JsonNode dry = publish(0, withToken(), "--dry-run");
        assertEquals("dry-run", dry.get("push").get("status").asText());
        assertTrue(dry.get("commit").get("id").isNull());
        assertEquals("[\"clusters/prod/.watasu/owned.txt\",\"clusters/prod/acme/grpc-app.yaml\"]",
                dry.get("files").get("written").toString());
    }

    @Test
    void aFailedPushIsReportedWithItsKind() throws Exception {
        JsonNode failed = publish(3, url.replace("gitops", "nowhere"));
        assertEquals("failed", failed.get("push").get("status").asText());
        assertEquals("watasu/command", failed.get("diagnostics").get(0).get("check").asText());
        assertFalse(failed.get("push").get("failure").isNull());
        assertFalse(failed.get("ok").asBoolean());
    }

    @Test
    void anInvalidFileIsReportedWithItsDiagnostics() throws Exception {
        Files.writeString(tmp.resolve("watasu.yaml"), CONFIG.replace("trust: [api-app]", "trust: [nobody]"));
        JsonNode invalid = publish(1, withToken());
        assertEquals("config/trust", invalid.get("diagnostics").get(0).get("check").asText());
        assertEquals(9, invalid.get("diagnostics").get(0).get("line").asInt());
        assertTrue(invalid.get("push").get("status").isNull());
    }
}
