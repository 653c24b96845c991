package io.watasu.render;

import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.WatasuConfig;
import io.watasu.testing.Documents;
import io.watasu.testing.Documents.Document;
import io.watasu.testing.Examples;
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

/** Every rendered object validates against the official schemas (Kubernetes v1.32.2 strict, Argo CD). */
class SchemaValidationTest {
    private static final Schemas SCHEMAS = new Schemas();

    private static void assertValid(List<Document> documents) {
        List<String> problems = new ArrayList<>();
        for (Document document : documents) {
            SCHEMAS.problems(document.object()).forEach(p ->
                    problems.add(document.file() + " " + document.kind() + " " + document.name() + ": " + p));
        }
        assertEquals(List.of(), problems);
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
