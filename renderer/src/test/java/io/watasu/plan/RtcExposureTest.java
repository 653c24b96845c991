package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtcExposureTest {
    @Test
    void loadBalancerKeepsClientAddressesAndPolicyAdmitsOnlyTheInternetOnUdp() {
        List<PlannedObject> objects = RtcExposure.plan(
                Models.app("globex", "meet-app", List.of(), Models.process("media-rtc", 40000)),
                Models.process("media-rtc", 40000), Platform.defaults());
        ServiceObject service = (ServiceObject) objects.get(0);
        assertEquals("LoadBalancer", service.type());
        assertEquals("UDP", service.protocol());
        assertEquals("Local", service.externalTrafficPolicy());
        NetworkPolicyObject policy = (NetworkPolicyObject) objects.get(1);
        assertEquals("meet-app-media-rtc-ingress", policy.name());
        Rule rule = policy.ingress().get(0);
        assertEquals(List.of(PortRule.udp(40000)), rule.ports());
        assertEquals(InternetRanges.of(Platform.defaults()), rule.peers().stream().map(Peer::cidr).toList());
        assertNull(service.ipFamilyPolicy(), "single-stack unless the cluster ranges list IPv6");
    }

    @Test
    void aClusterWithIpv6RangesGetsADualStackEndpointOpenToBothInternets() {
        Platform dualStack = Platform.defaults().withClusterCidrs(List.of("10.0.0.0/8", "fd00::/8"));
        List<PlannedObject> objects = RtcExposure.plan(
                Models.app("globex", "meet-app", List.of(), Models.process("media-rtc", 40000)),
                Models.process("media-rtc", 40000), dualStack);
        assertEquals("PreferDualStack", ((ServiceObject) objects.get(0)).ipFamilyPolicy());
        List<String> cidrs = ((NetworkPolicyObject) objects.get(1)).ingress().get(0).cidrs();
        assertTrue(cidrs.contains("8.0.0.0/7") && cidrs.contains("::/1"), cidrs.toString());
    }
}
