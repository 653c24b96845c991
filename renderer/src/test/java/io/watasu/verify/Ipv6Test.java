package io.watasu.verify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPv6 wherever IPv4 is handled: addresses (RFC 4291 forms in, RFC 5952 out), ipBlocks, networks, external peers. */
class Ipv6Test {
    @Test
    void addressesParseInEveryTextFormAndPrintInTheRecommendedOne() {
        assertEquals("2001:db8::1", IpAddress.parse("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("::", IpAddress.parse("::").toString());
        assertEquals("::1", IpAddress.parse("0:0:0:0:0:0:0:1").toString());
        assertEquals("fe80::", IpAddress.parse("fe80::0").toString());
        // The longest run of zero groups is shortened, the first of equal runs, and never a single group.
        assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
        assertEquals("2001:db8::1:0:0:1", IpAddress.parse("2001:db8:0:0:1:0:0:1").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8::1:1:1:1:1").toString());
        assertEquals("::ffff:c000:280", IpAddress.parse("::ffff:192.0.2.128").toString());
        assertEquals("10.1.2.3", IpAddress.parse("10.1.2.3").toString());
        for (String bad : List.of("1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::", "1:2:3:4:5:6:7", "::1.2.3",
                "256.1.1.1", "1.2.3", ":1", "1:")) {
            assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(bad), bad);
        }
    }

    @Test
    void cidrsCoverTheirWholePrefixInBothFamilies() {
        IpRange v6 = IpRange.parseCidr("fd00::/8");
        assertEquals("fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", v6.format());
        assertEquals("2001:db8::-2001:db8::ffff", IpRange.parseCidr("2001:db8::1234/112").format(),
                "host bits dropped");
        assertEquals("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", IpRange.parseCidr("::/0").format());
        assertEquals("2001:db8::1-2001:db8::1", IpRange.parseCidr("2001:db8::1/128").format());
        assertEquals("2001:db8::-2001:db8::ffff:ffff:ffff:ffff", IpRange.parseCidr("2001:db8::/64").format());
        assertEquals("10.0.0.0-10.255.255.255", IpRange.parseCidr("10.1.0.0/8").format());
        assertTrue(IpRange.ALL_IPV6.contains(v6));
        assertFalse(IpRange.ALL_IPV4.overlaps(v6), "the families are separate spaces");
        assertThrows(IllegalArgumentException.class, () -> IpRange.parseCidr("fd00::/129"));
    }

    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app, namespace: ns}
            spec: {template: {metadata: {labels: {app: a}}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: egress, namespace: ns}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48", 10.0.0.0/8]}}]
              - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
                ports: [{port: 443}]
            """;

    @Test
    void ipv6BlocksAndExceptsSplitTheIpv6SpaceWhenAsked() throws Exception {
        ManifestSet set = ManifestReader.parse(Map.of("m.yaml", MANIFESTS));
        List<String> ipv6 = ConnectivityAnalyzer.analyze(set, List.of(), true).connections().stream()
                .map(Connection::line).toList();
        assertEquals(List.of(
                "0.0.0.0-255.255.255.255[External] => ns/app[Deployment] : All Connections",
                "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] => ns/app[Deployment] : All Connections",
                "ns/app[Deployment] => 10.0.0.0-10.255.255.255[External] : TCP 443",
                "ns/app[Deployment] => 2001:db8:2::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections",
                "ns/app[Deployment] => 2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff[External] : All Connections"),
                ipv6);
        // netpol-analyzer's listing: IPv4 external peers only.
        List<String> ipv4 = ConnectivityAnalyzer.analyze(set).connections().stream().map(Connection::line).toList();
        assertEquals(List.of("0.0.0.0-255.255.255.255[External] => ns/app[Deployment] : All Connections",
                "ns/app[Deployment] => 10.0.0.0-10.255.255.255[External] : TCP 443"), ipv4);
    }
}
