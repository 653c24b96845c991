package io.watasu.verify;

import io.watasu.cli.ExitCodes;
import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code watasu explain} on the committed example, through the real command line: every answer names the deciding
 * watasu.yaml line and the rendered rules, and the command that would change it or why none can.
 */
class ExplainCommandTest {
    @TempDir
    Path tmp;
    Path config;

    @BeforeEach
    void copyExample() throws Exception {
        config = Files.copy(Examples.exampleFile(), tmp.resolve("watasu.yaml"));
    }

    CliRun explain(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "explain";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--config";
        all[args.length + 2] = config.toString();
        return CliRun.of(all);
    }

    @Test
    void aTrustedCallerIsAllowedByTheTrustEntryAndCanBeRemoved() {
        CliRun run = explain("api-app", "grpc-app:grpc-tcp");
        assertEquals(ExitCodes.OK, run.exitCode(), run.stderr());
        assertEquals("api-app -> grpc-app:grpc-tcp (TCP 50051): allowed\n"
                + "  " + config + ":15:17: grpc-app trusts api-app\n"
                + "  rendered objects:\n"
                + "    egress of the pods of api-app:\n"
                + "      NetworkPolicy acme/grpc-app-grpc-tcp-callers-egress egress rule 1 (acme/grpc-app.yaml:63:5)"
                + " allows TCP 50051\n"
                + "    ingress of grpc-app:grpc-tcp:\n"
                + "      NetworkPolicy acme/grpc-app-grpc-tcp-ingress ingress rule 1 (acme/grpc-app.yaml:41:5) allows"
                + " TCP 50051\n"
                + "  to change it: watasu apps:trust --remove api-app --app grpc-app --file " + config + "\n",
                run.stdout());
    }

    @Test
    void anUntrustedCallerIsDeniedByTheTrustListAndCanBeTrusted() {
        CliRun run = explain("report-app", "grpc-app:grpc-tcp");
        assertEquals(ExitCodes.OK, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("report-app -> grpc-app:grpc-tcp (TCP 50051): denied\n  " + config
                + ":15:9: grpc-app trusts api-app, billing-app, not report-app (trust is directional)\n"),
                run.stdout());
        assertTrue(run.stdout().contains("        NetworkPolicy acme/default-deny (acme/_team.yaml:12:1)\n"),
                run.stdout());
        assertTrue(run.stdout().endsWith("  to change it: watasu apps:trust report-app --app grpc-app --file " + config
                + "\n"), run.stdout());
    }

    @Test
    void noCommandCanConnectTeamsWorkersOrCallWebDirectly() {
        CliRun teams = explain("meet-app", "grpc-app:grpc-tcp");
        assertTrue(teams.stdout().contains(": meet-app is in team globex, grpc-app in team acme (" + config
                + ":11:7): apps of different teams can never reach each other\n"), teams.stdout());
        assertTrue(teams.stdout().contains("  to change it: no command can: trust names apps of the same team only"),
                teams.stdout());
        CliRun worker = explain("api-app", "billing-app");
        assertTrue(worker.stdout().startsWith("api-app -> billing-app:worker (TCP 5000): denied\n  " + config
                + ":23:11: billing-app:worker is a worker (neither web, *-tcp nor *-rtc): nothing connects to it\n"),
                worker.stdout());
        assertTrue(worker.stdout().contains("no command can: a worker receives nothing"), worker.stdout());
        CliRun web = explain("api-app", "grpc-app:web");
        assertTrue(web.stdout().contains("pods reach it only through the ingress controller, at"
                + " https://grpc-app.watasuhost.com\n"), web.stdout());
        assertTrue(web.stdout().contains("through the ingress controller (ingress-nginx): the caller reaches it on TCP"
                + " 80,443, and it reaches web on TCP 5000\n"), web.stdout());
        assertEquals(ExitCodes.OK, web.exitCode());
    }

    /**
     * OpenShift's DNS (its own namespace, port 5353) plus a node-local DNS address, and a host-network controller on
     * k3s-like ports: the public path is explained with the platform's facts, not the built-in ones.
     */
    @Test
    void theWebPathFollowsTheProfileAndTheClusterSettings() throws Exception {
        String text = Files.readString(config);
        String changed = text.replace("platform:\n", "platform:\n  profile: openshift\n"
                + "  nodeCidrs: [10.128.0.0/16]\n")
                .replaceFirst("  ingress: .*\n", "  ingress: { ports: [8000, 8443], hostNetwork: true }\n")
                .replaceFirst("  dns: .*\n", "  dns: { addresses: [169.254.20.10] }\n");
        assertTrue(changed.contains("hostNetwork: true") && changed.contains("169.254.20.10"), changed);
        Files.writeString(config, changed);
        CliRun web = explain("api-app", "grpc-app:web");
        assertEquals(ExitCodes.OK, web.exitCode(), web.stdout() + web.stderr());
        assertTrue(web.stdout().contains("  resolving its hostname: the DNS pods (openshift-dns) on TCP 5353,UDP 5353,"
                + " 169.254.20.10 on TCP 53,UDP 53\n"), web.stdout());
        assertTrue(web.stdout().contains("  through the host-network ingress controller (node address 10.128.0.0): the"
                + " caller reaches it on TCP 8000,8443, and it reaches web on TCP 5000\n"), web.stdout());
        assertTrue(web.stdout().contains("at https://grpc-app.watasuhost.com\n"), web.stdout());
    }

    @Test
    void everyProcessIsAnsweredWhenNoneIsNamed() {
        CliRun run = explain("grpc-app", "meet-app");
        assertEquals(3, run.stdout().lines().filter(l -> l.startsWith("grpc-app -> meet-app:")).count(),
                run.stdout());
    }

    @Test
    void aRenderedFolderThatContradictsWatasuYamlIsAMismatch() throws Exception {
        Path out = tmp.resolve("out");
        CliRun render = CliRun.of("render", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, render.exitCode(), render.stderr());
        CliRun good = explain("report-app", "grpc-app:grpc-tcp", "--rendered", out.toString());
        assertEquals(ExitCodes.OK, good.exitCode(), good.stderr());
        assertTrue(good.stdout().contains("(" + out.resolve("acme/_team.yaml") + ":12:1)"), good.stdout());
        // A hand edit: grpc-app's ingress no longer admits api-app, which watasu.yaml trusts.
        Path grpc = out.resolve("acme/grpc-app.yaml");
        String original = Files.readString(grpc);
        String edited = original.replaceFirst("values: \\[api-app, billing-app, grpc-app]",
                "values: [billing-app, grpc-app]");
        assertTrue(!edited.equals(original), "the edit applies");
        Files.writeString(grpc, edited);
        CliRun bad = explain("api-app", "grpc-app:grpc-tcp", "--rendered", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, bad.exitCode(), bad.stdout() + bad.stderr());
        assertTrue(bad.stdout().startsWith("api-app -> grpc-app:grpc-tcp (TCP 50051): denied\n  " + config
                + ":15:17: grpc-app trusts api-app\n  MISMATCH: the rendered objects deny TCP 50051 that watasu.yaml"
                + " promises (render again with 'watasu render', or look for hand edits)\n"), bad.stdout());
    }

    @Test
    void aMalformedRenderedObjectIsAnErrorAtItsFileLineAndColumnWithAFix() throws Exception {
        Path out = tmp.resolve("out");
        CliRun render = CliRun.of("render", config.toString(), "--out", out.toString(), "--quiet");
        assertEquals(ExitCodes.OK, render.exitCode(), render.stderr());
        Files.writeString(out.resolve("acme/zz-hand-made.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: hand-made, namespace: acme}
                spec:
                  podSelector: {matchLabels: [a]}
                """);
        CliRun bad = explain("api-app", "grpc-app:grpc-tcp", "--rendered", out.toString());
        assertEquals(ExitCodes.INVALID_INPUT, bad.exitCode(), bad.stdout() + bad.stderr());
        assertEquals(out.resolve("acme/zz-hand-made.yaml") + ":5:30: error: expected a mapping here, found a list"
                + " (correct the object or move its file out of the directory)\n", bad.stderr());
    }

    @Test
    void unknownNamesAndFoldersAreInputErrors() throws Exception {
        CliRun typo = explain("api-ap", "grpc-app");
        assertEquals(ExitCodes.INVALID_INPUT, typo.exitCode());
        assertEquals("watasu: error: no app api-ap in watasu.yaml (did you mean api-app?)\n", typo.stderr());
        CliRun process = explain("api-app", "grpc-app:grpc");
        assertEquals("watasu: error: app grpc-app has no process grpc (its processes: web, grpc-tcp)\n",
                process.stderr());
        CliRun folder = explain("api-app", "grpc-app", "--rendered", Files.createDirectories(tmp.resolve("empty"))
                .toString());
        assertEquals(ExitCodes.INVALID_INPUT, folder.exitCode());
        assertTrue(folder.stderr().contains("has no folder acme/"), folder.stderr());
        CliRun usage = CliRun.of("explain", "api-app");
        assertEquals(ExitCodes.USAGE, usage.exitCode());
        CliRun help = CliRun.of("explain", "--help");
        assertEquals(ExitCodes.OK, help.exitCode());
        assertTrue(help.stdout().contains("--rendered=DIR") && help.stdout().contains("TO[:PROCESS]"), help.stdout());
    }

    /**
     * The explain examples in docs/verify.md are real output: each "$ watasu explain ..." block equals what the
     * command prints for the example, lines written "..." standing for lines left out.
     */
    @Test
    void theDocumentedExamplesAreWhatTheCommandPrints() throws Exception {
        List<String> doc = Files.readAllLines(TestData.repoRoot().resolve("docs/verify.md"));
        int checked = 0;
        for (int i = 0; i < doc.size(); i++) {
            if (!doc.get(i).startsWith("$ watasu explain ")) {
                continue;
            }
            List<String> expected = new ArrayList<>();
            for (int j = i + 1; j < doc.size() && !doc.get(j).isEmpty() && !doc.get(j).startsWith("```"); j++) {
                expected.add(doc.get(j));
            }
            String[] question = doc.get(i).substring("$ watasu explain ".length()).split(" ");
            List<String> actual = explain(question).stdout().replace(config + ":", "watasu.yaml:")
                    .replace(" --file " + config, "").lines().toList();
            assertMatches(expected, actual, doc.get(i));
            checked++;
        }
        assertEquals(4, checked, "documented explain examples");
    }

    private static void assertMatches(List<String> expected, List<String> actual, String what) {
        int a = 0;
        for (int e = 0; e < expected.size(); e++) {
            if (expected.get(e).trim().equals("...")) {
                String next = e + 1 < expected.size() ? expected.get(e + 1) : null;
                while (a < actual.size() && !actual.get(a).equals(next)) {
                    a++;
                }
                continue;
            }
            assertTrue(a < actual.size(), what + ": output ends before " + expected.get(e));
            assertEquals(expected.get(e), actual.get(a++), what);
        }
        assertEquals(actual.size(), a, what + ": output has more lines than documented");
    }
}
