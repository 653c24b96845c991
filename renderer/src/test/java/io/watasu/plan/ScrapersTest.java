package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ScrapersTest {
    private static final Platform PLATFORM = Platform.defaults().withScrapers(List.of(
            new PodSelector("monitoring", Map.of("app.kubernetes.io/name", "prometheus"))));
    private static final Process WORKER = new Process("worker", "run", 5000, 9090);
    private static final Process WEB = new Process("web", "run", 8080, 9091);
    private static final App APP = new App("acme", "api-app", List.of(WORKER, WEB), List.of());

    @Test
    void aWorkersScrapersReachTheMetricsPortOnlyThroughAPolicyOfItsOwn() {
        List<PlannedObject> objects = Scrapers.plan(APP, WORKER, PLATFORM, List.of());
        assertEquals(1, objects.size());
        NetworkPolicyObject policy = (NetworkPolicyObject) objects.get(0);
        assertEquals("api-app-worker-metrics-ingress", policy.name());
        assertEquals(Map.of("watasu.io/team", "acme", "watasu.io/app", "api-app", "watasu.io/process", "worker"),
                policy.podSelector().matchLabelMap());
        assertEquals(List.of("Ingress"), policy.policyTypes());
        Peer scraper = policy.ingress().get(0).peers().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), scraper.namespaceSelector().matchLabelMap());
        assertEquals(Map.of("app.kubernetes.io/name", "prometheus"), scraper.podSelector().matchLabelMap());
        assertEquals(List.of(PortRule.tcp(9090)), policy.ingress().get(0).ports());
    }

    /** The same pods, the same direction: one more rule in the policy the process has means what a second one would. */
    @Test
    void aProcessWithAnIngressPolicyGetsTheScrapersAsOneMoreRuleOfIt() {
        List<PlannedObject> exposure = WebExposure.plan(APP, WEB, PLATFORM);
        NetworkPolicyObject own = (NetworkPolicyObject) exposure.get(2);
        List<PlannedObject> objects = Scrapers.plan(APP, WEB, PLATFORM, exposure);
        assertEquals(exposure.size(), objects.size(), "no policy of its own");
        assertEquals(exposure.subList(0, 2), objects.subList(0, 2));
        NetworkPolicyObject policy = (NetworkPolicyObject) objects.get(2);
        assertEquals("api-app-web-ingress", policy.name());
        assertEquals(own.podSelector(), policy.podSelector());
        assertEquals(List.of("Ingress"), policy.policyTypes());
        assertEquals(List.of(), policy.egress());
        assertEquals(2, policy.ingress().size());
        assertEquals(own.ingress().get(0), policy.ingress().get(0), "the controller's rule is kept as it was");
        Rule scrapers = policy.ingress().get(1);
        assertEquals(List.of(Labels.platformPods(PLATFORM.scrapers().get(0))), scrapers.peers());
        assertEquals(List.of(PortRule.tcp(9091)), scrapers.ports());
        assertEquals(own.reason() + "; the platform's scrapers may reach metrics port 9091", policy.reason());
    }

    @Test
    void nothingWithoutAMetricsPortOrWithoutScrapers() {
        Process plain = new Process("worker", "run", 5000);
        assertEquals(List.of(), Scrapers.plan(APP, plain, PLATFORM, List.of()));
        assertEquals(List.of(), Scrapers.plan(APP, WORKER, Platform.defaults(), List.of()));
        List<PlannedObject> exposure = WebExposure.plan(APP, WEB, Platform.defaults());
        assertSame(exposure, Scrapers.plan(APP, WEB, Platform.defaults(), exposure));
    }
}
