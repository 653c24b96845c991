package io.watasu.edit;

import io.watasu.config.Diagnostic;
import io.watasu.model.App;
import io.watasu.store.ModelChange;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clusters an app runs on: setClusters, and upsertApp with clusters through {@link CheckedEdits}. */
class AppClustersEditTest {
    private static final String FILE = "watasu.yaml";
    private static final String FLEET = """
            version: 1
            clusters:
              staging: { server: https://kubernetes.default.svc, labels: { env: staging } }
              eu-prod: { server: https://eu-prod.example.com:6443, labels: { env: prod } }
              us-prod: { name: us-prod, labels: { env: prod } }
            teams:
              acme:
                clusters: [staging, eu-prod]   # not in the US yet
                apps:
                  grpc-app:
                    processes:
                      grpc-tcp: { command: ./grpc, port: 50051 }
                    trust: [api-app]
                  api-app:
                    processes: { web: node server.js }
                    clusters:
                      - eu-prod   # production only
                  report-app: { processes: { worker: ./report }, clusters: [staging] }
              globex:
                apps:
                  globex-app:
                    processes: { web: python app.py }
            """;
    private static final Map<String, ProcessSpec> GRPC = Map.of("grpc-tcp", new ProcessSpec("./grpc", 50051));

    private static CheckedEdits.Result upsert(String text, String team, String app, Map<String, ProcessSpec> processes,
                                              String... clusters) {
        return CheckedEdits.upsertApp(FILE, text, team, app, new LinkedHashMap<>(processes), List.of(clusters));
    }

    @Test
    void listingClustersAddsTheKeyAfterTheAppsLastKey() {
        CheckedEdits.Result result = upsert(FLEET, "acme", "grpc-app", GRPC, "eu-prod");
        assertEquals(FLEET.replace("    trust: [api-app]\n", "    trust: [api-app]\n        clusters: [eu-prod]\n"),
                result.text());
        assertEquals(List.of("eu-prod"), result.config().app("grpc-app").orElseThrow().clusters());
    }

    @Test
    void aBlockListKeepsItsEntriesAndCommentsAndGrowsAtItsEnd() {
        String after = upsert(FLEET, "acme", "api-app", Map.of("web", ProcessSpec.onDefaultPort("node server.js")),
                "eu-prod", "staging").text();
        assertEquals(FLEET.replace("      - eu-prod   # production only\n",
                "      - eu-prod   # production only\n          - staging\n"), after);
    }

    @Test
    void noClustersRemovesTheKeyInBlockAndInFlowStyle() {
        String block = WatasuYamlEditor.setClusters(FILE, FLEET, "api-app", List.of());
        assertEquals(FLEET.replace("        clusters:\n          - eu-prod   # production only\n", ""), block);
        String flow = WatasuYamlEditor.setClusters(FILE, FLEET, "report-app", List.of());
        assertEquals(FLEET.replace("{ processes: { worker: ./report }, clusters: [staging] }",
                "{ processes: { worker: ./report } }"), flow);
        assertEquals(FLEET, WatasuYamlEditor.setClusters(FILE, FLEET, "grpc-app", List.of()), "nothing to remove");
    }

    @Test
    void aNewAppIsWrittenWithItsClusters() {
        CheckedEdits.Result result = upsert(FLEET, "acme", "new-app",
                Map.of("web", ProcessSpec.onDefaultPort("./web")), "staging");
        App app = result.config().app("new-app").orElseThrow();
        assertEquals(List.of("staging"), app.clusters());
        assertTrue(result.text().contains("""
                      new-app:
                        processes:
                          web: ./web
                        clusters: [staging]
                """), result.text());
        assertEquals(List.of(), WatasuYamlEditor.readClusters(FILE, FLEET, "new-app"), "not there yet");
        assertEquals(List.of("eu-prod"), WatasuYamlEditor.readClusters(FILE, FLEET, "api-app"));
    }

    /** The whole fleet (clusters, each team's placement) is part of what an edit must leave as it was. */
    @Test
    void editsOfAFleetFileLeaveTheFleetAndTheTeamsPlacementsAlone() {
        CheckedEdits.Result processesOnly = CheckedEdits.upsertApp(FILE, FLEET, "acme", "grpc-app",
                Map.of("grpc-tcp", new ProcessSpec("./grpc", 50052)));
        assertEquals(List.of("staging", "eu-prod"), processesOnly.config().team("acme").orElseThrow().clusters());
        assertEquals(3, processesOnly.config().fleet().clusters().size());
        CheckedEdits.Result removed = CheckedEdits.removeApp(FILE, FLEET, "report-app");
        assertTrue(removed.config().app("report-app").isEmpty());
        CheckedEdits.Result trust = CheckedEdits.setTrust(FILE, FLEET, "grpc-app", List.of());
        assertEquals(List.of(), trust.config().app("grpc-app").orElseThrow().trust());
    }

    @Test
    void theChangeKeepsListedClustersInPlaceAndSortsNewOnes() {
        ModelChange.Edit edit = new ModelChange.UpsertApp("acme", "api-app",
                Map.of("web", ProcessSpec.onDefaultPort("node server.js")), Set.of("staging", "eu-prod")).applyTo(FILE, FLEET);
        assertTrue(edit.text().contains("      - eu-prod   # production only\n          - staging\n"), edit.text());
        assertEquals("Set app api-app of team acme on clusters eu-prod, staging", edit.subject());
        ModelChange.Edit unplaced = new ModelChange.UpsertApp("acme", "api-app",
                Map.of("web", ProcessSpec.onDefaultPort("node server.js"))).applyTo(FILE, FLEET);
        assertTrue(!unplaced.text().contains("production only"), unplaced.text());
        assertEquals("Set app api-app of team acme", unplaced.subject());
    }

    @Test
    void anUnknownClusterIsRefusedWithTheNearestName() {
        Diagnostic error = refused(() -> upsert(FLEET, "acme", "grpc-app", GRPC, "eu-prd"));
        assertTrue(error.message().contains("unknown cluster 'eu-prd'"), error.message());
        assertTrue(error.fix().contains("did you mean 'eu-prod'?"), error.fix());
        assertEquals("teams.acme.apps.grpc-app.clusters[0]", error.subject());
    }

    @Test
    void aClusterTheTeamDoesNotRunOnIsRefused() {
        Diagnostic error = refused(() -> upsert(FLEET, "acme", "grpc-app", GRPC, "us-prod"));
        assertTrue(error.message().contains("where its team 'acme' does not run"), error.message());
    }

    /** grpc-app trusts api-app, which runs on eu-prod only: grpc-app on staging alone would share no cluster. */
    @Test
    void placingAnAppAwayFromTheAppsItTrustsIsRefusedAtTheGrant() {
        Diagnostic error = refused(() -> upsert(FLEET, "acme", "grpc-app", GRPC, "staging"));
        assertTrue(error.message().contains("trusts 'api-app', but they share no cluster"), error.message());
        assertEquals("teams.acme.apps.grpc-app.trust[0]", error.subject());
        String grpcInEurope = upsert(FLEET, "acme", "grpc-app", GRPC, "eu-prod").text();
        Diagnostic other = refused(() -> upsert(grpcInEurope, "acme", "api-app",
                Map.of("web", ProcessSpec.onDefaultPort("node server.js")), "staging"));
        assertTrue(other.message().contains("share no cluster"), "an edit of the trusted app is checked too");
    }

    @Test
    void aFileWithoutClustersRefusesAListAndTakesNoneAsBefore() {
        String single = "version: 1\nteams:\n  acme:\n    apps:\n      a: { processes: { web: ./a } }\n";
        Diagnostic error = refused(() -> upsert(single, "acme", "a", Map.of("web", ProcessSpec.onDefaultPort("./a")),
                "staging"));
        assertTrue(error.message().contains("lists clusters, but the file declares none"), error.message());
        assertEquals(single, upsert(single, "acme", "a", Map.of("web", ProcessSpec.onDefaultPort("./a"))).text());
    }

    @Test
    void aSharedListIsNeverEditedThroughItsAnchor() {
        String shared = FLEET.replace("clusters: [staging]", "clusters: &prod [eu-prod]")
                .replace("      globex-app:\n", "      globex-app:\n        clusters: *prod\n")
                .replace("  globex:\n", "  globex:\n    clusters: [eu-prod]\n");
        EditRefusedException e = assertThrows(EditRefusedException.class,
                () -> WatasuYamlEditor.setClusters(FILE, shared, "report-app", List.of("staging")));
        assertTrue(e.diagnostics().get(0).message().contains("anchored as &prod"), e.diagnostics().get(0).message());
        assertEquals(shared, WatasuYamlEditor.setClusters(FILE, shared, "globex-app", List.of("eu-prod")),
                "an alias that already says it stays");
        CheckedEdits.Result processes = upsert(shared, "acme", "report-app",
                Map.of("worker", ProcessSpec.onDefaultPort("./report --nightly")), "eu-prod");
        assertTrue(processes.text().contains("clusters: &prod [eu-prod]"), "the processes change, the shared list stays");
    }

    private static Diagnostic refused(Runnable edit) {
        EditRefusedException e = assertThrows(EditRefusedException.class, edit::run);
        return e.diagnostics().get(0);
    }
}
