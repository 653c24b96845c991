package io.watasu.config;

import io.watasu.model.IngressController;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PlatformRulesTest {
    private static String withPlatform(String... platformLines) {
        StringBuilder text = new StringBuilder("version: 1\nplatform:\n");
        for (String line : platformLines) {
            text.append("  ").append(line).append('\n');
        }
        return text.append("teams: {}\n").toString();
    }

    @Test
    void platformFieldsOverrideTheDefaultsOneByOne() {
        LoadResult result = ConfigLoader.parse("w.yaml", withPlatform("domain: apps.example.com",
                "clusterCidrs: [10.0.0.0/8, 169.254.0.0/16, 'fd00::/8', 'fe80::/10']", "ingress: {className: public}",
                "reservedNamespaces: [infra, ops-*]"));

        Platform defaults = Platform.defaults();
        assertEquals(defaults.withDomain("apps.example.com")
                .withClusterCidrs(List.of("10.0.0.0/8", "169.254.0.0/16", "fd00::/8", "fe80::/10"))
                .withIngress(new IngressController(defaults.ingress().pods(), "public", defaults.ingress().ports(), false))
                .withReservedNamespaces(List.of("infra", "ops-*")), result.config().platform());
    }

    @Test
    void podLabelsReplaceTheDefaultSelector() {
        LoadResult result = ConfigLoader.parse("w.yaml",
                withPlatform("dns: {namespace: dns, podLabels: {app: coredns, tier: dns}}"));
        assertEquals(new PodSelector("dns", Map.of("app", "coredns", "tier", "dns")),
                result.config().platform().dns().pods());
    }

    @Test
    void theIngressControllerMayRunInTheDnsNamespace() {
        LoadResult result = ConfigLoader.parse("w.yaml", "version: 1\nplatform:\n  ingress: {namespace: kube-system}\n"
                + "teams:\n  acme:\n    apps:\n      api: {processes: {web: run}}\n");
        assertEquals(List.of(), result.diagnostics());
        assertEquals("kube-system", result.config().platform().ingress().pods().namespace());
    }

    @Test
    void theDomainMustBeADnsSubdomain() {
        assertRejected(withPlatform("domain: Apps_Example.com"),
                "w.yaml:3:11: error: platform.domain 'Apps_Example.com' is not a valid DNS domain (use lower-case"
                        + " labels of letters, digits and '-' separated by dots, e.g. 'apps.example.com')");
    }

    @Test
    void clusterCidrsMustBeValidRanges() {
        assertRejected(withPlatform("clusterCidrs: [10.0.0.0, 300.0.0.0/8, 10.0.0.0/33, 'fd00::zz/8', example.com/8]"),
                "w.yaml:3:18: error: '10.0.0.0' in platform.clusterCidrs is not a CIDR: missing '/prefix'"
                        + " (e.g. 10.0.0.0/32) (write an address range like 10.0.0.0/8 or fd00::/8)",
                "w.yaml:3:28: error: '300.0.0.0/8' in platform.clusterCidrs is not a CIDR: '300.0.0.0' is not an"
                        + " IPv4 address (300 > 255) (write an address range like 10.0.0.0/8 or fd00::/8)",
                "w.yaml:3:41: error: '10.0.0.0/33' in platform.clusterCidrs is not a CIDR: prefix length '33' must be"
                        + " a number from 0 to 32 (write an address range like 10.0.0.0/8 or fd00::/8)",
                "w.yaml:3:54: error: 'fd00::zz/8' in platform.clusterCidrs is not a CIDR: 'fd00::zz' is not an IPv6"
                        + " address (write an address range like 10.0.0.0/8 or fd00::/8)",
                "w.yaml:3:68: error: 'example.com/8' in platform.clusterCidrs is not a CIDR: 'example.com' is not an"
                        + " IPv4 or IPv6 address (write an address range like 10.0.0.0/8 or fd00::/8)");
    }

    @Test
    void clusterCidrsMustNotHaveHostBitsSet() {
        assertRejected(withPlatform("clusterCidrs: [10.0.0.1/8, 'fd00::1/8', 10.0.0.0/8, 'fd00::/8']"),
                "w.yaml:3:18: error: '10.0.0.1/8' in platform.clusterCidrs has bits set after the /8 prefix"
                        + " (did you mean '10.0.0.0/8'?)",
                "w.yaml:3:30: error: 'fd00::1/8' in platform.clusterCidrs has bits set after the /8 prefix"
                        + " (did you mean 'fd00::/8'?)");
    }

    @Test
    void clusterCidrsMustNotBeEmpty() {
        assertRejected(withPlatform("clusterCidrs: []"),
                "w.yaml:3:17: error: platform.clusterCidrs is empty: pods could then reach cluster addresses as"
                        + " \"the internet\" (list the cluster's pod, service and node ranges, or remove the field for"
                        + " the defaults)");
    }

    @Test
    void podLabelsMustBeNonEmptyAndValid() {
        assertRejected(withPlatform("ingress: {podLabels: {}}", "dns: {podLabels: {'bad key!': x, ok: 'bad value!'}}"),
                "w.yaml:3:24: error: platform.ingress.podLabels is empty: it would select every pod in the namespace"
                        + " (give the labels that identify the component's pods)",
                "w.yaml:4:21: error: 'bad key!' in platform.dns.podLabels is not a valid label key (use an optional"
                        + " DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.')",
                "w.yaml:4:36: error: the value 'bad value!' of label 'ok' in platform.dns.podLabels is not a valid"
                        + " label value (use at most 63 letters, digits, '-', '_' or '.', starting and ending with a"
                        + " letter or digit)");
    }

    @Test
    void namespacesAndClassNameMustBeValidNames() {
        assertRejected(withPlatform("ingress: {namespace: Ingress, className: 'a b'}"),
                "w.yaml:3:24: error: platform.ingress.namespace 'Ingress' is not a valid namespace name: it contains"
                        + " 'I': only lower-case letters, digits and '-' are allowed (give the namespace the component runs in)",
                "w.yaml:3:44: error: platform.ingress.className 'a b' is not a valid IngressClass name (use"
                        + " lower-case letters, digits, '-' and '.', e.g. 'nginx')");
    }

    @Test
    void unknownPlatformFieldsAreReported() {
        assertRejected(withPlatform("ingres: {}"),
                "w.yaml:3:3: error: unknown field 'ingres' in 'platform' (did you mean 'ingress'?)");
    }

    @Test
    void withoutAnIpv4RangeTheInternetWouldBeEverything() {
        // The IPv4 internet rule is always rendered: without IPv4 ranges it would be all of IPv4 but link-local, pods
        // and nodes included.
        assertRejected(withPlatform("clusterCidrs: ['fd00::/8', 'fe80::/10']"),
                "w.yaml:3:17: error: platform.clusterCidrs lists no IPv4 range: the IPv4 internet would then be every"
                        + " IPv4 address but link-local, every pod, Service and node address included, in every"
                        + " pod's egress and in the ingress of *-rtc processes (list the cluster's IPv4 pod, Service"
                        + " and node ranges (an IPv6-only cluster lists at least its nodes' IPv4 range))");
    }

    /** Link-local is never the internet whether listed or not, so the example ranges are valid as written. */
    @Test
    void linkLocalRangesNeedNotBeListed() {
        for (String ranges : List.of("[10.0.0.0/8, 100.64.0.0/10, 'fd00::/8']", "[10.0.0.0/8, 169.254.0.0/17]",
                "[10.0.0.0/8, 169.254.0.0/16, 'fd00::/8', 'fe80::/10']")) {
            LoadResult result = ConfigLoader.parse("w.yaml", withPlatform("clusterCidrs: " + ranges));
            assertEquals(List.of(), result.diagnostics(), ranges);
        }
    }

    @Test
    void theDefaultRangesIncludeTheSharedAddressSpace() {
        assertEquals(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"),
                Platform.defaults().clusterCidrs());
    }

    @Test
    void clusterCidrsAndPodLabelsAreBounded() {
        StringBuilder cidrs = new StringBuilder("clusterCidrs: [169.254.0.0/16");
        for (int i = 0; i < ModelValidator.MAX_CLUSTER_CIDRS; i++) {
            cidrs.append(", 10.").append(i).append(".0.0/16");
        }
        StringBuilder labels = new StringBuilder("dns: {podLabels: {");
        for (int i = 0; i <= ModelValidator.MAX_POD_LABELS; i++) {
            labels.append(i == 0 ? "" : ", ").append("k").append(i).append(": v");
        }
        assertRejected(withPlatform(cidrs.append("]").toString(), labels.append("}}").toString()),
                "w.yaml:3:458: error: platform.clusterCidrs has 33 entries, more than the 32 allowed: the internet"
                        + " rules of every team are their complement (merge adjacent ranges into larger ones)",
                "w.yaml:4:20: error: platform.dns.podLabels has 17 labels, more than the 16 allowed: every team's"
                        + " policies repeat them (select the pods by fewer labels)");
    }
}
