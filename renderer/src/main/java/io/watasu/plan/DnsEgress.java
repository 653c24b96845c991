package io.watasu.plan;

import io.watasu.model.ClusterDns;
import io.watasu.model.Platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Every pod may resolve names: the DNS pods on the ports they listen on, and the addresses where DNS answers outside
 * pods (a node-local cache, the cloud's resolver) on port 53. Both over UDP and TCP.
 */
public final class DnsEgress {
    public static final String NAME = "allow-dns-egress";

    private DnsEgress() {
    }

    public static NetworkPolicyObject plan(String team, Platform platform) {
        ClusterDns dns = platform.dns();
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(List.of(Labels.platformPods(dns.pods())), udpAndTcp(dns.ports())));
        if (!dns.addresses().isEmpty()) {
            rules.add(new Rule(PlatformPeers.addresses(dns.addresses()), udpAndTcp(List.of(ClusterDns.DNS_PORT))));
        }
        return new NetworkPolicyObject(NAME, team, Labels.ofTeam(team), Selector.everything(), List.of("Egress"),
                List.of(), rules, dns.addresses().isEmpty() ? "every pod may resolve names with the cluster DNS pods"
                : "every pod may resolve names with the cluster DNS pods and at the platform's DNS addresses");
    }

    private static List<PortRule> udpAndTcp(List<Integer> ports) {
        List<PortRule> rules = new ArrayList<>();
        for (int port : ports) {
            rules.add(PortRule.udp(port));
            rules.add(PortRule.tcp(port));
        }
        return rules;
    }
}
