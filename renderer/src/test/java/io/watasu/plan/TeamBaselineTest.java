package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.model.Team;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamBaselineTest {
    private final List<PlannedObject> objects = TeamBaseline.plan(new Team("acme", List.of()), Platform.defaults());

    private NetworkPolicyObject policy(String name) {
        return objects.stream().filter(o -> o instanceof NetworkPolicyObject && o.name().equals(name))
                .map(NetworkPolicyObject.class::cast).findFirst().orElseThrow();
    }

    @Test
    void namespaceCarriesTheTeamAndManagedByLabels() {
        NamespaceObject namespace = (NamespaceObject) objects.get(0);
        assertEquals("acme", namespace.name());
        assertEquals(List.of(new Label("app.kubernetes.io/managed-by", "watasu"), new Label("watasu.io/team", "acme")),
                namespace.labels());
    }

    @Test
    void defaultDenyIsolatesBothDirectionsWithoutRules() {
        NetworkPolicyObject deny = policy("default-deny");
        assertTrue(deny.podSelector().selectsEverything());
        assertEquals(List.of("Ingress", "Egress"), deny.policyTypes());
        assertTrue(deny.ingress().isEmpty() && deny.egress().isEmpty());
    }

    @Test
    void dnsEgressIsOnePeerRequiringNamespaceAndPodLabels() {
        NetworkPolicyObject dns = policy("allow-dns-egress");
        assertEquals(List.of("Egress"), dns.policyTypes());
        Rule rule = dns.egress().get(0);
        assertEquals(1, rule.peers().size());
        Peer peer = rule.peers().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "kube-system"), peer.namespaceSelector().matchLabelMap());
        assertEquals(Map.of("k8s-app", "kube-dns"), peer.podSelector().matchLabelMap());
        assertEquals(List.of(PortRule.udp(53), PortRule.tcp(53)), rule.ports());
    }

    @Test
    void internetEgressIsPositiveBlocksOutsideTheClusterAndNoIpv6WithoutIpv6ClusterRanges() {
        Rule rule = policy("allow-internet-egress").egress().get(0);
        assertTrue(rule.ports().isEmpty(), "every port");
        assertEquals(47, rule.peers().size());
        assertTrue(rule.peers().stream().allMatch(p -> p.cidr() != null && p.podSelector() == null));
        assertTrue(rule.peers().stream().noneMatch(p -> p.cidr().contains(":")));
    }

    @Test
    void ipv6ClusterRangesAddTheIpv6Internet() {
        Platform dualStack = new Platform("example.com", List.of("10.0.0.0/8", "fd00::/8"), Platform.DEFAULT_INGRESS,
                "nginx", Platform.DEFAULT_DNS);
        NetworkPolicyObject internet = TeamBaseline.plan(new Team("acme", List.of()), dualStack).stream()
                .filter(o -> o.name().equals(TeamBaseline.INTERNET_EGRESS)).map(NetworkPolicyObject.class::cast)
                .findFirst().orElseThrow();
        List<String> cidrs = internet.egress().get(0).peers().stream().map(Peer::cidr).toList();
        assertTrue(cidrs.contains("fc00::/8") && cidrs.contains("::/1") && !cidrs.contains("fd00::/8"), cidrs.toString());
    }

    @Test
    void ingressControllerEgressOnHttpAndHttps() {
        Rule rule = policy("allow-ingress-controller-egress").egress().get(0);
        Peer peer = rule.peers().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "ingress-nginx"), peer.namespaceSelector().matchLabelMap());
        assertEquals(Map.of("app.kubernetes.io/name", "ingress-nginx"), peer.podSelector().matchLabelMap());
        assertNull(peer.cidr());
        assertEquals(List.of(PortRule.tcp(80), PortRule.tcp(443)), rule.ports());
    }
}
