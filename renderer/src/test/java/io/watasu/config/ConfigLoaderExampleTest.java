package io.watasu.config;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderExampleTest {
    static final String EXAMPLE = """
            version: 1
            platform:                      # optional; the defaults are shown
              domain: watasuhost.com
              clusterCidrs: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16]
              ingress:   { namespace: ingress-nginx, podLabels: { app.kubernetes.io/name: ingress-nginx }, className: nginx }
              dns:       { namespace: kube-system,   podLabels: { k8s-app: kube-dns } }
            teams:
              acme:                        # team name = namespace name
                apps:
                  grpc-app:                # app names are global
                    processes:
                      web: bundle exec puma                      # short form: the command; port defaults to 5000
                      grpc-tcp: { command: bundle exec grpc_server, port: 50051 }
                    trust: [api-app, billing-app]                # apps allowed to call grpc-app's *-tcp services
                  api-app:
                    processes: { web: node server.js, worker: node worker.js }
                  billing-app:
                    processes: { web: ./billing }
            """;

    private static final List<Team> EXPECTED_TEAMS = List.of(new Team("acme", List.of(
            new App("acme", "grpc-app",
                    List.of(new Process("web", "bundle exec puma", 5000),
                            new Process("grpc-tcp", "bundle exec grpc_server", 50051)),
                    List.of("api-app", "billing-app")),
            new App("acme", "api-app",
                    List.of(new Process("web", "node server.js", 5000), new Process("worker", "node worker.js", 5000)),
                    List.of()),
            new App("acme", "billing-app", List.of(new Process("web", "./billing", 5000)), List.of()))));

    @Test
    void theCommonExampleLoadsIntoTheExpectedModel() {
        LoadResult result = ConfigLoader.parse("watasu.yaml", EXAMPLE);

        assertEquals(List.of(), result.diagnostics());
        assertTrue(result.ok());
        assertEquals(new WatasuConfig(1, Platform.defaults(), EXPECTED_TEAMS), result.config());
    }

    @Test
    void thePlatformSectionIsOptional() {
        String withoutPlatform = EXAMPLE.replaceAll("(?s)platform:.*?\nteams:", "teams:");

        LoadResult result = ConfigLoader.parse("watasu.yaml", withoutPlatform);

        assertEquals(new WatasuConfig(1, Platform.defaults(), EXPECTED_TEAMS), result.config());
    }

    @Test
    void loadReadsAFileAndNamesItInDiagnostics(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, EXAMPLE);

        assertEquals(new WatasuConfig(1, Platform.defaults(), EXPECTED_TEAMS), ConfigLoader.load(file).config());

        Files.writeString(file, "version: 2\nteams: {}\n");
        LoadResult bad = ConfigLoader.load(file);
        assertNull(bad.config());
        assertEquals(List.of(file + ":1:10: error: unsupported version 2: this watasu supports version 1"
                        + " (write the file for version 1, or use the watasu release that supports version 2)"),
                bad.errors().stream().map(Diagnostic::format).toList());
    }
}
