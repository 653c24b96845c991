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
}
