package io.watasu.verify;

import io.watasu.config.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiers of the Kubernetes network-policy-api, each rule checked against answers derived by hand from the API's
 * own words (the CRD descriptions in testdata/third-party/schemas/network-policy-api): AdminNetworkPolicies by
 * ascending priority with the first matching rule deciding, Pass handing over to the NetworkPolicies, the
 * BaselineAdminNetworkPolicy only where no NetworkPolicy selects the pod, and ClusterNetworkPolicy's Admin and
 * Baseline tiers the same way.
 */
class AdminPolicySemanticsTest {
    /** Namespaces a, b, c (label team=<name>), one Deployment each (a/x, b/y, c/z) serving TCP 8080 named http. */
    static final String TOPOLOGY = """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Namespace, metadata: {name: a, labels: {team: a}}}
            - {apiVersion: v1, kind: Namespace, metadata: {name: b, labels: {team: b}}}
            - {apiVersion: v1, kind: Namespace, metadata: {name: c, labels: {team: c}}}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: x, namespace: a}
              spec: {template: {metadata: {labels: {app: x}}, spec: {containers: [{ports: [{name: http, containerPort: 8080}]}]}}}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: y, namespace: b}
              spec: {template: {metadata: {labels: {app: y}}, spec: {containers: [{ports: [{name: http, containerPort: 8080}]}]}}}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: z, namespace: c}
              spec: {template: {metadata: {labels: {app: z}}, spec: {containers: [{ports: [{name: http, containerPort: 8080}]}]}}}
            """;
    static final String ALL_BUT_TCP_8080 = "SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535";

    static List<String> lines(String... policies) throws ManifestException {
        String[] files = new String[policies.length + 1];
        files[0] = TOPOLOGY;
        System.arraycopy(policies, 0, files, 1, policies.length);
        return SemanticsTest.connlist(files).lines().toList();
    }

    /** The connection line between two workloads, or "denied". */
    static String between(List<String> lines, String from, String to) {
        String prefix = from + " => " + to + " : ";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElse("denied");
    }

    static String anp(String name, int priority, String subject, String ingressRules) {
        return "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: " + name
                + "}\nspec:\n  priority: " + priority + "\n  subject: " + subject + "\n  ingress:\n" + ingressRules;
    }

    static final String X = "a/x[Deployment]";
    static final String Y = "b/y[Deployment]";
    static final String Z = "c/z[Deployment]";

    @Test
    void theLowerPriorityNumberIsEvaluatedFirst() throws Exception {
        String allowFromB = """
                  - {name: allow-b, action: Allow, from: [{namespaces: {matchLabels: {team: b}}}]}
                """;
        String denyHttpFromB = """
                  - {name: deny-b-http, action: Deny, from: [{namespaces: {matchLabels: {team: b}}}], ports: [{portNumber: {protocol: TCP, port: 8080}}]}
                """;
        // Deny (priority 10) is seen before Allow (priority 20): TCP 8080 from b is denied, the rest allowed.
        List<String> denyFirst = lines(anp("deny", 10, "{namespaces: {matchLabels: {team: a}}}", denyHttpFromB),
                anp("allow", 20, "{namespaces: {}}", allowFromB));
        assertEquals(ALL_BUT_TCP_8080, between(denyFirst, Y, X));
        assertEquals("All Connections", between(denyFirst, Z, X), "c is named by no rule: default allow");
        // The same policies with their priorities swapped: Allow decides everything first.
        List<String> allowFirst = lines(anp("deny", 20, "{namespaces: {matchLabels: {team: a}}}", denyHttpFromB),
                anp("allow", 10, "{namespaces: {}}", allowFromB));
        assertEquals("All Connections", between(allowFirst, Y, X));
    }

    @Test
    void withinAPolicyTheFirstMatchingRuleDecides() throws Exception {
        String rules = """
                  - {name: deny-http, action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 8080}}]}
                  - {name: allow-all, action: Allow, from: [{namespaces: {}}]}
                """;
        assertEquals(ALL_BUT_TCP_8080, between(lines(anp("p", 1, "{namespaces: {matchLabels: {team: a}}}", rules)),
                Y, X));
        String swapped = """
                  - {name: allow-all, action: Allow, from: [{namespaces: {}}]}
                  - {name: deny-http, action: Deny, from: [{namespaces: {}}], ports: [{portNumber: {protocol: TCP, port: 8080}}]}
                """;
        assertEquals("All Connections", between(lines(anp("p", 1, "{namespaces: {matchLabels: {team: a}}}", swapped)),
                Y, X));
    }

    @Test
    void anAllowOverridesTheNetworkPoliciesAndADenyCannotBeReopenedByThem() throws Exception {
        String denyAllIntoA = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: a}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """;
        String allowAllIntoA = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-all, namespace: a}
                spec: {podSelector: {}, ingress: [{}]}
                """;
        List<String> allowed = lines(denyAllIntoA, anp("p", 5, "{namespaces: {matchLabels: {team: a}}}", """
                  - {action: Allow, from: [{pods: {namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: y}}}}]}
                """));
        assertEquals("All Connections", between(allowed, Y, X));
        assertEquals("denied", between(allowed, Z, X), "the NetworkPolicy still isolates a/x from c");
        List<String> denied = lines(allowAllIntoA, anp("p", 5, "{namespaces: {matchLabels: {team: a}}}", """
                  - {action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}
                """));
        assertEquals("denied", between(denied, Y, X));
        assertEquals("All Connections", between(denied, Z, X));
    }

    @Test
    void passSkipsTheRemainingAdminRulesAndLetsTheNetworkPoliciesOrTheBaselineDecide() throws Exception {
        String onlyHttpIntoA = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: http-only, namespace: a}
                spec: {podSelector: {}, ingress: [{ports: [{port: 8080}]}]}
                """;
        String passThenDeny = anp("pass", 1, "{namespaces: {}}", """
                  - {name: pass-b, action: Pass, from: [{namespaces: {matchLabels: {team: b}}}]}
                """);
        String laterDeny = anp("deny", 2, "{namespaces: {}}", """
                  - {name: deny-b, action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}
                """);
        String baselineDenyB = """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: BaselineAdminNetworkPolicy
                metadata: {name: default}
                spec:
                  subject: {namespaces: {}}
                  ingress:
                  - {action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}
                """;
        List<String> result = lines(onlyHttpIntoA, passThenDeny, laterDeny, baselineDenyB);
        // a/x: its NetworkPolicy decides what was passed (TCP 8080); the later Deny and the baseline never see it.
        assertEquals("TCP 8080", between(result, Y, X));
        // c/z: no NetworkPolicy selects it, so what was passed goes to the baseline, which denies b.
        assertEquals("denied", between(result, Y, Z));
        assertEquals("All Connections", between(result, X, Z), "a is named by no rule: default allow");
    }

    @Test
    void theBaselineDecidesOnlyForPodsNoNetworkPolicySelects() throws Exception {
        String baseline = """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: BaselineAdminNetworkPolicy
                metadata: {name: default}
                spec:
                  subject: {namespaces: {}}
                  ingress:
                  - {name: allow-http, action: Allow, from: [{namespaces: {}}], ports: [{portRange: {protocol: TCP, start: 8000, end: 8080}}]}
                  - {name: deny-rest, action: Deny, from: [{namespaces: {}}]}
                """;
        String openA = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open, namespace: a}
                spec: {podSelector: {}, ingress: [{}]}
                """;
        List<String> result = lines(baseline, openA);
        assertEquals("All Connections", between(result, Y, X), "a/x is selected by a NetworkPolicy");
        assertEquals("TCP 8000-8080", between(result, X, Y), "b/y falls to the baseline: its first rule, then deny");
    }

    @Test
    void namedPortsTakeTheContainerPortsProtocolAndNetworksSplitTheExternalDestinations() throws Exception {
        String udpWorkload = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: w, namespace: c}
                spec: {template: {metadata: {labels: {app: w}}, spec: {containers: [{ports: [{name: http, containerPort: 5353, protocol: UDP}]}]}}}
                """;
        String namedPort = anp("named", 3, "{namespaces: {}}", """
                  - {action: Allow, from: [{namespaces: {matchLabels: {team: b}}}], ports: [{namedPort: http}]}
                  - {action: Deny, from: [{namespaces: {}}]}
                """);
        List<String> named = lines(udpWorkload, namedPort);
        assertEquals("TCP 8080", between(named, Y, X));
        assertEquals("UDP 5353", between(named, Y, "c/w[Deployment]"), "the protocol is the container port's");
        assertEquals("denied", between(named, X, "c/w[Deployment]"));
        String egress = """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata: {name: dns}
                spec:
                  priority: 4
                  subject: {namespaces: {matchLabels: {team: a}}}
                  egress:
                  - {action: Deny, to: [{networks: [8.8.8.8/32]}], ports: [{portNumber: {protocol: UDP, port: 53}}]}
                  - {action: Deny, to: [{nodes: {matchLabels: {role: worker}}}]}
                """;
        List<String> result = lines(egress);
        assertEquals("All Connections", between(result, X, "0.0.0.0-8.8.8.7[External]"));
        assertEquals("SCTP 1-65535,TCP 1-65535,UDP 1-52,54-65535", between(result, X, "8.8.8.8-8.8.8.8[External]"));
        assertEquals("All Connections", between(result, X, "8.8.8.9-255.255.255.255[External]"));
        assertEquals("All Connections", between(result, X, Y), "a nodes peer matches no pod");
        assertEquals("All Connections", between(result, Y, "8.8.8.8-8.8.8.8[External]"), "b is not the subject");
    }

    static String cnp(String name, String tier, int priority, String subject, String ingressRules) {
        return "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: " + name
                + "}\nspec:\n  tier: " + tier + "\n  priority: " + priority + "\n  subject: " + subject
                + "\n  ingress:\n" + ingressRules;
    }

    @Test
    void clusterNetworkPolicyTiersFollowTheSameOrder() throws Exception {
        String adminAccept = cnp("accept-b", "Admin", 10, "{namespaces: {matchLabels: {team: a}}}", """
                  - {action: Accept, from: [{namespaces: {matchLabels: {team: b}}}], protocols: [{tcp: {destinationPort: {number: 8080}}}]}
                  - {action: Pass, from: [{namespaces: {matchLabels: {team: b}}}]}
                """);
        String baselineLow = cnp("deny-all", "Baseline", 50, "{namespaces: {}}", """
                  - {action: Deny, from: [{namespaces: {}}]}
                """);
        String baselineHigh = cnp("udp-ok", "Baseline", 20, "{namespaces: {}}", """
                  - {action: Accept, from: [{pods: {podSelector: {}}}], protocols: [{udp: {}}]}
                  - {action: Pass, from: [{namespaces: {matchLabels: {team: c}}}]}
                """);
        List<String> result = lines(adminAccept, baselineLow, baselineHigh);
        // b -> a: TCP 8080 accepted in the Admin tier; the rest passed to the baseline: UDP accepted (priority 20),
        // the rest denied (priority 50).
        assertEquals("TCP 8080,UDP 1-65535", between(result, Y, X));
        // c -> b: Pass in the baseline tier skips the remaining baseline rules: allowed by default.
        assertEquals("All Connections", between(result, Z, Y));
        // a -> b: UDP accepted, the rest denied.
        assertEquals("UDP 1-65535", between(result, X, Y));
    }

    @Test
    void aPeerOfUnknownShapeFailsClosed() throws Exception {
        ManifestSet manifests = ManifestReader.parse(Map.of("t.yaml", TOPOLOGY, "p.yaml",
                cnp("deny-unknown", "Admin", 1, "{namespaces: {matchLabels: {team: a}}}", """
                          - {action: Deny, from: [{futurePeer: {}}]}
                        """) + "---\n" + cnp("accept-unknown", "Admin", 2, "{namespaces: {matchLabels: {team: b}}}", """
                          - {action: Accept, from: [{futurePeer: {}}]}
                          - {action: Deny, from: [{namespaces: {}}], protocols: [{tcp: {destinationPort: {number: 8080}}}]}
                        """)));
        List<String> result = ConnlistFormat.CONNLIST.render(ConnectivityAnalyzer.analyze(manifests).connections(),
                manifests.workloads()).lines().toList();
        assertEquals("denied", between(result, Y, X), "a Deny rule with an unknown peer denies everything");
        assertEquals(ALL_BUT_TCP_8080, between(result, X, Y), "an Accept rule with an unknown peer matches nothing");
        assertEquals(2, manifests.warnings().size(), manifests.warnings().toString());
        assertTrue(manifests.warnings().get(0).format().startsWith("p.yaml:9:27: warning: peer with none"),
                manifests.warnings().get(0).format());
    }

    @Test
    void invalidAdminPoliciesAreErrorsAtTheirPosition() {
        Map<String, String> twoWithOnePriority = new LinkedHashMap<>();
        String allowAll = "  - {action: Allow, from: [{namespaces: {}}]}\n";
        twoWithOnePriority.put("one.yaml", anp("one", 7, "{namespaces: {}}", allowAll));
        twoWithOnePriority.put("two.yaml", anp("two", 7, "{namespaces: {}}", allowAll));
        ManifestException samePriority = assertThrows(ManifestException.class,
                () -> ManifestReader.parse(twoWithOnePriority));
        assertEquals("two.yaml:1:1: error: AdminNetworkPolicy 'two' and AdminNetworkPolicy 'one' (one.yaml:1:1) share"
                + " priority 7 in the admin tier and may select the same pods, which leaves their order undefined"
                + " (give each a priority of its own)", samePriority.getMessage());
        ManifestException range = assertThrows(ManifestException.class, () -> ManifestReader.parse(Map.of("p.yaml",
                anp("p", 1001, "{namespaces: {}}", allowAll))));
        assertEquals("p.yaml:5:13: error: priority 1001 is outside 0-1000 (give a priority from 0 to 1000)",
                range.getMessage());
        ManifestException name = assertThrows(ManifestException.class, () -> ManifestReader.parse(Map.of("b.yaml", """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: BaselineAdminNetworkPolicy
                metadata: {name: strict}
                spec: {subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}
                """)));
        assertEquals(Diagnostic.Severity.ERROR, name.diagnostic().severity());
        assertTrue(name.getMessage().startsWith("b.yaml:3:18: error: a BaselineAdminNetworkPolicy must be named"
                + " 'default'"), name.getMessage());
        ManifestException pass = assertThrows(ManifestException.class, () -> ManifestReader.parse(Map.of("b.yaml", """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: BaselineAdminNetworkPolicy
                metadata: {name: default}
                spec: {subject: {namespaces: {}}, ingress: [{action: Pass, from: [{namespaces: {}}]}]}
                """)));
        assertTrue(pass.getMessage().contains("cannot Pass"), pass.getMessage());
    }
}
