package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScrapersTest {
    private static final Platform PLATFORM = Platform.defaults().withScrapers(List.of(
            new PodSelector("monitoring", Map.of("app.kubernetes.io/name", "prometheus"))));
    private static final Process WORKER = new Process("worker", "run", 5000, 9090);
    private static final App APP = new App("acme", "api-app", List.of(WORKER), List.of());

    @Test
    void theScrapersReachTheMetricsPortOnly() {
        NetworkPolicyObject policy = (NetworkPolicyObject) Scrapers.plan(APP, WORKER, PLATFORM).get(0);
        assertEquals("api-app-worker-metrics-ingress", policy.name());
        assertEquals(Map.of("watasu.io/team", "acme", "watasu.io/app", "api-app", "watasu.io/process", "worker"),
                policy.podSelector().matchLabelMap());
        assertEquals(List.of("Ingress"), policy.policyTypes());
        Peer scraper = policy.ingress().get(0).peers().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), scraper.namespaceSelector().matchLabelMap());
        assertEquals(Map.of("app.kubernetes.io/name", "prometheus"), scraper.podSelector().matchLabelMap());
        assertEquals(List.of(PortRule.tcp(9090)), policy.ingress().get(0).ports());
    }

    @Test
    void nothingWithoutAMetricsPortOrWithoutScrapers() {
        Process plain = new Process("worker", "run", 5000);
        assertEquals(List.of(), Scrapers.plan(APP, plain, PLATFORM));
        assertEquals(List.of(), Scrapers.plan(APP, WORKER, Platform.defaults()));
    }
}
