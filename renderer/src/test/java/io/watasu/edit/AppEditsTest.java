package io.watasu.edit;

import io.watasu.model.App;
import io.watasu.model.Process;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** upsertApp and removeApp: exact text, and validated results through {@link CheckedEdits}. */
class AppEditsTest {
    private static final String FILE = "watasu.yaml";
    private static final String CONFIG = """
            version: 1
            teams:
              acme:   # the first customer
                apps:
                  grpc-app:
                    # what runs
                    processes:
                      web: bundle exec puma
                      grpc-tcp: { command: bundle exec grpc_server, port: 50051 }
                    trust: [api-app]
                  api-app:
                    processes: { web: node server.js }

                  # reports, nightly
                  report-app:
                    processes:
                      worker: ruby report.rb
            """;

    private static Map<String, ProcessSpec> processes(Object... nameAndSpec) {
        Map<String, ProcessSpec> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSpec.length; i += 2) {
            m.put((String) nameAndSpec[i], (ProcessSpec) nameAndSpec[i + 1]);
        }
        return m;
    }

    @Test
    void upsertAddsAnAppAfterTheTeamsLastAppInBlockStyle() {
        String after = CONFIG + """
                      new-app:
                        processes:
                          web: "node app.js --port=$PORT: x"
                          events-tcp:
                            command: ./events
                            port: 7000
                """;
        CheckedEdits.Result result = CheckedEdits.upsertApp(FILE, CONFIG, "acme", "new-app",
                processes("web", ProcessSpec.onDefaultPort("node app.js --port=$PORT: x"),
                        "events-tcp", new ProcessSpec("./events", 7000)));
        assertEquals(after, result.text());
        App app = result.config().app("new-app").orElseThrow();
        assertEquals(List.of(new Process("web", "node app.js --port=$PORT: x", 5000), new Process("events-tcp", "./events", 7000)),
                app.processes());
    }

    /** The cluster settings of an app survive an edit of its processes; a metrics port is written with them. */
    @Test
    void upsertKeepsTheApiGrantAndWritesMetricsPorts() {
        String before = """
                version: 1
                platform:
                  scrapers: [{namespace: monitoring, podLabels: {app: prometheus}}]
                  apiServer: {addresses: [10.96.0.1]}
                teams:
                  acme:
                    apps:
                      operator-app:
                        processes:
                          worker: { command: ./operator, port: 5000, metricsPort: 9090 }
                        kubernetesApi: true   # watches CRDs
                """;
        CheckedEdits.Result result = CheckedEdits.upsertApp(FILE, before, "acme", "operator-app",
                processes("worker", new ProcessSpec("./operator --leader-elect", 5000, 9091)));
        assertEquals(before.replace("""
                          worker: { command: ./operator, port: 5000, metricsPort: 9090 }
                """, """
                          worker:
                            command: ./operator --leader-elect
                            port: 5000
                            metricsPort: 9091
                """), result.text());
        App app = result.config().app("operator-app").orElseThrow();
        assertTrue(app.kubernetesApi());
        assertEquals(List.of(new Process("worker", "./operator --leader-elect", 5000, 9091)), app.processes());
        // And a trust edit leaves both alone.
        String trusted = CheckedEdits.setTrust(FILE, result.text(), "operator-app", List.of()).text();
        assertTrue(trusted.contains("metricsPort: 9091") && trusted.contains("kubernetesApi: true   # watches CRDs"),
                trusted);
    }

    @Test
    void upsertReplacesOnlyTheProcessesOfAnExistingApp() {
        String after = CONFIG.replace("""
                        processes:
                          web: bundle exec puma
                          grpc-tcp: { command: bundle exec grpc_server, port: 50051 }
                """, """
                        processes:
                          grpc-tcp:
                            command: bundle exec grpc_server
                            port: 50052
                """);
        assertEquals(after, CheckedEdits.upsertApp(FILE, CONFIG, "acme", "grpc-app",
                processes("grpc-tcp", new ProcessSpec("bundle exec grpc_server", 50052))).text());
    }

    @Test
    void upsertIntoAFlowMappingStaysFlow() {
        String after = CONFIG.replace("processes: { web: node server.js }", "processes: {web: node server.js, worker: node w.js}");
        assertEquals(after, CheckedEdits.upsertApp(FILE, CONFIG, "acme", "api-app",
                processes("web", ProcessSpec.onDefaultPort("node server.js"), "worker", ProcessSpec.onDefaultPort("node w.js"))).text());
        String flowFile = "version: 1\nteams: {acme: {apps: {a: {processes: {web: x}}}}}\n";
        assertEquals("version: 1\nteams: {acme: {apps: {a: {processes: {web: x}}, b: {processes: {web: y}}}}}\n",
                WatasuYamlEditor.upsertApp(FILE, flowFile, "acme", "b", processes("web", ProcessSpec.onDefaultPort("y"))));
    }

    @Test
    void upsertCreatesAMissingTeamWithTheFilesIndentation() {
        String fourSpaces = "version: 1\r\nteams:\r\n    acme:\r\n        apps:\r\n            a:\r\n                processes: {web: x}";
        String after = fourSpaces + "\r\n    beta:\r\n        apps:\r\n            b:\r\n                processes:\r\n"
                + "                    web: y";
        assertEquals(after, CheckedEdits.upsertApp(FILE, fourSpaces, "beta", "b",
                processes("web", ProcessSpec.onDefaultPort("y"))).text());
    }

    @Test
    void upsertFillsEmptyTeamsAndApps() {
        assertEquals("version: 1\nteams:   # none yet\n  acme:\n    apps:\n      a:\n        processes:\n          web: x\n",
                WatasuYamlEditor.upsertApp(FILE, "version: 1\nteams:   # none yet\n", "acme", "a",
                        processes("web", ProcessSpec.onDefaultPort("x"))));
        assertEquals("version: 1\nteams:\n  acme:\n    apps: {a: {processes: {web: x}}}\n",
                WatasuYamlEditor.upsertApp(FILE, "version: 1\nteams:\n  acme:\n    apps: {}\n", "acme", "a",
                        processes("web", ProcessSpec.onDefaultPort("x"))));
        assertEquals("version: 1\nteams:\n  acme:\n    apps:\n      a:\n        processes:\n          web: x\n",
                WatasuYamlEditor.upsertApp(FILE, "version: 1\nteams:\n  acme:\n    apps:\n", "acme", "a",
                        processes("web", ProcessSpec.onDefaultPort("x"))));
        assertEquals("version: 1\nteams:\n  acme:\n    apps:\n      a:\n        processes:\n          web: x",
                WatasuYamlEditor.upsertApp(FILE, "version: 1", "acme", "a",
                        processes("web", ProcessSpec.onDefaultPort("x"))));
    }

    @Test
    void upsertRefusesAnAppNameTakenByAnotherTeam() {
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> WatasuYamlEditor.upsertApp(FILE, CONFIG,
                "beta", "api-app", processes("web", ProcessSpec.onDefaultPort("x"))));
        assertTrue(e.getMessage().startsWith("watasu.yaml:11:7: error: app 'api-app' already exists in team 'acme'"),
                e.getMessage());
        assertEquals("teams.acme.apps.api-app", e.diagnostics().get(0).subject());
    }

    @Test
    void upsertRefusedByTheLoaderLeavesNothing() {
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> CheckedEdits.upsertApp(FILE, CONFIG,
                "acme", "Bad_Name", processes("web", ProcessSpec.onDefaultPort("x"))));
        assertTrue(e.getMessage().contains("Bad_Name"), e.getMessage());
    }

    @Test
    void removeDeletesTheAppsLinesAndKeepsCommentsAbove() {
        String after = CONFIG.replace("      report-app:\n        processes:\n          worker: ruby report.rb\n", "");
        assertTrue(after.endsWith("\n\n      # reports, nightly\n"));
        assertEquals(after, CheckedEdits.removeApp(FILE, CONFIG, "report-app").text());
        String withoutApi = CONFIG.replace("      api-app:\n        processes: { web: node server.js }\n", "");
        assertTrue(withoutApi.length() < CONFIG.length());
        assertEquals(withoutApi, WatasuYamlEditor.removeApp(FILE, CONFIG, "api-app"));
    }

    @Test
    void removeRefusesWhenAnotherAppStillTrustsIt() {
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> CheckedEdits.removeApp(FILE, CONFIG, "api-app"));
        assertTrue(e.getMessage().contains("api-app"), e.getMessage());
    }

    @Test
    void removeTheLastAppLeavesAnEmptyMapping() {
        String one = "version: 1\nteams:\n  acme:\n    apps:\n      a:\n        processes: {web: x}\n  beta:\n    apps: {b: {processes: {web: y}}, c: {}}\n";
        assertEquals("version: 1\nteams:\n  acme:\n    apps: {}\n  beta:\n    apps: {b: {processes: {web: y}}, c: {}}\n",
                WatasuYamlEditor.removeApp(FILE, one, "a"));
        assertEquals("version: 1\nteams:\n  acme:\n    apps:\n      a:\n        processes: {web: x}\n  beta:\n    apps: {c: {}}\n",
                WatasuYamlEditor.removeApp(FILE, one, "b"));
        assertEquals("version: 1\nteams:\n  acme:\n    apps:\n      a:\n        processes: {web: x}\n  beta:\n    apps: {b: {processes: {web: y}}}\n",
                WatasuYamlEditor.removeApp(FILE, one, "c"));
    }

    @Test
    void removingAnAppWhoseAnchorIsUsedElsewhereIsRefused() {
        String text = "teams:\n  t:\n    apps:\n      a: {trust: &l [b]}\n      b: {trust: *l}\n";
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> WatasuYamlEditor.removeApp(FILE, text, "a"));
        assertTrue(e.getMessage().contains("the alias *l refers to no anchor"), e.getMessage());
    }

    @Test
    void sharedProcessesAreRefusedAndAnAliasIsReplacedInPlace() {
        String shared = "teams:\n  t:\n    apps:\n      a:\n        processes: &p {web: y}\n      b:\n        processes: *p\n";
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> WatasuYamlEditor.upsertApp(FILE, shared,
                "t", "a", processes("web", ProcessSpec.onDefaultPort("z"))));
        assertTrue(e.getMessage().startsWith("watasu.yaml:5:20: error: the processes mapping of app 'a' is anchored as &p"),
                e.getMessage());
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        processes: &p {web: y}\n      b:\n        processes:\n          web: z\n",
                WatasuYamlEditor.upsertApp(FILE, shared, "t", "b", processes("web", ProcessSpec.onDefaultPort("z"))));
    }
}
