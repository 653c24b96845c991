package io.watasu.names;

import org.junit.jupiter.api.Test;

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
    void kubernetesAndPlatformNamespacesAreReserved() {
        assertTrue(Names.isReservedNamespace("default"));
        assertTrue(Names.isReservedNamespace("kube-anything"));
        assertTrue(Names.isReservedNamespace("argocd"));
        assertFalse(Names.isReservedNamespace("acme"));
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
