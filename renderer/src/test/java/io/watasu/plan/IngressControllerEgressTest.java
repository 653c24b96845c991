package io.watasu.plan;

import io.watasu.model.IngressController;
import io.watasu.model.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IngressControllerEgressTest {
    @Test
    void theControllerPodsOnTheirOwnPorts() {
        Platform platform = Platform.defaults().withIngress(new IngressController(Platform.DEFAULT_INGRESS_PODS,
                "traefik", List.of(8000, 8443), false));
        Rule rule = IngressControllerEgress.plan("acme", platform).egress().get(0);
        assertEquals(List.of(PortRule.tcp(8000), PortRule.tcp(8443)), rule.ports());
        assertEquals(1, rule.selectorPeers().size());
    }

    /** A controller in the nodes' network is reached at node addresses, which no pod selector matches. */
    @Test
    void aHostNetworkControllerIsReachedAtTheNodeRanges() {
        Platform platform = Platform.defaults().withNodeCidrs(List.of("10.128.0.0/16", "10.129.0.0/16"))
                .withIngress(new IngressController(Platform.DEFAULT_INGRESS_PODS, "nginx", List.of(80, 443), true));
        Rule rule = IngressControllerEgress.plan("acme", platform).egress().get(0);
        assertEquals(List.of("10.128.0.0/16", "10.129.0.0/16"), rule.cidrs());
        assertEquals(List.of(), rule.selectorPeers());
        assertNull(rule.peers().get(0).podSelector());
        assertEquals(List.of(PortRule.tcp(80), PortRule.tcp(443)), rule.ports());
    }
}
