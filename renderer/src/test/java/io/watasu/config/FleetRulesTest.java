package io.watasu.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of a fleet: clusters, rollout steps, placements, trust across clusters, each cluster's platform. */
class FleetRulesTest {
    private static final String CLUSTERS = """
            version: 1
            clusters:
              staging: { server: https://kubernetes.default.svc, labels: { env: staging } }
              eu-prod: { server: https://eu.example.com:6443, labels: { env: prod } }
              us-prod: { name: us-prod, labels: { env: prod } }
            """;

    private static List<String> findings(String yaml) {
        return ConfigLoader.parse("f.yaml", yaml).diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void aValidFleetLoads() {
        LoadResult result = ConfigLoader.parse("f.yaml", CLUSTERS + """
                rollout: [ { matchLabels: { env: staging } }, { matchLabels: { env: prod } } ]
                teams:
                  acme:
                    clusters: [staging, eu-prod]
                    apps:
                      grpc-app: { clusters: [eu-prod], processes: { db-tcp: x }, trust: [api-app] }
                      api-app: { processes: { web: y } }
                """);
        assertEquals(List.of(), result.diagnostics());
        assertEquals(3, result.config().fleet().clusters().size());
        assertEquals(List.of("eu-prod"), result.config().app("grpc-app").orElseThrow().clusters());
    }

    @Test
    void trustingAnAppThatSharesNoClusterIsAnErrorWithItsPositionAndFix() {
        assertEquals(List.of("f.yaml:10:74: error: app 'grpc-app' trusts 'api-app', but they share no cluster"
                        + " ('grpc-app' runs on eu-prod; 'api-app' on staging): nothing crosses clusters, so the grant"
                        + " could never apply (run both apps on a common cluster, or remove the entry)"),
                findings(CLUSTERS + """
                        teams:
                          acme:
                            clusters: [staging, eu-prod]
                            apps:
                              grpc-app: { clusters: [eu-prod], processes: { db-tcp: x }, trust: [api-app] }
                              api-app: { clusters: [staging], processes: { web: y } }
                        """));
    }

    @Test
    void placementsNameDeclaredClustersOfTheTeam() {
        assertEquals(List.of(
                        "f.yaml:8:16: error: team 'acme' lists unknown cluster 'eu-prd' (did you mean 'eu-prod'?)",
                        "f.yaml:10:29: error: app 'api-app' is placed on cluster 'us-prod', where its team 'acme'"
                                + " does not run (add 'us-prod' to the clusters of team 'acme', or remove it here)"),
                findings(CLUSTERS + """
                        teams:
                          acme:
                            clusters: [eu-prd, staging]
                            apps:
                              api-app: { clusters: [us-prod], processes: { web: y } }
                        """));
    }

    @Test
    void placementsWithoutClustersAreErrors() {
        assertEquals(List.of(
                        "f.yaml:2:10: error: 'rollout' needs clusters to roll out to, but the file declares none"
                                + " (declare them under a top-level 'clusters' mapping, or remove 'rollout')",
                        "f.yaml:5:5: error: team 'acme' lists clusters, but the file declares none (declare them"
                                + " under a top-level 'clusters' mapping, or remove the list)"),
                findings("""
                        version: 1
                        rollout: [ { matchLabels: { env: prod } } ]
                        teams:
                          acme:
                            clusters: [prod]
                            apps:
                              api-app: { processes: { web: y } }
                        """));
    }

    @Test
    void everyClusterIsInExactlyOneRolloutStepAndEveryStepSelectsOne() {
        List<String> found = findings(CLUSTERS + """
                rollout: [ { matchLabels: { env: prod } }, { matchLabels: { env: prod } }, { matchLabels: { env: qa } } ]
                teams:
                  acme: { apps: { api-app: { processes: { web: y } } } }
                """);
        assertEquals(List.of(
                "f.yaml:3:3: error: cluster 'staging' is in no rollout step: Argo CD would never sync its"
                        + " Applications (give it labels that a step selects, or add a step for it)",
                "f.yaml:6:44: error: cluster 'eu-prod' is selected by rollout steps 1 and 2: a cluster belongs to one"
                        + " step (make the steps' labels select disjoint clusters)",
                "f.yaml:6:44: error: cluster 'us-prod' is selected by rollout steps 1 and 2: a cluster belongs to one"
                        + " step (make the steps' labels select disjoint clusters)",
                "f.yaml:6:76: error: rollout step 3 selects no cluster (match the labels of a cluster, or remove the"
                        + " step)"), found);
    }

    @Test
    void clusterDestinationsAreOneServerOrOneNameEach() {
        List<String> found = findings("""
                version: 1
                clusters:
                  a: { server: "https://admin:hunter2@a.example.com" }
                  b: { server: https://kubernetes.default.svc, name: b }
                  c: {}
                  d: { server: https://kubernetes.default.svc }
                  e: { server: https://kubernetes.default.svc }
                  argocd: { name: x }
                  Bad_Name: { name: y }
                  f: { name: "{{.values.server}}" }
                teams:
                  acme: { apps: { api-app: { processes: { web: y } } } }
                """);
        assertEquals(List.of(
                "f.yaml:3:16: error: the server of cluster 'a' carries credentials; Argo CD keeps them in the"
                        + " cluster's secret (write the API server's URL as Argo CD knows it, e.g."
                        + " 'https://eu-prod.example.com:6443')",
                "f.yaml:4:3: error: cluster 'b' needs either 'server' (the API server URL Argo CD deploys to) or"
                        + " 'name' (its name in Argo CD) (keep one of the two)",
                "f.yaml:5:3: error: cluster 'c' needs exactly one of 'server' (the API server URL Argo CD deploys to)"
                        + " and 'name' (its name in Argo CD) (add e.g. 'server: https://kubernetes.default.svc')",
                "f.yaml:7:3: error: cluster 'e' deploys to the same Argo CD destination as cluster 'd' (line 6):"
                        + " their Applications would fight over the same namespaces (give each cluster its own server"
                        + " or name)",
                "f.yaml:8:3: error: cluster name 'argocd' is taken: the Argo CD objects live in the output folder of"
                        + " that name (choose another cluster name)"), found.subList(0, 5));
        assertTrue(found.get(5).startsWith("f.yaml:9:3: error: cluster name 'Bad_Name' is not valid"), found.get(5));
        assertTrue(found.get(6).startsWith("f.yaml:10:14: error: the Argo CD name of cluster 'f' is empty or holds"),
                found.get(6));
        assertTrue(found.stream().noneMatch(line -> line.contains("hunter2")), found.toString());
    }

    @Test
    void aClustersOwnPlatformIsCheckedWhereItIsWritten() {
        List<String> found = findings("""
                version: 1
                platform: { apiServer: { addresses: [10.96.0.1] } }
                clusters:
                  a: { server: https://a.example.com }
                  b: { server: https://b.example.com, platform: { reservedNamespaces: [acme], apiServer: { addresses: [] } } }
                teams:
                  acme:
                    apps:
                      api-app: { processes: { web: y }, kubernetesApi: true }
                """);
        assertEquals(List.of(
                "f.yaml:7:3: error: on cluster 'b': team name 'acme' is reserved by platform.reservedNamespaces"
                        + " ('acme', line 5) (choose another team name)",
                "f.yaml:9:56: error: on cluster 'b': app 'api-app' asks for the Kubernetes API, but"
                        + " platform.apiServer.addresses is empty (list the API server's endpoint addresses in"
                        + " platform.apiServer.addresses (kubectl get endpointslices -n default -l"
                        + " kubernetes.io/service-name=kubernetes))"), found);
    }

    @Test
    void aTeamOnlyOnClustersWhoseFactsAllowItIsValid() {
        LoadResult result = ConfigLoader.parse("f.yaml", """
                version: 1
                clusters:
                  a: { server: https://a.example.com }
                  b: { server: https://b.example.com, platform: { reservedNamespaces: [acme] } }
                teams:
                  acme:
                    clusters: [a]
                    apps:
                      api-app: { processes: { web: y } }
                """);
        assertEquals(List.of(), result.diagnostics());
    }
}
