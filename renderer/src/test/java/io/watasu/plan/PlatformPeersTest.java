package io.watasu.plan;

import io.watasu.model.ApiServer;
import io.watasu.model.IngressController;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PlatformPeersTest {
    private static final Platform POD_CONTROLLER = Platform.defaults();
    private static final Platform EVERY_SETTING = Platform.defaults()
            .withClusterCidrs(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fd00::/8"))
            .withNodeCidrs(List.of("10.128.0.0/16"))
            .withIngress(new IngressController(Platform.defaults().ingress().pods(), "nginx", List.of(80, 443), true))
            .withScrapers(List.of(new PodSelector("monitoring", Map.of("app.kubernetes.io/name", "prometheus"))))
            .withApiServer(new ApiServer(List.of("10.96.0.1"), 443));

    /** Every process of a render asks: the answers are computed once, and never served for another platform. */
    @Test
    void theAnswersAreComputedOncePerPlatformAndFollowAChange() {
        List<Peer> internet = PlatformPeers.internet(EVERY_SETTING);
        assertSame(internet, PlatformPeers.internet(EVERY_SETTING), "the same platform: the same list");
        assertSame(PlatformPeers.scrapers(EVERY_SETTING), PlatformPeers.scrapers(EVERY_SETTING));
        assertEquals(InternetRanges.of(EVERY_SETTING).stream().map(Peer::addresses).toList(), internet);
        assertEquals(List.of(Peer.addresses("10.128.0.0/16")), PlatformPeers.ingressController(EVERY_SETTING));
        assertEquals(List.of(Labels.platformPods(EVERY_SETTING.scrapers().get(0))),
                PlatformPeers.scrapers(EVERY_SETTING));
        assertEquals(List.of(Peer.addresses("10.96.0.1/32")), PlatformPeers.apiServer(EVERY_SETTING));

        assertEquals(List.of(Labels.platformPods(POD_CONTROLLER.ingress().pods())),
                PlatformPeers.ingressController(POD_CONTROLLER), "another platform: its own answers");
        assertEquals(List.of(), PlatformPeers.scrapers(POD_CONTROLLER));
        assertEquals(InternetRanges.of(POD_CONTROLLER).stream().map(Peer::addresses).toList(),
                PlatformPeers.internet(POD_CONTROLLER));
        assertEquals(internet, PlatformPeers.internet(EVERY_SETTING), "and back");
    }
}
