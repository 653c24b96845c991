package io.watasu.names;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesRulesTest {
    @Test
    void dnsLabelProblemsAreExplained() {
        assertNull(Names.dnsLabelProblem("api-2", true));
        assertNull(Names.dnsLabelProblem("2api", false));
        assertEquals("it must start with a lower-case letter", Names.dnsLabelProblem("2api", true));
        assertEquals("it is empty", Names.dnsLabelProblem("", false));
        assertEquals("it is 64 characters, over the 63 allowed", Names.dnsLabelProblem("a".repeat(64), false));
        assertEquals("it contains '.': only lower-case letters, digits and '-' are allowed",
                Names.dnsLabelProblem("a.b", false));
        assertEquals("it must end with a lower-case letter or digit", Names.dnsLabelProblem("api-", false));
    }

    @Test
    void subdomainsAreDotSeparatedLabels() {
        assertTrue(Names.isDns1123Subdomain("apps.example.com"));
        assertFalse(Names.isDns1123Subdomain("apps..example.com"));
        assertFalse(Names.isDns1123Subdomain("Apps.example.com"));
        assertFalse(Names.isDns1123Subdomain("a".repeat(64) + ".com"));
        assertFalse(Names.isDns1123Subdomain(("a".repeat(60) + ".").repeat(5) + "com"));
    }

    @Test
    void labelKeysAndValuesFollowKubernetes() {
        assertTrue(Names.isLabelKey("app.kubernetes.io/name"));
        assertTrue(Names.isLabelKey("k8s-app"));
        assertFalse(Names.isLabelKey("/name"));
        assertFalse(Names.isLabelKey("Example.com/name"));
        assertFalse(Names.isLabelKey("name-"));
        assertTrue(Names.isLabelValue(""));
        assertTrue(Names.isLabelValue("Kube_DNS.v1"));
        assertFalse(Names.isLabelValue("-x"));
        assertFalse(Names.isLabelValue("x".repeat(64)));
    }

    @Test
    void systemNamespacesAreReservedByNameOrPrefix() {
        for (String reserved : List.of("default", "kube-system", "kube-anything", "argocd", "calico-system",
                "calico-apiserver", "tigera-operator", "cilium", "cilium-secrets", "cert-manager", "istio-system",
                "istio-ingress", "linkerd", "linkerd-viz", "openshift-monitoring", "gatekeeper-system",
                "metallb-system", "monitoring", "flux-system", "ingress-nginx", "local-path-storage", "gke-managed-x",
                "amazon-cloudwatch", "aws-observability", "azure-arc")) {
            assertTrue(Names.systemNamespace(reserved).isPresent(), reserved);
        }
        for (String free : List.of("acme", "kube", "defaults", "ciliumx", "istio", "openshiftx", "my-monitoring",
                "cert-manager-team", "argocd2")) {
            assertFalse(Names.systemNamespace(free).isPresent(), free);
        }
    }

    @Test
    void everyBuiltInReservationIsAValidPattern() {
        Names.SYSTEM_NAMESPACES.forEach(r -> assertNull(Names.namespacePatternProblem(r.pattern()), r.pattern()));
    }

    @Test
    void namespacePatternsAreLabelsOrLabelPrefixesEndingInAStar() {
        assertNull(Names.namespacePatternProblem("infra"));
        assertNull(Names.namespacePatternProblem("infra-*"));
        assertNull(Names.namespacePatternProblem("ops*"));
        assertEquals("a lone '*' would reserve every namespace", Names.namespacePatternProblem("*"));
        assertEquals("it contains '*': only lower-case letters, digits and '-' are allowed",
                Names.namespacePatternProblem("in*fra"));
        assertEquals("'*' may only end a prefix of a namespace name (lower-case letters, digits and '-', starting"
                + " with a letter or digit, at most 62 characters)", Names.namespacePatternProblem("-x*"));
        assertEquals("'*' may only end a prefix of a namespace name (lower-case letters, digits and '-', starting"
                + " with a letter or digit, at most 62 characters)", Names.namespacePatternProblem("a**"));
        assertEquals("'*' may only end a prefix of a namespace name (lower-case letters, digits and '-', starting"
                + " with a letter or digit, at most 62 characters)", Names.namespacePatternProblem("a".repeat(63) + "*"));
    }

    @Test
    void repositoryPathsHaveOnePlainSpelling() {
        assertEquals("clusters/prod", Names.repositoryPath("clusters/prod"));
        assertEquals("clusters/prod-eu_1.v2", Names.repositoryPath("clusters/prod-eu_1.v2/"));
        assertEquals("'c/.GIT' is not a path watasu writes to inside a repository: segment '.GIT' starts with '.',"
                + " which Git, watasu and Argo CD treat specially (.git, .gitmodules, .watasu; Argo CD skips such"
                + " folders); choose a name without it", problem("c/.GIT"));
        assertEquals("'clusters/prod\\u000Awatasu: ok' is not a path watasu writes to inside a repository: segment"
                + " 'prod\\u000Awatasu: ok' contains the character U+000A; use only letters, digits, '-', '_' and '.'",
                problem("clusters/prod\nwatasu: ok"));
        assertTrue(problem("a//b").contains("empty segment"));
        assertTrue(problem("./a").contains("'.' segment"));
        assertTrue(problem("a/../b").contains("'..' segment"));
        assertTrue(problem("/etc").contains("absolute"));
        assertTrue(problem("C:/x").contains("absolute"));
        assertTrue(problem("a\\b").contains("separate folders with '/'"));
        assertTrue(problem("clusters/GIT~1").contains("contains '~'"));
        assertTrue(problem("clusters/x.").contains("ends with '.'"));
        assertTrue(problem("clusters/NUL.yaml").contains("device name"));
        assertTrue(problem("clusters/\u200c.git").contains("U+200C"));
        assertTrue(problem("-x").contains("starts with '-'"));
        assertTrue(problem("").contains("empty"));
        assertTrue(problem("a/" + "x".repeat(256)).contains("256 characters"));
    }

    private static String problem(String path) {
        try {
            Names.repositoryPath(path);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + path);
    }
}
