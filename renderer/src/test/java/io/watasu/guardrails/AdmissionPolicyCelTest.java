package io.watasu.guardrails;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.watasu.model.Guardrails;
import io.watasu.model.WatasuConfig;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.testing.Documents;
import io.watasu.testing.Documents.Document;
import io.watasu.testing.Examples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered ValidatingAdmissionPolicies evaluated for real: every variable and validation is compiled by CEL-Java
 * with the standard library and macros only (no Kubernetes extension, so nothing the API server lacks), and run as
 * the API server runs a policy (variables in order, then every validation) against admission request fixtures.
 */
class AdmissionPolicyCelTest {
    private static final String DEPLOYER = "system:serviceaccount:watasu-system:deployer";
    private static final String ARGO_CD = "system:serviceaccount:argocd:argocd-application-controller";
    private static final String TEAM_MEMBER = "alice@example.com";
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN).addVar("namespaceObject", SimpleType.DYN)
            .addVar("variables", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private static final List<Document> RENDERED = render(Guardrails.AdmissionMode.AUDIT);
    private static final Map<String, Object> ACME = namespace("acme");

    private static List<Document> render(Guardrails.AdmissionMode mode) {
        WatasuConfig example = Examples.load(Examples.exampleFile());
        Guardrails guardrails = new Guardrails(Guardrails.NetworkGuardrail.NONE, Guardrails.DEFAULT_PRIORITY, true,
                mode, Guardrails.DEFAULT_DEPLOYERS, Guardrails.DEFAULT_POLICY_WRITERS);
        return Documents.of(Renderer.render(example.withGuardrails(guardrails), RenderOptions.defaults()));
    }

    /** The team's Namespace as rendered (its labels list the team's apps). */
    private static Map<String, Object> namespace(String team) {
        return RENDERED.stream().filter(d -> d.kind().equals("Namespace") && d.name().equals(team)).findFirst()
                .orElseThrow().object();
    }

    /** The messages of the validations that fail; empty when the request is admitted. */
    private static List<String> admit(String policyName, Map<String, Object> request, Object object,
                                      Object oldObject) {
        Document policy = RENDERED.stream()
                .filter(d -> d.kind().equals("ValidatingAdmissionPolicy") && d.name().equals(policyName))
                .findFirst().orElseThrow();
        Map<String, Object> input = new HashMap<>();
        input.put("object", object == null ? NullValue.NULL_VALUE : object);
        input.put("oldObject", oldObject == null ? NullValue.NULL_VALUE : oldObject);
        input.put("request", request);
        input.put("namespaceObject", ACME);
        Map<String, Object> variables = new LinkedHashMap<>();
        input.put("variables", variables);
        Object declared = Documents.at(policy.object(), "spec", "variables");
        for (Object item : declared == null ? List.of() : (List<?>) declared) {
            Map<?, ?> variable = (Map<?, ?>) item;
            variables.put((String) variable.get("name"), eval((String) variable.get("expression"), input));
        }
        List<String> failed = new ArrayList<>();
        for (Object item : (List<?>) Documents.at(policy.object(), "spec", "validations")) {
            Map<?, ?> validation = (Map<?, ?>) item;
            Object result = eval((String) validation.get("expression"), input);
            assertTrue(result instanceof Boolean, "a validation yields a boolean: " + validation.get("expression"));
            if (!(Boolean) result) {
                failed.add((String) validation.get("message"));
            }
        }
        return failed;
    }

    private static Object eval(String expression, Map<String, Object> input) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return RUNTIME.createProgram(ast).eval(input);
        } catch (CelValidationException e) {
            throw new AssertionError("does not compile with standard CEL: " + expression + ": " + e.getMessage(), e);
        } catch (CelEvaluationException e) {
            throw new AssertionError("fails to evaluate (the API server would refuse): " + expression + ": "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, Object> request(String operation, String resource, String user) {
        return Map.of("operation", operation, "resource", Map.of("resource", resource),
                "userInfo", Map.of("username", user), "namespace", "acme");
    }

    private static Map<String, Object> identity(String team, String app, String process) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("watasu.io/team", team);
        labels.put("watasu.io/app", app);
        labels.put("watasu.io/process", process);
        return labels;
    }

    private static Map<String, Object> pod(Map<String, Object> labels, String image) {
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", "p", "namespace", "acme"));
        if (labels != null) {
            metadata.put("labels", labels);
        }
        return Map.of("metadata", metadata, "spec", Map.of("containers", List.of(Map.of("image", image))));
    }

    private static Map<String, Object> deployment(Map<String, Object> templateLabels) {
        return Map.of("metadata", Map.of("name", "d", "namespace", "acme"),
                "spec", Map.of("template", Map.of("metadata", Map.of("labels", templateLabels),
                        "spec", Map.of("containers", List.of()))));
    }

    private static Map<String, Object> cronJob(Map<String, Object> templateLabels) {
        return Map.of("metadata", Map.of("name", "c", "namespace", "acme"), "spec", Map.of("schedule", "@daily",
                "jobTemplate", Map.of("spec", Map.of("template", Map.of("metadata", Map.of("labels", templateLabels),
                        "spec", Map.of("containers", List.of()))))));
    }

    @Test
    void theDeployerCreatesALabelledDeployment() {
        assertEquals(List.of(), admit("watasu-workload-labels", request("CREATE", "deployments", DEPLOYER),
                deployment(identity("acme", "grpc-app", "web")), null));
    }

    @Test
    void aTeamMemberCannotGiveAPodAnotherAppsLabels() {
        List<String> failed = admit("watasu-pod-labels", request("CREATE", "pods", TEAM_MEMBER),
                pod(identity("acme", "api-app", "web"), "debug"), null);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).startsWith("watasu-pod-labels: only the platform's deployers"), failed.get(0));
    }

    @Test
    void aPodWithoutWatasuLabelsIsAnybodysBusiness() {
        assertEquals(List.of(), admit("watasu-pod-labels", request("CREATE", "pods", TEAM_MEMBER),
                pod(Map.of("run", "debug"), "busybox"), null));
        assertEquals(List.of(), admit("watasu-pod-labels", request("CREATE", "pods", TEAM_MEMBER),
                pod(null, "busybox"), null));
    }

    @Test
    void theReplicaSetControllerCreatesPodsFromTemplates() {
        assertEquals(List.of(), admit("watasu-pod-labels",
                request("CREATE", "pods", "system:serviceaccount:kube-system:replicaset-controller"),
                pod(identity("acme", "grpc-app", "web"), "app"), null));
    }

    @Test
    void anUpdateThatKeepsTheLabelsIsAllowedOneThatRemovesOrChangesThemIsNot() {
        Map<String, Object> labelled = pod(identity("acme", "grpc-app", "web"), "v1");
        assertEquals(List.of(), admit("watasu-pod-labels", request("UPDATE", "pods", TEAM_MEMBER),
                pod(identity("acme", "grpc-app", "web"), "v2"), labelled), "a new image, same identity");
        Map<String, Object> fewer = identity("acme", "grpc-app", "web");
        fewer.remove("watasu.io/app");
        List<String> removed = admit("watasu-pod-labels", request("UPDATE", "pods", TEAM_MEMBER), pod(fewer, "v1"),
                labelled);
        assertEquals(2, removed.size(), "a label removed: " + removed);
        assertTrue(removed.get(0).startsWith("watasu-pod-labels: only the platform's deployers"), removed.get(0));
        assertTrue(removed.get(1).contains("watasu.io/app must name an app"), removed.get(1));
        assertEquals(1, admit("watasu-pod-labels", request("UPDATE", "pods", TEAM_MEMBER),
                pod(Map.of(), "v1"), labelled).size(), "every label removed");
        assertEquals(1, admit("watasu-pod-labels", request("UPDATE", "pods", TEAM_MEMBER),
                pod(identity("acme", "report-app", "web"), "v1"), labelled).size(), "changed to another app");
        assertEquals(List.of(), admit("watasu-pod-labels", request("UPDATE", "pods", DEPLOYER), pod(Map.of(), "v1"),
                labelled), "the deployer takes a pod out of service");
    }

    @Test
    void labelsMustNameTheNamespacesTeamAndOneOfItsApps() {
        List<String> otherTeam = admit("watasu-workload-labels", request("CREATE", "deployments", DEPLOYER),
                deployment(identity("globex", "meet-app", "web")), null);
        assertEquals(2, otherTeam.size(), otherTeam.toString());
        assertTrue(otherTeam.get(0).contains("watasu.io/team must name the namespace's own team"), otherTeam.get(0));
        assertTrue(otherTeam.get(1).contains("watasu.io/app must name an app of the namespace's team"));
        List<String> unknownApp = admit("watasu-pod-labels", request("CREATE", "pods", DEPLOYER),
                pod(identity("acme", "no-such-app", "web"), "x"), null);
        assertEquals(1, unknownApp.size(), unknownApp.toString());
        Map<String, Object> noProcess = identity("acme", "grpc-app", "web");
        noProcess.remove("watasu.io/process");
        assertEquals(1, admit("watasu-pod-labels", request("CREATE", "pods", DEPLOYER), pod(noProcess, "x"), null)
                .size(), "the process label is part of the identity");
    }

    @Test
    void jobAndCronJobTemplatesAreGuardedLikePods() {
        assertEquals(List.of(), admit("watasu-cronjob-labels", request("CREATE", "cronjobs", DEPLOYER),
                cronJob(identity("acme", "billing-app", "worker")), null));
        assertEquals(1, admit("watasu-cronjob-labels", request("CREATE", "cronjobs", TEAM_MEMBER),
                cronJob(identity("acme", "billing-app", "worker")), null).size());
        assertEquals(1, admit("watasu-workload-labels", request("CREATE", "jobs", TEAM_MEMBER),
                deployment(identity("acme", "billing-app", "worker")), null).size());
        assertEquals(List.of(), admit("watasu-workload-labels",
                request("CREATE", "jobs", "system:serviceaccount:kube-system:cronjob-controller"),
                deployment(identity("acme", "billing-app", "worker")), null));
        Map<String, Object> noTemplateMetadata = Map.of("metadata", Map.of("name", "j"),
                "spec", Map.of("template", Map.of("spec", Map.of())));
        assertEquals(List.of(), admit("watasu-workload-labels", request("CREATE", "jobs", TEAM_MEMBER),
                noTemplateMetadata, null), "a template without metadata carries no identity");
    }

    @Test
    void onlyArgoCdWritesNetworkPolicies() {
        Map<String, Object> policy = Map.of("metadata", Map.of("name", "allow-all", "namespace", "acme"),
                "spec", Map.of("podSelector", Map.of()));
        assertEquals(List.of(), admit("watasu-network-policies", request("CREATE", "networkpolicies", ARGO_CD),
                policy, null));
        assertEquals(List.of(), admit("watasu-network-policies", request("UPDATE", "networkpolicies", ARGO_CD),
                policy, policy));
        List<String> teamAdmin = admit("watasu-network-policies", request("CREATE", "networkpolicies",
                TEAM_MEMBER), policy, null);
        assertEquals(1, teamAdmin.size());
        assertTrue(teamAdmin.get(0).startsWith("watasu-network-policies: NetworkPolicies in a team namespace are"
                + " rendered from watasu.yaml"), teamAdmin.get(0));
        assertEquals(1, admit("watasu-network-policies", request("DELETE", "networkpolicies", TEAM_MEMBER), null,
                policy).size(), "deleting default-deny is writing too");
        assertEquals(1, admit("watasu-network-policies", request("CREATE", "networkpolicies", DEPLOYER), policy,
                null).size(), "the deployer deploys apps, not policies");
        assertEquals(List.of(), admit("watasu-network-policies", request("DELETE", "networkpolicies",
                "system:serviceaccount:kube-system:namespace-controller"), null, policy), "a namespace going away");
    }

    @Test
    void rolloutAuditsFirstThenDenies() {
        for (Guardrails.AdmissionMode mode : Guardrails.AdmissionMode.values()) {
            List<Document> bindings = render(mode).stream()
                    .filter(d -> d.kind().equals("ValidatingAdmissionPolicyBinding")).toList();
            assertEquals(4, bindings.size());
            for (Document binding : bindings) {
                assertEquals(mode == Guardrails.AdmissionMode.AUDIT ? List.of("Audit", "Warn")
                        : List.of("Deny", "Audit"), Documents.at(binding.object(), "spec", "validationActions"));
            }
        }
    }
}
