package io.watasu.config;

import io.watasu.model.Guardrails;
import io.watasu.model.WatasuConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watasu.config.ClusterFactsRulesTest.withPlatform;
import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** platform.guardrails and platform.deployers. */
class GuardrailRulesTest {
    private static Guardrails load(String yaml) {
        LoadResult result = ConfigLoader.parse("w.yaml", yaml);
        assertTrue(result.ok(), result.errors().toString());
        return result.config().guardrails();
    }

    @Test
    void offByDefault() {
        Guardrails guardrails = load(withPlatform("domain: example.com"));
        assertEquals(Guardrails.NONE, guardrails);
        assertTrue(!guardrails.any());
    }

    @Test
    void everySettingIsRead() {
        Guardrails guardrails = load(withPlatform("deployers: [system:serviceaccount:ci:deploy, deploy@example.com]",
                "guardrails: { networkPolicy: cluster-network-policy, priority: 7, admission: true,"
                        + " admissionMode: deny, policyWriters: [system:serviceaccount:gitops:argocd] }"));
        assertEquals(new Guardrails(Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY, 7, true,
                Guardrails.AdmissionMode.DENY, List.of("system:serviceaccount:ci:deploy", "deploy@example.com"),
                List.of("system:serviceaccount:gitops:argocd")), guardrails);
        WatasuConfig config = ConfigLoader.parse("w.yaml", withPlatform("guardrails: { admission: true }")).config();
        assertEquals(Guardrails.DEFAULT_DEPLOYERS, config.guardrails().deployers());
        assertEquals(Guardrails.AdmissionMode.AUDIT, config.guardrails().admissionMode(), "audit first");
    }

    @Test
    void wrongValuesPointAtTheirLine() {
        assertRejected(withPlatform("guardrails: { networkPolicy: admin-network-policies }"),
                "w.yaml:3:32: error: unknown platform.guardrails.networkPolicy 'admin-network-policies' (did you"
                        + " mean 'admin-network-policy'?)");
        assertRejected(withPlatform("guardrails: { priority: 1001 }"),
                "w.yaml:3:27: error: 'platform.guardrails.priority' must be an integer from 0 to 1000, found an integer (1001)"
                        + " (write e.g. 'priority: 50')");
        assertRejected(withPlatform("guardrails: { admissionMode: enforce }"),
                "w.yaml:3:32: error: unknown platform.guardrails.admissionMode 'enforce' (use one of audit, deny)");
        assertRejected(withPlatform("deployers: [\"bad name\"]"),
                "w.yaml:3:15: error: 'bad name' in platform.deployers is not a Kubernetes user name (write the name"
                        + " admission requests carry, e.g. 'system:serviceaccount:watasu-system:deployer')");
        assertRejected(withPlatform("deployers: []", "guardrails: { admission: true }"),
                "w.yaml:3:14: error: platform.deployers is empty, so with platform.guardrails.admission nobody could"
                        + " deploy labelled pods (list the identity that does it, or leave the field out for the"
                        + " default)");
        String fleet = """
                version: 1
                platform:
                  guardrails: { networkPolicy: admin-network-policy }
                clusters:
                  prod:
                    server: https://kubernetes.default.svc
                    platform: { deployers: [x] }
                teams: {}
                """;
        assertRejected(fleet,
                "w.yaml:3:3: error: platform.guardrails is not available with 'clusters' yet: each cluster would need"
                        + " its guardrails folder and Argo CD Application (leave platform.guardrails out of a fleet's"
                        + " watasu.yaml)",
                "w.yaml:7:17: error: 'deployers' cannot be set per cluster (set it under the top-level 'platform')");
        assertRejected(withPlatform("guardrails: { tier: Admin }"),
                "w.yaml:3:17: error: unknown field 'tier' in 'platform.guardrails' (known fields: networkPolicy, priority,"
                        + " admission, admissionMode, policyWriters)");
    }
}
