package io.watasu.cli;

import io.watasu.testing.CliRun;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command on a fleet, whole and narrowed with --cluster. */
class FleetCommandsTest {
    private static final String ALLOW_ALL = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: allow-all, namespace: acme }
            spec: { podSelector: {}, ingress: [ {} ], policyTypes: [Ingress] }
            """;

    @TempDir
    Path dir;

    private final String fleet = TestData.repoRoot().resolve("examples/fleet.yaml").toString();

    private String out() {
        return dir.resolve("out").toString();
    }

    private CliRun render(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "render";
        args[1] = fleet;
        args[2] = "--out=" + out();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    @Test
    void renderWritesOneFolderPerClusterAndChecksAndAuditsThem() {
        CliRun rendered = render("--argocd-repo=https://git.example.com/gitops.git");
        assertEquals(0, rendered.exitCode(), rendered.stderr());
        assertTrue(rendered.stderr().contains("on 3 clusters"), rendered.stderr());
        for (String path : new String[] {"staging/lab/_team.yaml", "eu-prod/acme/grpc-app.yaml",
                "us-prod/globex/meet-app.yaml", "argocd/applicationset.yaml"}) {
            assertTrue(Files.isRegularFile(dir.resolve("out").resolve(path)), path);
        }
        assertFalse(Files.exists(dir.resolve("out/eu-prod/lab")));
        CliRun check = render("--argocd-repo=https://git.example.com/gitops.git", "--check");
        assertEquals(0, check.exitCode(), check.stdout() + check.stderr());
        assertTrue(check.stderr().contains("(6 teams audited)"), check.stderr());
    }

    @Test
    void aBrokenClusterFolderFailsTheAuditOfThatClusterOnly() throws IOException {
        assertEquals(0, render().exitCode());
        // Hand-edited into the record, so that the folder still looks up to date: only the audit can catch it.
        Path policy = dir.resolve("out/us-prod/acme/_team.yaml");
        Files.writeString(policy, Files.readString(policy) + "---\n" + ALLOW_ALL);
        CliRun verify = CliRun.of("verify", out(), "--config=" + fleet);
        assertEquals(1, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue(verify.stdout().contains("(on cluster 'us-prod')"), verify.stdout());
        assertFalse(verify.stdout().contains("(on cluster 'eu-prod')"), verify.stdout());
        CliRun euOnly = CliRun.of("verify", out(), "--config=" + fleet, "--cluster=eu-prod");
        assertEquals(0, euOnly.exitCode(), euOnly.stdout() + euOnly.stderr());
        CliRun check = render("--check", "--cluster=us-prod");
        assertEquals(1, check.exitCode(), check.stdout() + check.stderr());
        assertTrue(check.stdout().contains("us-prod/acme/_team.yaml"), check.stdout());
        CliRun checkEu = render("--check", "--cluster=eu-prod");
        assertEquals(0, checkEu.exitCode(), checkEu.stdout() + checkEu.stderr());
    }

    @Test
    void renderOfOneClusterLeavesTheOthersAsTheyAre() throws IOException {
        assertEquals(0, render().exitCode());
        Path edited = dir.resolve("out/eu-prod/acme/api-app.yaml");
        Files.writeString(edited, Files.readString(edited) + "# kept\n");
        Path stagingFile = dir.resolve("out/staging/lab/try-app.yaml");
        Files.delete(stagingFile);
        CliRun staging = render("--cluster=staging");
        assertEquals(0, staging.exitCode(), staging.stderr());
        assertTrue(Files.isRegularFile(stagingFile));
        assertTrue(Files.readString(edited).endsWith("# kept\n"));
        CliRun whole = render();
        assertEquals(0, whole.exitCode(), whole.stderr());
        assertFalse(Files.readString(edited).endsWith("# kept\n"));
    }

    @Test
    void anUnknownClusterIsAUsageError() {
        CliRun run = render("--cluster=eu-prd");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("no such cluster; the file declares staging, eu-prod, us-prod"), run.stderr());
        CliRun single = CliRun.of("validate", TestData.repoRoot().resolve("examples/watasu.yaml").toString(),
                "--cluster=prod");
        assertEquals(2, single.exitCode());
        assertTrue(single.stderr().contains("the file declares no clusters"), single.stderr());
    }

    @Test
    void showPlatformPrintsEachClustersPlatformWithWhereItsValuesComeFrom() {
        CliRun run = CliRun.of("validate", fleet, "--show-platform");
        assertEquals(0, run.exitCode(), run.stderr());
        String text = run.stdout();
        assertTrue(text.startsWith("# cluster staging\nplatform:\n"), text);
        String euProd = text.substring(text.indexOf("# cluster eu-prod"), text.indexOf("# cluster us-prod"));
        assertTrue(euProd.contains("  profile: gke  # " + fleet + ":12\n"), euProd);
        assertTrue(euProd.contains("  domain: watasuhost.com  # " + fleet + ":4\n"), euProd);
        assertTrue(euProd.contains("    addresses: [\"169.254.20.10\", \"169.254.169.254\"]  # profile gke\n"), euProd);
        CliRun one = CliRun.of("validate", fleet, "--show-platform", "--cluster=us-prod");
        assertTrue(one.stdout().startsWith("# cluster us-prod\nplatform:\n  profile: eks  # "), one.stdout());
        assertFalse(one.stdout().contains("# cluster staging"), one.stdout());
    }

    @Test
    void validateExplainAndGraphWorkPerCluster() {
        CliRun validate = CliRun.of("validate", fleet);
        assertEquals(0, validate.exitCode(), validate.stderr());
        assertTrue(validate.stdout().contains("eu-prod: 1 teams, 3 apps"), validate.stdout());
        CliRun explain = CliRun.of("explain", "billing-app", "grpc-app:grpc-tcp", "--config=" + fleet);
        assertEquals(0, explain.exitCode(), explain.stderr());
        assertTrue(explain.stdout().startsWith("on cluster 'eu-prod':\nbilling-app -> grpc-app:grpc-tcp (TCP 50051):"
                + " allowed"), explain.stdout());
        CliRun nowhere = CliRun.of("explain", "billing-app", "grpc-app:grpc-tcp", "--config=" + fleet,
                "--cluster=staging");
        assertTrue(nowhere.stdout().contains("denied: the two apps share no cluster"), nowhere.stdout());
        CliRun graph = CliRun.of("graph", fleet, "--cluster=staging");
        assertEquals(0, graph.exitCode(), graph.stderr());
        assertFalse(graph.stdout().contains("billing"), graph.stdout());
        assertTrue(CliRun.of("graph", fleet).stdout().contains("billing"));
    }
}
