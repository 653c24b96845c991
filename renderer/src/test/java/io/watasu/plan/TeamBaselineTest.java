package io.watasu.plan;

import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.Team;
import io.watasu.net.Cidr;
import io.watasu.net.Cidrs;
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
        Platform dualStack = Platform.defaults().withClusterCidrs(List.of("10.0.0.0/8", "fd00::/8"));
        NetworkPolicyObject internet = TeamBaseline.plan(new Team("acme", List.of()), dualStack).stream()
                .filter(o -> o.name().equals(InternetEgress.NAME)).map(NetworkPolicyObject.class::cast)
                .findFirst().orElseThrow();
        List<String> cidrs = internet.egress().get(0).peers().stream().map(Peer::cidr).toList();
        assertTrue(cidrs.contains("fc00::/8") && cidrs.contains("::/1") && !cidrs.contains("fd00::/8"), cidrs.toString());
    }

    /** The example ranges do not list link-local; neither family's internet may take it in. */
    @Test
    void linkLocalIsNeverTheInternetEvenWhenNotListed() {
        Platform platform = Platform.defaults().withClusterCidrs(List.of("10.0.0.0/8", "100.64.0.0/10", "fd00::/8"));
        List<Cidr> internet = InternetRanges.of(platform).stream().map(Cidr::parse).toList();
        for (String address : List.of("169.254.169.254/32", "169.254.0.0/32", "169.254.255.255/32", "fe80::1/128",
                "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")) {
            Cidr single = Cidr.parse(address);
            assertTrue(internet.stream().noneMatch(block -> block.isIpv6() == single.isIpv6()
                    && block.contains(single.first())), address);
        }
        for (String address : List.of("169.253.255.255/32", "169.255.0.0/32", "2001:db8::1/128", "fec0::/128")) {
            assertTrue(Cidrs.covers(internet, Cidr.parse(address)), address);
        }
    }

    @Test
    void linkLocalEntriesComeLastInTheTeamFile() {
        Platform platform = Platform.defaults().withLinkLocal(List.of(
                new LinkLocalAccess("169.254.169.254/32", List.of(80))));
        List<String> names = TeamBaseline.plan(new Team("acme", List.of()), platform).stream()
                .map(PlannedObject::name).toList();
        assertEquals(List.of("acme", "default-deny", "allow-dns-egress", "allow-internet-egress",
                "allow-ingress-controller-egress", "allow-link-local-egress"), names);
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
