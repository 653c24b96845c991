package io.watasu.render;

import io.watasu.model.ClusterProfile;
import io.watasu.model.Guardrails;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.testing.Documents;
import io.watasu.testing.Documents.Document;
import io.watasu.testing.EverySetting;
import io.watasu.testing.Examples;
import io.watasu.testing.Models;
import io.watasu.testing.RandomPlatforms;
import io.watasu.testing.Schemas;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rendered object validates against the official schemas (Kubernetes v1.30 and v1.32 strict, Argo CD). */
class SchemaValidationTest {
    private static final Schemas SCHEMAS = new Schemas();
    private static final List<Schemas> EVERY_VERSION = Schemas.KUBERNETES_VERSIONS.stream().map(Schemas::new).toList();

    private static void assertValid(List<Document> documents) {
        List<String> problems = new ArrayList<>();
        for (int v = 0; v < EVERY_VERSION.size(); v++) {
            String version = Schemas.KUBERNETES_VERSIONS.get(v);
            for (Document document : documents) {
                EVERY_VERSION.get(v).problems(document.object()).forEach(p -> problems.add(version + " "
                        + document.file() + " " + document.kind() + " " + document.name() + ": " + p));
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Every profile, with every cluster setting on, in one and both address families. */
    @Test
    void everyProfileWithEverySettingIsValid() {
        WatasuConfig example = Examples.load(Examples.exampleFile());
        for (ClusterProfile profile : ClusterProfile.values()) {
            assertValid(Documents.of(Renderer.render(EverySetting.on(example, profile.defaults()),
                    RenderOptions.defaults())));
            for (boolean dualStack : new boolean[]{false, true}) {
                List<Document> documents = Documents.of(Renderer.render(EverySetting.on(example,
                        EverySetting.platform(profile.defaults(), dualStack)), RenderOptions.defaults()));
                assertTrue(documents.stream().anyMatch(d -> d.name().equals("allow-link-local-egress"))
                        && documents.stream().anyMatch(d -> d.name().equals("grpc-app-kubernetes-api-egress"))
                        && documents.stream().anyMatch(d -> d.name().equals("api-app-worker-metrics-ingress")),
                        "every setting rendered");
                assertValid(documents);
            }
        }
    }

    @Test
    void exampleWithArgoCdWiringIsValid() {
        List<Document> documents = Documents.of(Renderer.render(Examples.load(Examples.exampleFile()),
                RenderOptions.defaults().withArgoCd(GoldenOutputTest.ARGO_CD)));
        Set<String> kinds = documents.stream().map(Document::kind).collect(Collectors.toSet());
        assertEquals(Set.of("Namespace", "NetworkPolicy", "Service", "Ingress", "ApplicationSet", "AppProject"), kinds);
        assertValid(documents);
    }

    @Test
    void randomPlatformsAreValid() {
        for (long seed = 1; seed <= 20; seed++) {
            assertValid(Documents.of(Renderer.render(RandomPlatforms.generate(seed), RenderOptions.defaults())));
        }
    }

    /** Guardrails of both API generations, admission policies and their Argo CD wiring, on every profile. */
    @Test
    void guardrailsAreValid() {
        WatasuConfig example = Examples.load(Examples.exampleFile());
        for (Guardrails.NetworkGuardrail network : List.of(Guardrails.NetworkGuardrail.ADMIN_NETWORK_POLICY,
                Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY)) {
            for (ClusterProfile profile : ClusterProfile.values()) {
                WatasuConfig config = EverySetting.on(example, EverySetting.platform(profile.defaults(), true))
                        .withGuardrails(guardrails(network));
                List<Document> documents = Documents.of(Renderer.render(config,
                        RenderOptions.defaults().withArgoCd(GoldenOutputTest.ARGO_CD)));
                Set<String> kinds = documents.stream().map(Document::kind).collect(Collectors.toSet());
                assertTrue(kinds.containsAll(Set.of("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
                        "Application", network == Guardrails.NetworkGuardrail.ADMIN_NETWORK_POLICY
                                ? "AdminNetworkPolicy" : "ClusterNetworkPolicy")), kinds.toString());
                assertValid(documents);
            }
        }
    }

    /**
     * A thousand teams and the most scrapers the loader allows still give objects within the API's limits (one per
     * team; v1alpha2 allows 25 rules and 25 peers per rule, which the schema checks).
     */
    @Test
    void guardrailsOfAThousandTeamsWithManyScrapersAreValid() {
        List<PodSelector> scrapers = new ArrayList<>();
        for (int i = 0; i < io.watasu.config.ModelValidator.MAX_PLATFORM_ENTRIES; i++) {
            scrapers.add(new PodSelector("monitoring-" + i, Map.of("app", "scraper")));
        }
        List<Team> teams = new ArrayList<>();
        for (int t = 0; t < 1000; t++) {
            teams.add(new Team("team-" + t, List.of(Models.app("team-" + t, "app-" + t, List.of(),
                    Models.process("api-tcp", 9000)))));
        }
        WatasuConfig config = new WatasuConfig(1, Platform.defaults().withScrapers(scrapers), teams)
                .withGuardrails(guardrails(Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY));
        List<Document> policies = Documents.of(Renderer.render(config, RenderOptions.defaults())).stream()
                .filter(d -> d.kind().equals("ClusterNetworkPolicy")).toList();
        assertEquals(1000, policies.size());
        List<String> problems = new ArrayList<>();
        for (Document policy : policies) {
            SCHEMAS.problems(policy.object()).forEach(p -> problems.add(policy.name() + ": " + p));
        }
        assertEquals(List.of(), problems);
        assertEquals(2, ((List<?>) Documents.at(policies.get(0).spec(), "ingress")).stream()
                .filter(rule -> String.valueOf(((Map<?, ?>) rule).get("name")).startsWith("pass-scrapers")).count(),
                "32 scrapers take two rules");
    }

    private static Guardrails guardrails(Guardrails.NetworkGuardrail network) {
        return new Guardrails(network, Guardrails.DEFAULT_PRIORITY, true, Guardrails.AdmissionMode.DENY,
                Guardrails.DEFAULT_DEPLOYERS, Guardrails.DEFAULT_POLICY_WRITERS);
    }

    /** The validator must actually reject things, or the tests above prove nothing. */
    @Test
    void validatorRejectsAnInvalidPolicy() {
        Map<String, Object> policy = Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", Map.of("name", "x"), "spec", Map.of("podSelector", Map.of(), "policyTypes", "Ingress",
                        "bogus", true));
        assertTrue(SCHEMAS.problems(policy).size() >= 2, SCHEMAS.problems(policy).toString());
    }

    /** Label values a reader could take for booleans or numbers still render as strings. */
    @Test
    void awkwardLabelValuesStayStrings() {
        Platform platform = Platform.defaults().withDomain("example.com")
                .withIngress(Platform.defaults().ingress().withPods(new PodSelector("ingress",
                        Map.of("enabled", "true", "version", "1.10", "tier", "01"))))
                .withDns(Platform.defaults().dns().withPods(new PodSelector("dns", Map.of("k8s-app", "null"))));
        WatasuConfig config = new WatasuConfig(1, platform, io.watasu.testing.Models.example().teams());
        List<Document> documents = Documents.of(Renderer.render(config, RenderOptions.defaults()));
        assertValid(documents);
        Document dns = documents.stream().filter(d -> d.name().equals("allow-dns-egress")).findFirst().orElseThrow();
        assertEquals("null", Documents.at(dns.spec(), "egress", 0, "to", 0, "podSelector", "matchLabels", "k8s-app"));
        Document web = documents.stream().filter(d -> d.name().equals("api-app-web-ingress")).findFirst().orElseThrow();
        assertEquals(Map.of("enabled", "true", "version", "1.10", "tier", "01"),
                Documents.at(web.spec(), "ingress", 0, "from", 0, "podSelector", "matchLabels"));
    }
}
