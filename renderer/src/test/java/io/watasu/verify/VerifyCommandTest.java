package io.watasu.verify;

import io.watasu.testing.TestData;
import io.watasu.cli.ExitCodes;
import io.watasu.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu verify} through the real command line wiring. */
class VerifyCommandTest {
    static final String WATASU_YAML = """
            version: 1
            teams:
              acme:
                apps:
                  grpc-app:
                    processes:
                      web: bundle exec puma
                      grpc-tcp: { command: grpc_server, port: 50051 }
                    trust: [api-app]
                  api-app:
                    processes:
                      web: node server.js
                      api-tcp: { command: node api.js, port: 7000 }
                      worker: node worker.js
              globex:
                apps:
                  db-app:
                    processes:
                      db-tcp: { command: postgres, port: 5432 }
                  voice-app:
                    processes:
                      voice-rtc: { command: sfu, port: 3478 }
            """;

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(out, err).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsConnectionsInEveryFormat() throws Exception {
        Path caseDir = TestData.netpolCases().resolve("netpol-analysis-example-minimal");
        Run text = run("verify", caseDir.toString());
        assertEquals(ExitCodes.OK, text.exitCode(), text.err());
        assertEquals(Files.readString(caseDir.resolve("netpol-analysis-example-minimal_connlist_output.txt")),
                text.out());
        Path json = tmp.resolve("out.json");
        Run toFile = run("verify", caseDir.toString(), "--format", "json", "--output", json.toString());
        assertEquals(ExitCodes.OK, toFile.exitCode(), toFile.err());
        assertEquals("", toFile.out());
        assertEquals(Files.readString(caseDir.resolve("netpol-analysis-example-minimal_connlist_output.json")),
                Files.readString(json));
        Run dot = run("verify", caseDir.toString(), "--format", "dot");
        assertTrue(dot.out().startsWith("digraph {\n\tsubgraph \"cluster_default[namespace]\" {\n"), dot.out());
        assertTrue(dot.out().contains("\t\"default/frontend[Deployment]\" -> \"default/backend[Deployment]\""
                + " [label=\"TCP 9090\" color=\"gold2\" fontcolor=\"darkgreen\" weight=1]\n"), dot.out());
    }

    @Test
    void aMalformedManifestIsReportedWithFileAndLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("manifests"));
        Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: acme}
                spec:
                  podSelector:
                    matchExpressions: [{key: a, operator: Has}]
                """);
        Run r = run("verify", dir.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertEquals(dir.resolve("bad.yaml") + ":6:43: error: unknown operator 'Has'"
                + " (expected In, NotIn, Exists or DoesNotExist) (correct the object or move its file out of the"
                + " directory)\n", r.err());
        Files.writeString(dir.resolve("bad.yaml"), "kind: Service\nmetadata: {name: [\n");
        Run syntax = run("verify", dir.toString());
        assertEquals(ExitCodes.INVALID_INPUT, syntax.exitCode());
        assertTrue(syntax.err().startsWith(dir.resolve("bad.yaml") + ":3:1: error: not valid"),
                syntax.err());
    }

    @Test
    void usageAndIoErrorsHaveTheirExitCodes() {
        Run missing = run("verify", tmp.resolve("missing").toString());
        assertEquals(ExitCodes.FAILURE, missing.exitCode());
        assertEquals("watasu: error: cannot read " + tmp.resolve("missing") + ": no such file or directory (give the"
                + " directory of manifests)\n", missing.err());
        Run badFormat = run("verify", tmp.toString(), "--format", "xml");
        assertEquals(ExitCodes.USAGE, badFormat.exitCode());
        assertTrue(badFormat.err().contains("unknown --format 'xml'"), badFormat.err());
        Run help = run("verify", "--help");
        assertEquals(ExitCodes.OK, help.exitCode());
        assertTrue(help.out().contains("--config=FILE"), help.out());
    }

    @Test
    void configCheckPassesOnACorrectRenderingAndListsViolationsOtherwise() throws Exception {
        Path config = Files.writeString(tmp.resolve("watasu.yaml"), WATASU_YAML);
        Path good = Files.createDirectories(tmp.resolve("good"));
        Files.writeString(good.resolve("acme.yaml"), IntentCheckTest.correctAcme());
        Files.writeString(good.resolve("globex.yaml"), IntentCheckTest.globex());
        Run ok = run("verify", good.toString(), "--config", config.toString());
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.out() + ok.err());
        assertEquals("", ok.out());

        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("acme.yaml"), IntentCheckTest.correctAcme());
        Files.writeString(bad.resolve("globex.yaml"), IntentCheckTest.globex().replace(
                "values: [db-app]}]\n    ports: [{protocol: TCP, port: 5432}]",
                "values: [db-app]}]\n    - namespaceSelector: {}\n    ports: [{protocol: TCP, port: 5432}]"));
        Run violations = run("verify", bad.toString(), "--config", config.toString());
        assertEquals(ExitCodes.INVALID_INPUT, violations.exitCode(), violations.err());
        String cause = " (policy globex/db-app-db-tcp-ingress)";
        String copies = "must not get in" + cause;
        assertEquals(List.of(
                "dns(kube-system) -> globex/db-app:db-tcp TCP 5432 allowed, but nothing but the contract's peers"
                        + " reaches a process (default deny)" + cause,
                "ingress-controller(ingress-nginx) -> globex/db-app:db-tcp TCP 5432 allowed, but the ingress"
                        + " controller reaches web processes only" + cause,
                "watasu-verify-probe/label-copy-of-acme/api-app -> globex/db-app:db-tcp TCP 5432 allowed, but a pod"
                        + " outside team acme's namespace that copies the labels of acme/api-app " + copies,
                "watasu-verify-probe/label-copy-of-acme/grpc-app -> globex/db-app:db-tcp TCP 5432 allowed, but a pod"
                        + " outside team acme's namespace that copies the labels of acme/grpc-app " + copies,
                "watasu-verify-probe/label-copy-of-dns -> globex/db-app:db-tcp TCP 5432 allowed, but a pod outside"
                        + " its namespace that copies the labels of dns " + copies,
                "watasu-verify-probe/label-copy-of-globex/db-app -> globex/db-app:db-tcp TCP 5432 allowed, but a pod"
                        + " outside team globex's namespace that copies the labels of globex/db-app " + copies,
                "watasu-verify-probe/label-copy-of-globex/voice-app -> globex/db-app:db-tcp TCP 5432 allowed, but a"
                        + " pod outside team globex's namespace that copies the labels of globex/voice-app " + copies,
                "watasu-verify-probe/label-copy-of-ingress-controller -> globex/db-app:db-tcp TCP 5432 allowed, but"
                        + " a pod outside its namespace that copies the labels of ingress-controller " + copies,
                "watasu-verify-probe/outside-pod -> globex/db-app:db-tcp TCP 5432 allowed, but pods outside the teams'"
                        + " namespaces never get in" + cause),
                violations.out().lines().toList());
        assertTrue(violations.err().contains("violation"), violations.err());

        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "version: 1\nteams: 3\n");
        Run invalid = run("verify", good.toString(), "--config", broken.toString());
        assertEquals(ExitCodes.INVALID_INPUT, invalid.exitCode());
        assertTrue(invalid.err().startsWith(broken + ":2:"), invalid.err());
    }

    @Test
    void objectsThatAreNotEvaluatedAreReportedAndStrictMakesThemFail() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cilium"));
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: ns}
                spec: {template: {metadata: {labels: {app: a}}}}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: l7, namespace: ns}
                spec: {endpointSelector: {}}
                """);
        Run lenient = run("verify", dir.toString());
        assertEquals(ExitCodes.OK, lenient.exitCode(), lenient.err());
        assertTrue(lenient.err().startsWith(dir.resolve("app.yaml") + ":6:1: warning: CiliumNetworkPolicy ns/l7"
                + " (cilium.io) is not evaluated"), lenient.err());
        Run strict = run("verify", dir.toString(), "--strict");
        assertEquals(ExitCodes.INVALID_INPUT, strict.exitCode());
        assertTrue(strict.err().endsWith("verify: --strict: 1 object(s) in " + dir + " can change traffic but are not"
                + " evaluated (listed above)\n"), strict.err());
        assertEquals(lenient.out(), strict.out(), "the list is printed either way");
    }

    @Test
    void focusWorkloadAndExplainLimitAndJustifyTheList() throws Exception {
        Path caseDir = TestData.netpolCases().resolve("netpol-analysis-example-minimal");
        Run focused = run("verify", caseDir.toString(), "--focus-workload", "default/backend");
        assertEquals(ExitCodes.OK, focused.exitCode(), focused.err());
        assertEquals(List.of("default/frontend[Deployment] => default/backend[Deployment] : TCP 9090"),
                focused.out().lines().toList());
        Run explained = run("verify", caseDir.toString(), "--focus-workload", "backend", "--explain");
        assertEquals(ExitCodes.OK, explained.exitCode(), explained.err());
        String netpols = caseDir.resolve("netpols.yaml").toString();
        assertTrue(explained.out().contains("default/frontend[Deployment] => default/backend[Deployment]: allowed TCP"
                + " 9090\n  egress of default/frontend[Deployment]:\n    NetworkPolicy default/frontend-netpol egress"
                + " rule 1 (" + netpols + ":31:5) allows TCP 9090\n"), explained.out());
        assertTrue(explained.out().contains("default/backend[Deployment] => default/frontend[Deployment]: denied\n"),
                explained.out());
        Run unknown = run("verify", caseDir.toString(), "--focus-workload", "backnd");
        assertEquals(ExitCodes.INVALID_INPUT, unknown.exitCode());
        assertTrue(unknown.err().contains("no workload in " + caseDir + " is named backnd"), unknown.err());
        Run json = run("verify", caseDir.toString(), "--explain", "--format", "json");
        assertEquals(ExitCodes.USAGE, json.exitCode(), json.err());
    }

    @Test
    void renderedOutputWithoutPodsSaysWhyTheListIsEmpty() throws Exception {
        Path config = Files.writeString(tmp.resolve("watasu.yaml"), WATASU_YAML);
        Path out = tmp.resolve("rendered");
        assertEquals(ExitCodes.OK, run("render", config.toString(), "--out", out.toString(), "--quiet").exitCode());
        Run listed = run("verify", out.toString());
        assertEquals(ExitCodes.OK, listed.exitCode(), listed.err());
        assertEquals("", listed.out());
        assertTrue(listed.err().contains("holds no Pods or workloads, so there is nothing to connect: an empty list"
                + " does not mean that everything is denied") && listed.err().contains("--config watasu.yaml"),
                listed.err());
    }

    @Test
    void ipv6PeersAreListedOnRequest() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("v6"));
        Files.writeString(dir.resolve("m.yaml"), Ipv6Test.MANIFESTS);
        Run ipv4 = run("verify", dir.toString());
        assertEquals(2, ipv4.out().lines().count(), ipv4.out());
        assertTrue(ipv4.err().startsWith("verify: " + dir.resolve("m.yaml") + ":13:5: the policies name IPv6"
                + " addresses;"), ipv4.err());
        Run both = run("verify", dir.toString(), "--ipv6");
        assertEquals(5, both.out().lines().count(), both.out());
        assertEquals("", both.err());
        Run help = run("verify", "--help");
        for (String option : List.of("--strict", "--focus-workload=NAME", "--explain", "--ipv6")) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
    }
}
