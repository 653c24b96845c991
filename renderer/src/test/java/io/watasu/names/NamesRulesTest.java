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
}
