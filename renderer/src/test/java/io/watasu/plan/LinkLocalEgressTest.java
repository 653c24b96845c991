package io.watasu.plan;

import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkLocalEgressTest {
    @Test
    void nothingUnlessThePlatformListsAddresses() {
        assertEquals(List.of(), LinkLocalEgress.plan("acme", Platform.defaults()));
    }

    @Test
    void eachEntryOnItsOwnTcpPorts() {
        Platform platform = Platform.defaults().withLinkLocal(List.of(
                new LinkLocalAccess("169.254.169.254/32", List.of(80)),
                new LinkLocalAccess("169.254.170.23/32", List.of(80, 2703))));
        NetworkPolicyObject policy = (NetworkPolicyObject) LinkLocalEgress.plan("acme", platform).get(0);
        assertEquals("allow-link-local-egress", policy.name());
        assertEquals(List.of("169.254.169.254/32"), policy.egress().get(0).cidrs());
        assertEquals(List.of(PortRule.tcp(80)), policy.egress().get(0).ports());
        assertEquals(List.of("169.254.170.23/32"), policy.egress().get(1).cidrs());
        assertEquals(List.of(PortRule.tcp(80), PortRule.tcp(2703)), policy.egress().get(1).ports());
    }
}
