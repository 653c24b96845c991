package io.watasu.bridge.acceptance;

import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.model.App;
import io.watasu.model.WatasuConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.watasu.bridge.acceptance.TerraformHarness.watasuYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider driven by the real terraform CLI, against bare Git repositories on disk. */
class ProviderAcceptanceIT {
    /** A model with an app made by hand and another team, so that edits must leave both alone. */
    static final String SEED = """
            version: 1
            # The platform's network model. Edited by hand and by Terraform.
            teams:
              acme:
                apps:
                  legacy-app:   # adopted with terraform import
                    processes:
                      web: ./bin/server
                      jobs-tcp: { command: ./bin/jobs, port: 7000 }
              globex:
                apps:
                  globex-app:
                    processes:
                      web: python app.py
            """;

    @TempDir
    static Path root;
    static TerraformHarness terraform;

    @BeforeAll
    static void harness() throws Exception {
        terraform = new TerraformHarness(root);
    }

    @Test
    void applyPlanChangeDriftAndDestroyTheTwoAppExample() throws Exception {
        Path repository = terraform.bareRepository("two-apps", SEED);
        Path work = terraform.example("two-apps");

        terraform.apply(work, repository).assertExit(0)
                .assertOutputContains("grpc_endpoint = \"grpc-app-grpc-tcp:50051\"");
        WatasuConfig applied = load(watasuYaml(repository));
        App grpc = applied.app("grpc-app").orElseThrow();
        assertEquals("acme", grpc.team());
        assertEquals(List.of("api-app"), grpc.trust());
        assertEquals(50051, grpc.process("grpc-tcp").orElseThrow().port());
        assertEquals(List.of("web", "worker"), applied.app("api-app").orElseThrow().processes().stream()
                .map(io.watasu.model.Process::name).sorted().toList());
        assertTrue(watasuYaml(repository).contains("# The platform's network model."), "comments survive");

        terraform.plan(work, repository).assertExit(0);

        // Changing only the trust list changes only the trust line of the file.
        String before = watasuYaml(repository);
        Path mainTf = work.resolve("main.tf");
        Files.writeString(mainTf, Files.readString(mainTf).replace(
                "trusted = [watasu_app.api.name]", "trusted = [watasu_app.api.name, \"legacy-app\"]"));
        terraform.apply(work, repository).assertExit(0);
        String after = watasuYaml(repository);
        List<String> changed = changedLines(before, after);
        assertEquals(1, changed.size(), () -> "expected one changed line, got " + changed + "\n" + after);
        assertTrue(changed.get(0).contains("trust:") && changed.get(0).contains("legacy-app"), changed::toString);
        assertEquals(List.of("api-app", "legacy-app"), load(after).app("grpc-app").orElseThrow().trust());

        // An edit made directly in the repository shows up as drift.
        terraform.commitFile(repository, after.replace("[api-app, legacy-app]", "[api-app]"),
                "Narrow grpc-app's trust by hand");
        terraform.plan(work, repository).assertExit(2)
                .assertOutputContains("watasu_app_trust.grpc will be updated in-place")
                .assertOutputContains("+ \"legacy-app\"");

        // Destroying the trust resource closes the list instead of leaving the last access behind.
        terraform.apply(work, repository).assertExit(0);
        terraform.run(work, TerraformHarness.withVar(repository, "destroy", "-auto-approve", "-no-color",
                "-target=watasu_app_trust.grpc")).assertExit(0);
        WatasuConfig closed = load(watasuYaml(repository));
        assertEquals(List.of(), closed.app("grpc-app").orElseThrow().trust());

        terraform.run(work, TerraformHarness.withVar(repository, "destroy", "-auto-approve", "-no-color"))
                .assertExit(0);
        WatasuConfig destroyed = load(watasuYaml(repository));
        assertFalse(destroyed.app("grpc-app").isPresent());
        assertFalse(destroyed.app("api-app").isPresent());
        assertTrue(destroyed.app("legacy-app").isPresent(), "apps not managed here stay");
        assertTrue(destroyed.app("globex-app").isPresent(), "other teams stay");
    }

    @Test
    void importAdoptsAnAppMadeByHand() throws Exception {
        Path repository = terraform.bareRepository("import", SEED);
        Path work = terraform.example("import");

        terraform.run(work, "import", "-no-color", "-var", "repository=" + repository,
                "watasu_app.legacy", "acme/legacy-app").assertExit(0).assertOutputContains("Import successful");
        terraform.run(work, "import", "-no-color", "-var", "repository=" + repository,
                "watasu_app_trust.legacy", "legacy-app").assertExit(0);
        terraform.plan(work, repository).assertExit(0);
        assertEquals(SEED, watasuYaml(repository), "importing writes nothing");

        terraform.run(work, "import", "-no-color", "-var", "repository=" + repository,
                "watasu_app.missing", "acme/no-such-app").assertExit(1);
    }

    @Test
    void trustOfAnotherTeamsAppFailsAtPlanNamingTheAttribute() throws Exception {
        Path repository = terraform.bareRepository("cross-team", SEED);
        Path work = terraform.workdir("cross-team", """
                terraform {
                  required_providers {
                    watasu = { source = "watasu.io/watasu/watasu" }
                  }
                }
                variable "repository" { type = string }
                provider "watasu" {
                  repository = var.repository
                }
                resource "watasu_app_trust" "legacy" {
                  app     = "legacy-app"
                  trusted = ["globex-app"]
                }
                """);
        terraform.plan(work, repository).assertExit(1)
                .assertOutputContains("Cannot trust globex-app: it belongs to team globex")
                .assertOutputContains("on main.tf line 12")
                .assertOutputContains("trusted = [\"globex-app\"]");
        assertEquals(SEED, watasuYaml(repository));
    }

    @Test
    void twoConcurrentAppliesToOneRepositoryBothLandWithTheirRenderedManifests() throws Exception {
        Path repository = terraform.bareRepository("concurrent", SEED);
        Path first = terraform.workdir("concurrent-one", appConfig("one-app"));
        Path second = terraform.workdir("concurrent-two", appConfig("two-app"));

        CompletableFuture<TerraformHarness.Result> one = CompletableFuture.supplyAsync(() -> apply(first, repository));
        CompletableFuture<TerraformHarness.Result> two = CompletableFuture.supplyAsync(() -> apply(second, repository));
        one.join().assertExit(0);
        two.join().assertExit(0);

        WatasuConfig config = load(watasuYaml(repository));
        assertEquals(List.of("legacy-app"), config.app("one-app").orElseThrow().trust());
        assertEquals(List.of("legacy-app"), config.app("two-app").orElseThrow().trust());
        assertTrue(config.app("legacy-app").isPresent());
        for (String app : List.of("one-app", "two-app", "legacy-app")) {
            String manifests = TerraformHarness.fileAtHead(repository, "manifests/acme/" + app + ".yaml");
            assertTrue(manifests != null && manifests.contains("kind: NetworkPolicy"),
                    () -> "rendered manifests of " + app + " are missing from the commit");
        }
    }

    @Test
    void documentationExampleAppliesAndIsStable() throws Exception {
        Path repository = terraform.bareRepository("grpc-app", """
                version: 1
                teams:
                  acme:
                    apps: {}
                """);
        Path work = terraform.example("grpc-app");
        terraform.apply(work, repository).assertExit(0)
                .assertOutputContains("grpc_endpoint = \"grpc-app-grpc-tcp:50051\"");
        assertEquals(List.of("api-app", "billing-app"),
                load(watasuYaml(repository)).app("grpc-app").orElseThrow().trust());
        terraform.plan(work, repository).assertExit(0);
    }

    @Test
    void anEmptyRepositoryGetsTheBranchAndTheFileWithTheFirstChange() throws Exception {
        Path repository = terraform.emptyBareRepository("empty");
        Path work = terraform.example("grpc-app");

        terraform.apply(work, repository).assertExit(0)
                .assertOutputContains("grpc_endpoint = \"grpc-app-grpc-tcp:50051\"");
        WatasuConfig applied = load(watasuYaml(repository));
        assertEquals(List.of("api-app", "billing-app"), applied.app("grpc-app").orElseThrow().trust());
        assertEquals(List.of("acme"), applied.teams().stream().map(io.watasu.model.Team::name).toList());
        // The first commit on the new branch is the first change, and it already holds a complete model.
        List<String> commits = TerraformHarness.git(repository, "rev-list", "--reverse", "main").lines().toList();
        assertEquals(4, commits.size(), "one commit per resource change: three apps and one trust list");
        String first = TerraformHarness.git(repository, "show", commits.get(0) + ":watasu.yaml");
        assertTrue(first.startsWith("version: 1\n"), first);
        assertEquals(1, load(first).apps().count(), first);
        assertEquals("watasu.yaml\n", TerraformHarness.git(repository, "ls-tree", "--name-only", commits.get(0)));
        terraform.plan(work, repository).assertExit(0);
    }

    @Test
    void unknownAppsAreAPlanErrorOnTheirAttribute() throws Exception {
        Path repository = terraform.bareRepository("unknown-apps", SEED);
        Path trusted = terraform.workdir("unknown-trusted", trustConfig("legacy-app", "[\"nope-app\"]", ""));
        terraform.plan(trusted, repository).assertExit(1)
                .assertOutputContains("No app nope-app")
                .assertOutputContains("on main.tf line 12")
                .assertOutputContains("trusted = [\"nope-app\"]");
        assertNoInternalError(terraform.apply(trusted, repository).assertExit(1));

        Path app = terraform.workdir("unknown-app", trustConfig("nope-app", "[\"legacy-app\"]", ""));
        terraform.plan(app, repository).assertExit(1)
                .assertOutputContains("No app nope-app")
                .assertOutputContains("on main.tf line 11")
                .assertOutputContains("app     = \"nope-app\"");
        // A near miss is named.
        Path typo = terraform.workdir("typo-app", trustConfig("legacy-ap", "[]", ""));
        terraform.plan(typo, repository).assertExit(1).assertOutputContains("did you mean legacy-app?");
        assertEquals(SEED, watasuYaml(repository));
    }

    @Test
    void trustingAnAppThatThisConfigurationCreatesAfterwardsIsAPlanErrorThatSaysHowToOrderIt() throws Exception {
        Path repository = terraform.bareRepository("same-apply", SEED);
        // Terraform must create the trust list first here, so the app it names cannot exist yet.
        Path work = terraform.workdir("same-apply", trustConfig("legacy-app", "[\"new-app\"]", """
                resource "watasu_app" "new" {
                  team       = "acme"
                  name       = "new-app"
                  processes  = { web = { command = "./new" } }
                  depends_on = [watasu_app_trust.legacy]
                }
                """));
        assertNoInternalError(terraform.apply(work, repository).assertExit(1)
                .assertOutputContains("No app new-app")
                .assertOutputContains("watasu_app.<name>.name"));
        assertEquals(SEED, watasuYaml(repository));
    }

    @Test
    void appsCreatedInTheSameApplyAndReferredToAreCheckedAtPlan() throws Exception {
        Path repository = terraform.bareRepository("same-apply-reference", SEED);
        Path work = terraform.workdir("same-apply-reference", trustConfig("legacy-app", "[]", """
                resource "watasu_app" "new" {
                  team      = "acme"
                  name      = "new-app"
                  processes = { web = { command = "./new" }, "rpc-tcp" = { command = "./rpc", port = 9000 } }
                }
                resource "watasu_app_trust" "new" {
                  app     = watasu_app.new.name
                  trusted = ["globex-app"]
                }
                """));
        // new-app is in acme: it may not trust globex-app, although the branch does not hold new-app yet.
        terraform.plan(work, repository).assertExit(1)
                .assertOutputContains("Cannot trust globex-app: it belongs to team globex, and new-app to team acme");
        Files.writeString(work.resolve("main.tf"), Files.readString(work.resolve("main.tf"))
                .replace("trusted = [\"globex-app\"]", "trusted = [\"legacy-app\"]")
                .replace("trusted = []", "trusted = [watasu_app.new.name]"));
        terraform.apply(work, repository).assertExit(0);
        WatasuConfig applied = load(watasuYaml(repository));
        assertEquals(List.of("legacy-app"), applied.app("new-app").orElseThrow().trust());
        assertEquals(List.of("new-app"), applied.app("legacy-app").orElseThrow().trust());
        terraform.plan(work, repository).assertExit(0);
    }

    @Test
    void anAppRemovedByHandBetweenPlanAndApplyIsAClearApplyError() throws Exception {
        Path repository = terraform.bareRepository("gone-at-apply", SEED);
        Path work = terraform.workdir("gone-at-apply", trustConfig("legacy-app", "[]", ""));
        terraform.run(work, "plan", "-no-color", "-out", "saved.tfplan", "-var", "repository=" + repository)
                .assertExit(0);
        terraform.commitFile(repository, SEED.replace("""
                      legacy-app:   # adopted with terraform import
                        processes:
                          web: ./bin/server
                          jobs-tcp: { command: ./bin/jobs, port: 7000 }
                """, "      other-app:\n        processes: { web: ./other }\n"), "Remove legacy-app by hand");
        assertNoInternalError(terraform.run(work, "apply", "-no-color", "saved.tfplan").assertExit(1)
                .assertOutputContains("legacy-app"));
    }

    /**
     * A file using the platform's cluster settings: imported without a change, and an edit of the app through
     * Terraform keeps its API grant and writes its metrics port.
     */
    @Test
    void anAppWithClusterSettingsRoundTrips() throws Exception {
        String seed = """
                version: 1
                platform:
                  profile: k3s
                  scrapers: [{namespace: monitoring, podLabels: {app.kubernetes.io/name: prometheus}}]
                  apiServer: {addresses: [10.43.0.1, 192.168.1.10]}
                teams:
                  acme:
                    apps:
                      operator-app:
                        processes:
                          worker: { command: ./operator, port: 5000, metricsPort: 9090 }
                        kubernetesApi: true   # watches its own resources
                """;
        Path repository = terraform.bareRepository("cluster-settings", seed);
        Path work = terraform.workdir("cluster-settings", providerBlock() + """
                resource "watasu_app" "operator" {
                  team      = "acme"
                  name      = "operator-app"
                  processes = { worker = { command = "./operator", metrics_port = 9090 } }
                }
                """);
        terraform.run(work, "import", "-no-color", "-var", "repository=" + repository,
                "watasu_app.operator", "acme/operator-app").assertExit(0);
        terraform.plan(work, repository).assertExit(0);
        assertEquals(seed, watasuYaml(repository), "importing writes nothing");

        Files.writeString(work.resolve("main.tf"), Files.readString(work.resolve("main.tf"))
                .replace("metrics_port = 9090", "metrics_port = 9091"));
        terraform.apply(work, repository).assertExit(0);
        String applied = watasuYaml(repository);
        App operator = load(applied).app("operator-app").orElseThrow();
        assertEquals(9091, operator.process("worker").orElseThrow().metricsPort());
        assertTrue(operator.kubernetesApi(), applied);
        assertTrue(applied.contains("kubernetesApi: true   # watches its own resources"), applied);
        terraform.plan(work, repository).assertExit(0);
    }

    /**
     * A fleet file (the example fleet.yaml): clusters read back and imported without a change, a placement edited as
     * one line of the file, and every mistake in a placement a plan error on {@code clusters}: an unknown cluster,
     * a cluster the team does not run on, and a placement that leaves a trust grant between apps sharing no cluster,
     * also when the grant is planned by another resource of the same plan.
     */
    @Test
    void appsOfAFleetArePlacedOnClustersWithPlanErrorsOnTheAttribute() throws Exception {
        String seed = Files.readString(TerraformHarness.repoRoot().resolve("examples/fleet.yaml"));
        Path repository = terraform.bareRepository("fleet", seed);
        String billing = """
                resource "watasu_app" "billing" {
                  team      = "acme"
                  name      = "billing-app"
                  clusters  = %s
                  processes = { worker = { command = "bin/billing" } }
                }
                """;
        Path work = terraform.workdir("fleet", providerBlock() + billing.formatted("[\"eu-prod\"]"));
        terraform.run(work, "import", "-no-color", "-var", "repository=" + repository,
                "watasu_app.billing", "acme/billing-app").assertExit(0);
        terraform.plan(work, repository).assertExit(0);
        assertEquals(seed, watasuYaml(repository), "importing writes nothing");

        Files.writeString(work.resolve("main.tf"), providerBlock() + billing.formatted("[\"us-prod\", \"eu-prod\"]"));
        terraform.apply(work, repository).assertExit(0);
        String applied = watasuYaml(repository);
        String listed = seed.lines().filter(line -> line.contains("# billing runs in the EU only")).findFirst()
                .orElseThrow();
        assertEquals(List.of(listed.replace("[eu-prod]", "[eu-prod, us-prod]")), changedLines(seed, applied),
                "the listed cluster keeps its place, the comment stays");
        terraform.plan(work, repository).assertExit(0);
        String placed = providerBlock() + billing.formatted("[\"eu-prod\", \"us-prod\"]");

        Files.writeString(work.resolve("main.tf"), providerBlock() + billing.formatted("[\"eu-prd\"]"));
        TerraformHarness.Result unknown = terraform.plan(work, repository).assertExit(1)
                .assertOutputContains("unknown cluster 'eu-prd'").assertOutputContains("did you mean 'eu-prod'?")
                .assertOutputContains("clusters  = [\"eu-prd\"]");
        assertNoInternalError(unknown);

        Files.writeString(work.resolve("main.tf"), placed + """
                resource "watasu_app" "lab" {
                  team      = "lab"
                  name      = "probe-app"
                  clusters  = ["eu-prod"]
                  processes = { web = { command = "./probe" } }
                }
                """);
        assertNoInternalError(terraform.plan(work, repository).assertExit(1)
                .assertOutputContains("where its team 'lab' does not run")
                .assertOutputContains("clusters  = [\"eu-prod\"]"));

        // ledger-app on eu-prod with an empty trust list, then moved to staging while the same plan makes it trust
        // billing-app, which does not run there: the trust list is checked against the moved app, at plan.
        String ledger = """
                resource "watasu_app" "ledger" {
                  team      = "acme"
                  name      = "ledger-app"
                  clusters  = ["%s"]
                  processes = { "ledger-tcp" = { command = "bin/ledger", port = 7100 } }
                }
                resource "watasu_app_trust" "ledger" {
                  app     = watasu_app.ledger.name
                  trusted = %s
                }
                data "watasu_internal_endpoint" "ledger" {
                  app     = watasu_app.ledger.name
                  process = "ledger-tcp"
                }
                output "ledger_clusters" { value = data.watasu_internal_endpoint.ledger.clusters }
                """;
        Files.writeString(work.resolve("main.tf"), placed + ledger.formatted("eu-prod", "[]"));
        terraform.apply(work, repository).assertExit(0).assertOutputContains("ledger_clusters = tolist([\n  \"eu-prod\",");
        Files.writeString(work.resolve("main.tf"), placed + ledger.formatted("staging", "[\"billing-app\"]"));
        TerraformHarness.Result grant = terraform.plan(work, repository).assertExit(1)
                .assertOutputContains("trusts 'billing-app', but they share no cluster")
                .assertOutputContains("trusted = [\"billing-app\"]");
        assertNoInternalError(grant);

        // The grant at the head, then a placement that would strand it: refused at plan on the app's clusters.
        Files.writeString(work.resolve("main.tf"), placed + ledger.formatted("eu-prod", "[\"billing-app\"]"));
        terraform.apply(work, repository).assertExit(0);
        Files.writeString(work.resolve("main.tf"), placed + ledger.formatted("staging", "[\"billing-app\"]"));
        String before = watasuYaml(repository);
        assertNoInternalError(terraform.plan(work, repository).assertExit(1)
                .assertOutputContains("share no cluster").assertOutputContains("clusters  = [\"staging\"]")
                .assertOutputContains("first remove that entry from the trust"));
        assertNoInternalError(terraform.apply(work, repository).assertExit(1));
        assertEquals(before, watasuYaml(repository), "nothing was committed");
    }

    private static String providerBlock() {
        return """
                terraform {
                  required_providers {
                    watasu = { source = "watasu.io/watasu/watasu" }
                  }
                }
                variable "repository" { type = string }
                provider "watasu" {
                  repository = var.repository
                }
                """;
    }

    /** Each example ships {@code terraform test} files; they apply the example, check it and destroy it again. */
    @ParameterizedTest
    @ValueSource(strings = {"two-apps", "grpc-app", "import", "fleet"})
    void theExamplesOwnTerraformTestsPass(String example) throws Exception {
        String fleet = example.equals("fleet")
                ? Files.readString(TerraformHarness.repoRoot().resolve("examples/fleet.yaml")) : null;
        Path repository = example.equals("import") ? terraform.bareRepository("test-" + example, SEED)
                : fleet != null ? terraform.bareRepository("test-" + example, fleet)
                : terraform.emptyBareRepository("test-" + example);
        Path work = terraform.exampleWithTests(example);
        terraform.run(work, "test", "-no-color", "-var", "repository=" + repository).assertExit(0)
                .assertOutputContains(" passed, 0 failed.");
        if (fleet != null) {
            assertEquals(fleet, watasuYaml(repository), "the test's clean-up left the fleet file as it was");
            return;
        }
        WatasuConfig afterTeardown = load(watasuYaml(repository));
        assertEquals(0, afterTeardown.teams().stream().filter(t -> t.name().equals("acme"))
                .mapToLong(t -> t.apps().size()).sum(), "the test's clean-up destroyed what it created");
    }

    /** A user's mistake is explained in the user's terms: never an internal error or a Java exception. */
    private static void assertNoInternalError(TerraformHarness.Result result) {
        assertFalse(result.output().contains("Internal error"), result::output);
        assertFalse(java.util.regex.Pattern.compile("\\b(java|javax|org\\.eclipse)\\.|[A-Z][A-Za-z]*(Exception|Error)\\b")
                .matcher(result.output().replace("Error:", "")).find(), result::output);
    }

    private static String trustConfig(String app, String trusted, String more) {
        return providerBlock() + """
                resource "watasu_app_trust" "legacy" {
                  app     = "%s"
                  trusted = %s
                }
                """.formatted(app, trusted) + more;
    }

    private static String appConfig(String app) {
        return """
                terraform {
                  required_providers {
                    watasu = { source = "watasu.io/watasu/watasu" }
                  }
                }
                variable "repository" { type = string }
                provider "watasu" {
                  repository  = var.repository
                  render_path = "manifests"
                }
                resource "watasu_app" "app" {
                  team = "acme"
                  name = "%s"
                  processes = {
                    web      = { command = "./server" }
                    "rpc-tcp" = { command = "./rpc", port = 9000 }
                  }
                }
                resource "watasu_app_trust" "app" {
                  app     = watasu_app.app.name
                  trusted = ["legacy-app"]
                }
                """.formatted(app);
    }

    private static TerraformHarness.Result apply(Path workdir, Path repository) {
        try {
            return terraform.apply(workdir, repository);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static WatasuConfig load(String yaml) {
        LoadResult result = ConfigLoader.parse("watasu.yaml", yaml);
        assertTrue(result.ok(), () -> "invalid watasu.yaml: " + result.errors() + "\n" + yaml);
        return result.config();
    }

    /** Lines of {@code after} that are not at the same place in {@code before} (files of equal line count). */
    private static List<String> changedLines(String before, String after) {
        List<String> old = before.lines().toList();
        List<String> now = after.lines().toList();
        assertEquals(old.size(), now.size(), () -> "line count changed:\n" + before + "\n---\n" + after);
        return java.util.stream.IntStream.range(0, now.size()).filter(i -> !old.get(i).equals(now.get(i)))
                .mapToObj(now::get).toList();
    }
}
