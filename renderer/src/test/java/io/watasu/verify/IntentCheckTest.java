package io.watasu.verify;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The intent check against a hand-written correct rendering, and against deliberately broken ones. */
class IntentCheckTest {
    static final App GRPC = new App("acme", "grpc-app",
            List.of(new Process("web", "bundle exec puma", 5000), new Process("grpc-tcp", "grpc_server", 50051)),
            List.of("api-app"));
    static final App API = new App("acme", "api-app",
            List.of(new Process("web", "node server.js", 5000), new Process("api-tcp", "node api.js", 7000),
                    new Process("worker", "node worker.js", 5000)),
            List.of());
    static final App DB = new App("globex", "db-app", List.of(new Process("db-tcp", "postgres", 5432)), List.of());
    static final App VOICE = new App("globex", "voice-app", List.of(new Process("voice-rtc", "sfu", 3478)), List.of());
    static final WatasuConfig CONFIG = new WatasuConfig(1, Platform.defaults(),
            List.of(new Team("acme", List.of(GRPC, API)), new Team("globex", List.of(DB, VOICE))));

    static final WatasuConfig DUAL_STACK = new WatasuConfig(1, Platform.defaults().withClusterCidrs(
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "fd00::/8",
                    "fe80::/10")), CONFIG.teams());

    private static final String CLUSTER_EXCEPT =
            "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16]";

    static String defaultDeny(String ns) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny, namespace: %s}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress, Egress]
                ---
                """.formatted(ns);
    }

    static String egressBaseline(String ns) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: egress-baseline, namespace: %s}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                      podSelector: {matchLabels: {k8s-app: kube-dns}}
                    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
                  - to:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
                    ports: [{protocol: TCP, port: 80}, {protocol: TCP, port: 443}]
                  - to:
                    - ipBlock: {cidr: 0.0.0.0/0, except: %s}
                ---
                """.formatted(ns, CLUSTER_EXCEPT);
    }

    static String web(String ns, String app, int port) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: %2$s-web-ingress, namespace: %1$s}
                spec:
                  podSelector: {matchLabels: {watasu.io/app: %2$s, watasu.io/process: web}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
                    ports: [{protocol: TCP, port: %3$d}]
                ---
                """.formatted(ns, app, port);
    }

    /** Ingress to app:process from the callers, and egress from the callers to it. */
    static String tcp(String ns, String app, String process, int port, List<String> callers) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: %2$s-%3$s-ingress, namespace: %1$s}
                spec:
                  podSelector: {matchLabels: {watasu.io/app: %2$s, watasu.io/process: %3$s}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - podSelector:
                        matchExpressions: [{key: watasu.io/app, operator: In, values: %5$s}]
                    ports: [{protocol: TCP, port: %4$d}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: %2$s-%3$s-callers-egress, namespace: %1$s}
                spec:
                  podSelector:
                    matchExpressions: [{key: watasu.io/app, operator: In, values: %5$s}]
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - podSelector: {matchLabels: {watasu.io/app: %2$s, watasu.io/process: %3$s}}
                    ports: [{protocol: TCP, port: %4$d}]
                ---
                """.formatted(ns, app, process, port, callers);
    }

    static String rtc(String ns, String app, String process, int port) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: %2$s-%3$s-ingress, namespace: %1$s}
                spec:
                  podSelector: {matchLabels: {watasu.io/app: %2$s, watasu.io/process: %3$s}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - ipBlock: {cidr: 0.0.0.0/0, except: %5$s}
                    ports: [{protocol: UDP, port: %4$d}]
                ---
                """.formatted(ns, app, process, port, CLUSTER_EXCEPT);
    }

    static String acme(String defaultDeny, String grpcTcp, String apiTcp) {
        return defaultDeny + egressBaseline("acme") + web("acme", "grpc-app", 5000) + web("acme", "api-app", 5000)
                + grpcTcp + apiTcp;
    }

    static String globex() {
        return defaultDeny("globex") + egressBaseline("globex") + tcp("globex", "db-app", "db-tcp", 5432, List.of("db-app"))
                + rtc("globex", "voice-app", "voice-rtc", 3478);
    }

    static String correctAcme() {
        return acme(defaultDeny("acme"), tcp("acme", "grpc-app", "grpc-tcp", 50051, List.of("grpc-app", "api-app")),
                tcp("acme", "api-app", "api-tcp", 7000, List.of("api-app")));
    }

    static List<String> check(String manifests) throws ManifestException {
        return check(CONFIG, manifests);
    }

    static List<String> check(WatasuConfig config, String manifests) throws ManifestException {
        return IntentCheck.check(config, ManifestReader.parse(Map.of("rendered.yaml", manifests))).stream()
                .map(Violation::format).toList();
    }

    /** A policy of every pod in {@code ns} with one ipBlock peer, as egress or ingress. */
    static String ipBlockPolicy(String ns, boolean egress, String cidr, String except) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: ip-block, namespace: %s}
                spec:
                  podSelector: {}
                  policyTypes: [%s]
                  %s:
                  - %s:
                    - ipBlock: {cidr: '%s', except: %s}
                ---
                """.formatted(ns, egress ? "Egress" : "Ingress", egress ? "egress" : "ingress", egress ? "to" : "from",
                cidr, except);
    }

    static void assertHas(List<String> violations, String expected) {
        assertTrue(violations.contains(expected),
                "expected violation:\n  " + expected + "\nactual:\n  " + String.join("\n  ", violations));
    }

    @Test
    void aCorrectRenderingHasNoViolation() throws Exception {
        assertEquals(List.of(), check(correctAcme() + globex()));
    }

    @Test
    void aPeerWithAnEmptyNamespaceSelectorLetsLabelCopiesFromOtherNamespacesIn() throws Exception {
        String leaky = correctAcme().replace(
                "    - podSelector:\n        matchExpressions: [{key: watasu.io/app, operator: In, values: [grpc-app, api-app]}]",
                "    - namespaceSelector: {}\n      podSelector:\n"
                        + "        matchExpressions: [{key: watasu.io/app, operator: In, values: [grpc-app, api-app]}]");
        List<String> violations = check(leaky + globex());
        assertHas(violations, "watasu-verify-probe/label-copy-of-acme/api-app -> acme/grpc-app:grpc-tcp TCP 50051"
                + " allowed, but a pod outside team acme's namespace that copies the labels of acme/api-app must not"
                + " get in (policy acme/grpc-app-grpc-tcp-ingress)");
        assertHas(violations, "watasu-verify-probe/label-copy-of-acme/grpc-app -> acme/grpc-app:grpc-tcp TCP 50051"
                + " allowed, but a pod outside team acme's namespace that copies the labels of acme/grpc-app must not"
                + " get in (policy acme/grpc-app-grpc-tcp-ingress)");
        assertEquals(2, violations.size(), String.join("\n", violations));
    }

    @Test
    void withoutDefaultDenyUnselectedPodsAreOpen() throws Exception {
        String open = acme("", tcp("acme", "grpc-app", "grpc-tcp", 50051, List.of("grpc-app", "api-app")),
                tcp("acme", "api-app", "api-tcp", 7000, List.of("api-app")));
        List<String> violations = check(open + globex());
        assertHas(violations, "ingress-controller(ingress-nginx) -> acme/api-app:worker All Connections allowed, but"
                + " the ingress controller reaches web processes only (no policy isolates acme/api-app:worker for"
                + " ingress)");
        assertHas(violations, "watasu-verify-probe/label-copy-of-globex/db-app -> acme/api-app:worker All Connections"
                + " allowed, but a pod outside team globex's namespace that copies the labels of globex/db-app must not"
                + " get in (no policy isolates acme/api-app:worker for ingress)");
        assertHas(violations, "watasu-verify-probe/outside-pod -> acme/api-app:worker All Connections"
                + " allowed, but pods outside the teams' namespaces never get in (no policy isolates"
                + " acme/api-app:worker for ingress)");
        assertHas(violations, "external 0.0.0.0-9.255.255.255 -> acme/api-app:worker All Connections allowed, but"
                + " only *-rtc processes accept traffic from outside the cluster (web goes through the ingress"
                + " controller) (no policy isolates acme/api-app:worker for ingress)");
        assertTrue(violations.stream().noneMatch(v -> v.contains("-> globex/")),
                "globex keeps its default deny:\n" + String.join("\n", violations));
    }

    @Test
    void anEgressRuleToTheClusterRangesIsCaught() throws Exception {
        String wide = correctAcme() + """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: wide-egress, namespace: acme}
                spec:
                  podSelector: {matchLabels: {watasu.io/app: api-app}}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - ipBlock: {cidr: 10.0.0.0/8}
                ---
                """;
        List<String> violations = check(wide + globex());
        assertHas(violations, "acme/api-app:worker -> external 10.0.0.0-10.255.255.255 All Connections allowed, but"
                + " egress into the cluster ranges is limited to DNS, the ingress controller and trusted *-tcp"
                + " services (policy acme/wide-egress)");
        assertEquals(3, violations.size(), String.join("\n", violations));
    }

    @Test
    void anEgressRuleToAllNamespacesIsCaught() throws Exception {
        String wide = correctAcme() + """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: wide-egress, namespace: acme}
                spec:
                  podSelector: {matchLabels: {watasu.io/app: api-app, watasu.io/process: worker}}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - namespaceSelector: {}
                      podSelector: {}
                ---
                """;
        List<String> violations = check(wide + globex());
        assertHas(violations, "acme/api-app:worker -> dns(kube-system) SCTP 1-65535,TCP 1-52,54-65535,UDP 1-52,54-65535"
                + " allowed, but egress to DNS is UDP and TCP 53 only (policy acme/wide-egress)");
        assertHas(violations, "acme/api-app:worker -> watasu-verify-probe/outside-pod All Connections"
                + " allowed, but nothing leaves a pod towards pods the contract does not list (policy acme/wide-egress)");
    }

    @Test
    void trustAppliedTheWrongWayRoundIsCaughtBothWays() throws Exception {
        String reversed = acme(defaultDeny("acme"),
                tcp("acme", "grpc-app", "grpc-tcp", 50051, List.of("grpc-app")),
                tcp("acme", "api-app", "api-tcp", 7000, List.of("api-app", "grpc-app")));
        List<String> violations = check(reversed + globex());
        assertHas(violations, "acme/grpc-app:web -> acme/api-app:api-tcp TCP 7000 allowed, but api-app does not trust"
                + " grpc-app (trust is directional: api-app trusts []) (policy acme/api-app-api-tcp-ingress;"
                + " policy acme/api-app-api-tcp-callers-egress)");
        assertHas(violations, "acme/api-app:worker -> acme/grpc-app:grpc-tcp TCP 50051 denied, but pods of grpc-app"
                + " and of the apps it trusts must reach grpc-tcp on its port");
    }

    @Test
    void anIpv4InternetOfEveryAddressIsCaught() throws Exception {
        String everything = correctAcme().replace("cidr: 0.0.0.0/0, except: " + CLUSTER_EXCEPT, "cidr: 0.0.0.0/0");
        List<String> violations = check(everything + globex());
        assertHas(violations, "acme/api-app:worker -> external 10.0.0.0-10.255.255.255 All Connections allowed, but"
                + " egress into the cluster ranges is limited to DNS, the ingress controller and trusted *-tcp"
                + " services (policy acme/egress-baseline)");
        assertHas(violations, "acme/api-app:worker -> external 100.64.0.0-100.127.255.255 All Connections allowed,"
                + " but egress into the cluster ranges is limited to DNS, the ingress controller and trusted *-tcp"
                + " services (policy acme/egress-baseline)");
    }

    /** The violations that say too much is allowed (the dual-stack examples below lack the IPv6 internet too). */
    static List<String> allowedToo(List<String> violations) {
        return violations.stream().filter(v -> v.contains(" allowed, but ")).toList();
    }

    static final String FD00 = "fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
    static final String FE80 = "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

    @Test
    void anIpv6InternetRuleCoveringIpv6ClusterRangesIsCaught() throws Exception {
        List<String> violations = check(DUAL_STACK, correctAcme() + globex() + ipBlockPolicy("acme", true, "::/0", "[]"));
        assertHas(violations, "acme/api-app:worker -> external " + FD00 + " All Connections allowed, but egress into the"
                + " cluster ranges is limited to DNS, the ingress controller and trusted *-tcp services"
                + " (policy acme/ip-block)");
        assertHas(violations, "acme/grpc-app:grpc-tcp -> external " + FE80 + " All Connections allowed, but"
                + " link-local addresses are never the internet: pods reach only the platform.linkLocal entries and"
                + " platform.dns.addresses, on their ports (policy acme/ip-block)");
        assertEquals(10, allowedToo(violations).size(), String.join("\n", violations)); // 5 pods of acme x 2 ranges
    }

    @Test
    void anIpv6InternetThatLeavesOutTheClusterRangesPasses() throws Exception {
        assertEquals(List.of(), allowedToo(check(DUAL_STACK, correctAcme() + globex()
                + ipBlockPolicy("acme", true, "::/0", "['fd00::/8', 'fe80::/10']"))));
        assertEquals(List.of(), allowedToo(check(DUAL_STACK, correctAcme() + globex()
                + ipBlockPolicy("acme", true, "2000::/3", "[]"))));
        // An except that leaves part of a cluster range in is not enough.
        List<String> partly = allowedToo(check(DUAL_STACK, correctAcme() + globex()
                + ipBlockPolicy("acme", true, "::/0", "['fd00::/9', 'fd80::/10', 'fe80::/10']")));
        assertHas(partly, "acme/api-app:web -> external fdc0::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff All"
                + " Connections allowed, but egress into the cluster ranges is limited to DNS, the ingress controller"
                + " and trusted *-tcp services (policy acme/ip-block)");
        assertEquals(5, partly.size(), String.join("\n", partly));
        // Where a dual-stack rendering reaches the IPv6 internet, the contract promises it.
        assertHas(check(DUAL_STACK, correctAcme() + globex()), "acme/api-app:web -> external"
                + " ::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff All Connections denied, but every pod must reach the"
                + " internet (2001:4860:4860::8888)");
    }

    @Test
    void anyIpv6RuleIsCaughtWhenNoIpv6ClusterRangeIsListed() throws Exception {
        List<String> violations = check(correctAcme() + globex() + ipBlockPolicy("acme", true, "2000::/3", "[]"));
        assertHas(violations, "acme/api-app:worker -> external 2000::-3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff All"
                + " Connections allowed, but IPv6 stays closed unless platform.clusterCidrs lists the cluster's IPv6"
                + " ranges (policy acme/ip-block)");
        assertEquals(5, violations.size(), String.join("\n", violations));
    }

    @Test
    void anRtcProcessOpenToIpv6ClusterAddressesIsCaught() throws Exception {
        List<String> violations = check(DUAL_STACK, correctAcme() + globex()
                + ipBlockPolicy("globex", false, "::/0", "['fe80::/10']"));
        assertHas(violations, "external " + FD00 + " -> globex/voice-app:voice-rtc All Connections allowed, but *-rtc"
                + " processes accept traffic from outside the cluster ranges only (policy globex/ip-block)");
        assertTrue(allowedToo(violations).stream().noneMatch(v -> v.startsWith("external " + FE80)),
                "fe80::/10 is left out: " + violations);
    }

    @Test
    void aRuleOfSeveralBlocksIsReportedForEveryRangeItOpens() throws Exception {
        // Both ranges lie in the same rule and in no contract range: the check judges them together and must still
        // name each of them, for every pod the rule selects.
        String twoBlocks = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: two-blocks, namespace: acme}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - ipBlock: {cidr: '2000::/3'}
                    - ipBlock: {cidr: '4000::/2'}
                ---
                """;
        List<String> violations = allowedToo(check(correctAcme() + globex() + twoBlocks));
        for (String range : List.of("2000::-3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "4000::-7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            assertHas(violations, "acme/grpc-app:web -> external " + range + " All Connections allowed, but IPv6"
                    + " stays closed unless platform.clusterCidrs lists the cluster's IPv6 ranges (policy"
                    + " acme/two-blocks)");
        }
        assertEquals(10, violations.size(), String.join("\n", violations)); // 5 pods of acme x 2 ranges
    }
}
