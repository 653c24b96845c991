package io.watasu.verify;

import io.watasu.model.Guardrails;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.review.AccessAnalysis;
import io.watasu.testing.Examples;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Admin-tier guardrails hold what a NetworkPolicy in a team namespace cannot undo: an allow-all policy injected
 * into every team folder opens nothing across teams and lets in no label copy from outside when they are rendered,
 * and does both when they are not, so it is the guardrail that holds.
 */
class GuardrailsVerifyTest {
    private static final String CROSS_TEAM = "apps of different teams can never reach each other";
    /** A label copy of a team's app in another namespace getting in (copies of platform pods are egress targets). */
    private static final String LABEL_COPY = "outside team ";

    private static Map<String, String> renderedWithAllowAll(WatasuConfig config) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile file : Renderer.render(config, RenderOptions.defaults()).files()) {
            files.put(file.relativePath(), file.content());
        }
        for (String team : List.of("acme", "globex")) {
            files.put(team + "/zz-allow-all.yaml", """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: allow-all, namespace: %s}
                    spec:
                      podSelector: {}
                      policyTypes: [Ingress, Egress]
                      ingress: [{}]
                      egress: [{}]
                    """.formatted(team));
        }
        return files;
    }

    private static WatasuConfig example(Guardrails.NetworkGuardrail network) {
        return Examples.load(Examples.exampleFile()).withGuardrails(new Guardrails(network,
                Guardrails.DEFAULT_PRIORITY, false, Guardrails.AdmissionMode.AUDIT, Guardrails.DEFAULT_DEPLOYERS,
                Guardrails.DEFAULT_POLICY_WRITERS));
    }

    private static List<String> wholePlatform(WatasuConfig config) throws ManifestException {
        return IntentCheck.check(config, ManifestReader.parse(renderedWithAllowAll(config))).stream()
                .map(Violation::format).toList();
    }

    private static List<String> teamByTeam(WatasuConfig config) throws ManifestException {
        return TeamIntentCheck.check(config, renderedWithAllowAll(config), List.of("acme", "globex")).stream()
                .map(Violation::format).toList();
    }

    @Test
    void withoutGuardrailsAnAllowAllPolicyOpensTeamsToEachOther() throws ManifestException {
        WatasuConfig config = example(Guardrails.NetworkGuardrail.NONE);
        assertTrue(wholePlatform(config).stream().anyMatch(v -> v.contains(CROSS_TEAM)));
        assertTrue(teamByTeam(config).stream().anyMatch(v -> v.contains(LABEL_COPY)));
    }

    @Test
    void withGuardrailsAnAllowAllPolicyOpensNothingAcrossTeams() throws ManifestException {
        for (Guardrails.NetworkGuardrail network : List.of(Guardrails.NetworkGuardrail.ADMIN_NETWORK_POLICY,
                Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY)) {
            WatasuConfig config = example(network);
            List<String> whole = wholePlatform(config);
            assertFalse(whole.isEmpty(), "the allow-all policy still breaks trust inside a team");
            assertEquals(List.of(), whole.stream().filter(v -> v.contains(CROSS_TEAM) || v.contains(LABEL_COPY))
                    .toList(), network.key());
            assertEquals(List.of(), teamByTeam(config).stream()
                    .filter(v -> v.contains(CROSS_TEAM) || v.contains(LABEL_COPY)).toList(), network.key());
        }
    }

    /** Without the injected policy, the guardrails block no grant: the rendered output keeps every promise. */
    @Test
    void guardrailsBlockNoGrant() throws ManifestException {
        for (Guardrails.NetworkGuardrail network : Guardrails.NetworkGuardrail.values()) {
            WatasuConfig config = example(network);
            Map<String, String> files = new LinkedHashMap<>();
            Renderer.render(config, RenderOptions.defaults()).files()
                    .forEach(f -> files.put(f.relativePath(), f.content()));
            assertEquals(List.of(), IntentCheck.check(config, ManifestReader.parse(files)), network.key());
        }
    }

    /** What `watasu diff` evaluates: every connection into every process is the same with and without guardrails. */
    @Test
    void theReviewSeesTheSameConnectionsWithGuardrails() {
        WatasuConfig off = example(Guardrails.NetworkGuardrail.NONE);
        var without = AccessAnalysis.allowedConnections(off, Renderer.render(off, RenderOptions.defaults()));
        assertFalse(without.isEmpty());
        for (Guardrails.NetworkGuardrail network : List.of(Guardrails.NetworkGuardrail.ADMIN_NETWORK_POLICY,
                Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY)) {
            WatasuConfig on = example(network);
            assertEquals(without, AccessAnalysis.allowedConnections(on, Renderer.render(on, RenderOptions.defaults())),
                    network.key());
        }
    }

    @Test
    void policiesWithDisjointNamespaceSubjectsMayShareAPriority() throws ManifestException {
        String policy = """
                apiVersion: policy.networking.k8s.io/v1alpha1
                kind: AdminNetworkPolicy
                metadata: {name: %s}
                spec:
                  priority: 50
                  subject: {namespaces: %s}
                  ingress: [{action: Deny, from: [{namespaces: {}}]}]
                """;
        ManifestReader.parse(Map.of("a.yaml", policy.formatted("a", "{matchLabels: {kubernetes.io/metadata.name: a}}"),
                "b.yaml", policy.formatted("b", "{matchExpressions: [{key: kubernetes.io/metadata.name,"
                        + " operator: In, values: [b, c]}]}")));
        ManifestException overlap = assertThrows(ManifestException.class, () -> ManifestReader.parse(Map.of(
                "a.yaml", policy.formatted("a", "{matchLabels: {kubernetes.io/metadata.name: a}}"),
                "b.yaml", policy.formatted("b", "{matchExpressions: [{key: kubernetes.io/metadata.name,"
                        + " operator: In, values: [a, c]}]}"))));
        assertTrue(overlap.getMessage().contains("share priority 50"), overlap.getMessage());
        assertThrows(ManifestException.class, () -> ManifestReader.parse(Map.of(
                "a.yaml", policy.formatted("a", "{matchLabels: {kubernetes.io/metadata.name: a}}"),
                "b.yaml", policy.formatted("b", "{matchLabels: {tier: x}}"))), "a subject of any name may overlap");
    }
}
