package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.model.ClusterProfile;
import io.watasu.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu validate --show-platform}: the platform in effect, each value with where it came from. */
class ShowPlatformTest {
    @TempDir
    Path dir;

    private static final String TEAMS = "teams: { acme: { apps: { api-app: { processes: { web: run } } } } }\n";

    private static final String FILE = """
            version: 1
            platform:
              profile: openshift
              nodeCidrs: [10.128.0.0/16, "fd00:128::/64"]
              clusterCidrs: [10.0.0.0/8, fd00::/8]
              dns: { ports: [5353, 53] }
              ingress: { hostNetwork: true }
              linkLocal: [{ cidr: 169.254.169.254/32, ports: [80] }]
              scrapers: [{ namespace: monitoring, podLabels: { app.kubernetes.io/name: prometheus, "on": "yes" } }]
            teams:
              acme:
                apps:
                  api-app:
                    processes:
                      web: node server.js
            """;

    @Test
    void printsEachValueWithItsOriginAndLoadsBackToTheSamePlatform() throws IOException {
        Path file = Files.writeString(dir.resolve("watasu.yaml"), FILE);
        CliRun run = CliRun.of("validate", file.toString(), "--show-platform");
        assertEquals(ExitCodes.OK, run.exitCode(), run.stderr());
        assertEquals(file + ": valid (1 teams, 1 apps, 0 warnings)\n", run.stderr());
        String at = file + ":";
        assertEquals("""
                platform:
                  profile: openshift  # AT3
                  domain: watasuhost.com  # default
                  clusterCidrs: [10.0.0.0/8, "fd00::/8"]  # AT5
                  nodeCidrs: [10.128.0.0/16, "fd00:128::/64"]  # AT4
                  reservedNamespaces: []  # default
                  ingress:
                    namespace: openshift-ingress  # profile openshift
                    podLabels: {ingresscontroller.operator.openshift.io/deployment-ingresscontroller: default}  # profile openshift
                    className: openshift-default  # profile openshift
                    ports: [80, 443]  # default
                    hostNetwork: true  # AT7
                  dns:
                    namespace: openshift-dns  # profile openshift
                    podLabels: {dns.operator.openshift.io/daemonset-dns: default}  # profile openshift
                    ports: [5353, 53]  # AT6
                    addresses: []  # default
                  linkLocal: [{cidr: 169.254.169.254/32, ports: [80]}]  # AT8
                  scrapers: [{namespace: monitoring, podLabels: {app.kubernetes.io/name: prometheus, "on": "yes"}}]  # AT9
                  apiServer:
                    addresses: []  # default
                    port: 6443  # profile openshift
                """.replace("AT", at), run.stdout());

        // What it prints is a platform section that loads back to the same platform.
        LoadResult original = ConfigLoader.load(file);
        LoadResult again = ConfigLoader.parse("again.yaml", "version: 1\n" + run.stdout() + TEAMS);
        assertTrue(again.ok(), again.diagnostics().toString());
        assertEquals(original.config().platform(), again.config().platform());
    }

    @Test
    void everyProfileLoadsBackAsPrinted() throws IOException {
        for (ClusterProfile profile : ClusterProfile.named()) {
            Path file = Files.writeString(dir.resolve(profile.key() + ".yaml"),
                    "version: 1\nplatform: { profile: " + profile.key() + " }\n" + TEAMS);
            CliRun run = CliRun.of("validate", file.toString(), "--show-platform");
            assertEquals(ExitCodes.OK, run.exitCode(), run.stderr());
            assertTrue(run.stdout().contains("  profile: " + profile.key() + "  # " + file + ":2\n"), run.stdout());
            LoadResult again = ConfigLoader.parse("again.yaml", "version: 1\n" + run.stdout() + TEAMS);
            assertTrue(again.ok(), again.diagnostics().toString());
            assertEquals(profile.defaults(), again.config().platform(), profile.key());
        }
    }

    @Test
    void refusesMachineFormats() throws IOException {
        Path file = Files.writeString(dir.resolve("watasu.yaml"), FILE);
        CliRun run = CliRun.of("validate", file.toString(), "--show-platform", "--format", "json");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("--show-platform prints YAML and does not combine with --format json"),
                run.stderr());
        assertEquals("", run.stdout());
    }
}
