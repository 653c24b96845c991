package io.watasu.config;

import io.watasu.model.ApiServer;
import io.watasu.model.ClusterDns;
import io.watasu.model.ClusterProfile;
import io.watasu.model.IngressController;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.WatasuConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.watasu.config.Yaml.assertRejected;
import static io.watasu.config.Yaml.diagnostics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's cluster facts: profiles, node ranges, DNS, ingress controller, link-local, scrapers, API server. */
class ClusterFactsRulesTest {
    /** The platform description as docs/config.md writes it (IPv6 ranges quoted: see "Cluster ranges"). */
    static final String SCHEMA_EXAMPLE = """
            version: 1
            platform:
              clusterCidrs: [10.0.0.0/8, 100.64.0.0/10, 'fd00::/8']   # every pod, Service and node range
              nodeCidrs: [10.128.0.0/16]
              dns:
                namespace: kube-system
                podLabels: { k8s-app: kube-dns }
                ports: [53]
                addresses: [169.254.20.10]
              ingress:
                namespace: ingress-nginx
                podLabels: { app.kubernetes.io/name: ingress-nginx }
                className: nginx
                ports: [80, 443]
                hostNetwork: false
              linkLocal:
                - { cidr: 169.254.169.254/32, ports: [80] }
              scrapers:
                - { namespace: monitoring, podLabels: { app.kubernetes.io/name: prometheus } }
              apiServer: { addresses: [10.96.0.1/32, 172.20.0.10/32], port: 443 }
            teams:
              acme:
                apps:
                  operator-app:
                    processes:
                      worker: { command: run, port: 5000, metricsPort: 9090 }
                    kubernetesApi: true
            """;

    /** A file with these lines under {@code platform:} and no teams. */
    static String withPlatform(String... platformLines) {
        StringBuilder text = new StringBuilder("version: 1\nplatform:\n");
        for (String line : platformLines) {
            text.append("  ").append(line).append('\n');
        }
        return text.append("teams: {}\n").toString();
    }

    @Test
    void theSchemaExampleLoadsAsWritten() {
        LoadResult result = ConfigLoader.parse("w.yaml", SCHEMA_EXAMPLE);
        assertEquals(List.of(), result.diagnostics());
        Platform platform = result.config().platform();
        assertEquals(List.of("10.0.0.0/8", "100.64.0.0/10", "fd00::/8"), platform.clusterCidrs());
        assertEquals(List.of("10.128.0.0/16"), platform.nodeCidrs());
        assertEquals(new ClusterDns(Platform.DEFAULT_DNS_PODS, List.of(53), List.of("169.254.20.10")), platform.dns());
        assertEquals(new IngressController(Platform.DEFAULT_INGRESS_PODS, "nginx", List.of(80, 443), false),
                platform.ingress());
        assertEquals(List.of(new LinkLocalAccess("169.254.169.254/32", List.of(80))), platform.linkLocal());
        assertEquals(List.of(new PodSelector("monitoring", Map.of("app.kubernetes.io/name", "prometheus"))),
                platform.scrapers());
        assertEquals(new ApiServer(List.of("10.96.0.1/32", "172.20.0.10/32"), 443), platform.apiServer());
        WatasuConfig config = result.config();
        assertTrue(config.app("operator-app").orElseThrow().kubernetesApi());
        assertEquals(9090, config.app("operator-app").orElseThrow().processes().get(0).metricsPort());
    }

    @Test
    void aProfileFillsTheDefaultsAndTheFileWins() {
        Platform k3s = ConfigLoader.parse("w.yaml", withPlatform("profile: k3s")).config().platform();
        assertEquals(ClusterProfile.K3S.defaults(), k3s);
        assertEquals(new IngressController(new PodSelector("kube-system", Map.of("app.kubernetes.io/name", "traefik")),
                "traefik", List.of(8000, 8443), false), k3s.ingress());
        Platform mixed = ConfigLoader.parse("w.yaml", withPlatform("profile: openshift",
                "dns: {ports: [53]}", "ingress: {className: custom}")).config().platform();
        assertEquals(ClusterProfile.OPENSHIFT, mixed.profile());
        assertEquals(new ClusterDns(new PodSelector("openshift-dns",
                Map.of("dns.operator.openshift.io/daemonset-dns", "default")), List.of(53), List.of()), mixed.dns());
        assertEquals("custom", mixed.ingress().className());
        assertEquals("openshift-ingress", mixed.ingress().pods().namespace());
        assertEquals(6443, mixed.apiServer().port());
    }

    @Test
    void anUnknownProfileIsNamedWithTheNearestOne() {
        assertRejected(withPlatform("profile: gcp"),
                "w.yaml:3:12: error: unknown platform.profile 'gcp' (did you mean 'gke'?)");
        assertRejected(withPlatform("profile: rancher"),
                "w.yaml:3:12: error: unknown platform.profile 'rancher' (use one of kind, k3s, gke, eks, aks,"
                        + " openshift, or leave it out)");
    }

    @Test
    void nodeRangesMustBeClusterRanges() {
        assertRejected(withPlatform("clusterCidrs: [10.0.0.0/8]", "nodeCidrs: [10.128.0.0/16, 192.168.0.0/24]"),
                "w.yaml:4:30: error: '192.168.0.0/24' in platform.nodeCidrs is not inside platform.clusterCidrs: node"
                        + " addresses outside the cluster ranges would be \"the internet\" to every pod, on every port"
                        + " (add the nodes' range to platform.clusterCidrs too)");
        assertRejected(withPlatform("nodeCidrs: [10.128.0.1/16]"),
                "w.yaml:3:15: error: '10.128.0.1/16' in platform.nodeCidrs has bits set after the /16 prefix (did you"
                        + " mean '10.128.0.0/16'?)");
    }

    @Test
    void aHostNetworkControllerNeedsTheNodeRanges() {
        assertRejected(withPlatform("ingress: {hostNetwork: true}"),
                "w.yaml:3:26: error: platform.ingress.hostNetwork is true but platform.nodeCidrs is empty: the"
                        + " controller's traffic carries node addresses, which no rule could name (list the nodes'"
                        + " address ranges in platform.nodeCidrs)");
        assertEquals(List.of(), diagnostics(withPlatform("nodeCidrs: [10.128.0.0/16]",
                "ingress: {hostNetwork: true}")));
    }

    @Test
    void booleansAreTrueOrFalseAsWritten() {
        assertRejected(withPlatform("nodeCidrs: [10.128.0.0/16]", "ingress: {hostNetwork: yes}"),
                "w.yaml:4:26: error: 'platform.ingress.hostNetwork' must be true or false, found a boolean (yes)"
                        + " (write 'true' or 'false')");
        assertRejected(Yaml.acme("api: {processes: {worker: run}, kubernetesApi: 'true'}"),
                "w.yaml:5:54: error: 'teams.acme.apps.api.kubernetesApi' must be true or false, found a string"
                        + " (write 'true' or 'false')");
    }

    @Test
    void portListsHoldPortsAndAreNotEmpty() {
        assertRejected(withPlatform("dns: {ports: []}", "ingress: {ports: [80, 0, '443', 08]}"),
                "w.yaml:3:16: error: 'platform.dns.ports' is empty (list at least one port, or leave the field out)",
                "w.yaml:4:25: error: the port 0 of 'platform.ingress.ports' is out of range (use a port from 1 to"
                        + " 65535)",
                "w.yaml:4:28: error: the port of 'platform.ingress.ports' must be an integer from 1 to 65535, found a"
                        + " string (remove the quotes)",
                "w.yaml:4:35: error: the port '08' of 'platform.ingress.ports' has a leading zero, which YAML readers"
                        + " take differently (an octal number, a decimal one, or text) (write it without leading"
                        + " zeros: '8')");
    }

    @Test
    void dnsAndApiServerAddressesAreAddressesOrBlocks() {
        assertEquals(List.of(), diagnostics(withPlatform("dns: {addresses: [169.254.20.10, '10.96.0.10/32', 'fd00::a']}",
                "apiServer: {addresses: [10.96.0.1, '172.18.0.0/30']}")));
        assertRejected(withPlatform("dns: {addresses: [node-local]}", "apiServer: {addresses: [10.96.0.1/8]}"),
                "w.yaml:3:21: error: 'node-local' in platform.dns.addresses is not an address or a CIDR: 'node-local'"
                        + " is not an IPv4 or IPv6 address (write an address range like 10.0.0.0/8 or fd00::/8, or an"
                        + " address like 169.254.20.10)",
                "w.yaml:4:27: error: '10.96.0.1/8' in platform.apiServer.addresses has bits set after the /8 prefix"
                        + " (did you mean '10.0.0.0/8'?)");
    }

    @Test
    void linkLocalEntriesAreNodeLocalAddressesWithPorts() {
        // EKS Pod Identity's IPv6 address is not link-local but lies in the cluster's IPv6 range: accepted.
        assertEquals(List.of(), diagnostics(withPlatform("clusterCidrs: [10.0.0.0/8, 'fd00::/8']",
                "linkLocal: [{cidr: 169.254.170.23/32, ports: [80]}, {cidr: 'fd00:ec2::23/128', ports: [80]}]")));
        assertRejected(withPlatform("linkLocal: [{cidr: 8.8.8.8/32, ports: [53]}, {cidr: 169.254.169.254/32},"
                        + " {ports: [80]}, {cidr: 169.254.169.254/32, ports: [80], protocol: UDP}]"),
                "w.yaml:3:22: error: '8.8.8.8/32' in platform.linkLocal is neither link-local (169.254.0.0/16,"
                        + " fe80::/10) nor inside platform.clusterCidrs (list a node-local address; other addresses are"
                        + " reached as the internet already)",
                "w.yaml:3:48: error: 'platform.linkLocal[1]' has no 'ports' (add e.g. 'ports: [80]')",
                "w.yaml:3:76: error: 'platform.linkLocal[2]' has no 'cidr' (add e.g. 'cidr: 169.254.169.254/32')",
                "w.yaml:3:131: error: unknown field 'protocol' in 'platform.linkLocal[3]' (known fields: cidr, ports)");
    }

    @Test
    void scrapersAreNamespacedPodsAndTheirNamespaceIsNoTeams() {
        assertRejected("""
                        version: 1
                        platform:
                          scrapers: [{namespace: observability, podLabels: {app: prometheus}}, {namespace: metrics}]
                        teams:
                          observability:
                            apps:
                              api: {processes: {web: run}}
                        """,
                "w.yaml:3:72: error: 'platform.scrapers[1]' has no 'podLabels' (add e.g. 'podLabels:"
                        + " {app.kubernetes.io/name: prometheus}')",
                "w.yaml:5:3: error: team name 'observability' is reserved: it is the namespace of the platform's"
                        + " metrics scrapers (choose another team name)");
    }

    @Test
    void onlyAnApiServerTheFileNamesCanBeAskedFor() {
        assertRejected(Yaml.acme("operator: {processes: {worker: run}, kubernetesApi: true}"),
                "w.yaml:5:59: error: app 'operator' asks for the Kubernetes API, but platform.apiServer.addresses is"
                        + " empty (list the API server's endpoint addresses in platform.apiServer.addresses (kubectl"
                        + " get endpointslices -n default -l kubernetes.io/service-name=kubernetes))");
    }

    @Test
    void metricsPortsAreCheckedAndWithoutScrapersHaveNoEffect() {
        LoadResult result = ConfigLoader.parse("w.yaml", Yaml.acme("api: {processes: {web: {command: run,"
                + " metricsPort: 9090}}}"));
        assertEquals(List.of("w.yaml:5:58: warning: the metrics port of process 'web' of app 'api' has no effect:"
                + " platform.scrapers is empty (list the scrapers in platform.scrapers, or remove metricsPort)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertRejected(Yaml.acme("api: {processes: {web: {command: run, metricsPort: 70000}}}"),
                "w.yaml:5:58: error: the metrics port 70000 of process 'web' of app 'api' is out of range (use a port"
                        + " from 1 to 65535)");
    }

    @Test
    void platformListsAreBounded() {
        StringBuilder ports = new StringBuilder("ingress: {ports: [1");
        for (int i = 2; i <= ModelValidator.MAX_PLATFORM_ENTRIES + 1; i++) {
            ports.append(", ").append(i);
        }
        LoadResult result = ConfigLoader.parse("w.yaml", withPlatform(ports.append("]}").toString()));
        assertNull(result.config());
        assertEquals(List.of("w.yaml:3:140: error: platform.ingress.ports has 33 entries, more than the 32 allowed:"
                        + " every team's policies repeat them (merge or drop entries)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
    }
}
