package io.watasu.plan;

import io.watasu.model.ClusterDns;
import io.watasu.model.ClusterProfile;
import io.watasu.model.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DnsEgressTest {
    @Test
    void theDnsPodsOnTheirOwnPortsAndTheAddressesOutsidePodsOnPort53() {
        Platform platform = Platform.defaults().withDns(new ClusterDns(Platform.DEFAULT_DNS_PODS, List.of(5353),
                List.of("169.254.20.10", "10.96.0.10/32")));
        NetworkPolicyObject policy = DnsEgress.plan("acme", platform);
        assertEquals("allow-dns-egress", policy.name());
        Rule pods = policy.egress().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "kube-system"),
                pods.peers().get(0).namespaceSelector().matchLabelMap());
        assertEquals(List.of(PortRule.udp(5353), PortRule.tcp(5353)), pods.ports());
        Rule addresses = policy.egress().get(1);
        assertEquals(List.of("169.254.20.10/32", "10.96.0.10/32"), addresses.cidrs());
        assertEquals(List.of(PortRule.udp(53), PortRule.tcp(53)), addresses.ports());
    }

    @Test
    void withoutAddressesOnlyThePods() {
        assertEquals(1, DnsEgress.plan("acme", Platform.defaults()).egress().size());
    }

    @Test
    void openShiftsDnsListensOn5353() {
        NetworkPolicyObject policy = DnsEgress.plan("acme", ClusterProfile.OPENSHIFT.defaults());
        assertEquals(Map.of("kubernetes.io/metadata.name", "openshift-dns"),
                policy.egress().get(0).peers().get(0).namespaceSelector().matchLabelMap());
        assertEquals(List.of(PortRule.udp(5353), PortRule.tcp(5353)), policy.egress().get(0).ports());
    }
}
