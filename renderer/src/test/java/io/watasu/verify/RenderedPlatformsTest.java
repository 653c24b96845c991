package io.watasu.verify;

import io.watasu.config.ConfigLoader;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.model.ClusterProfile;
import io.watasu.testing.EverySetting;
import io.watasu.testing.Examples;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two independent implementations checked against each other: what the renderer writes for the example and for
 * random platforms keeps every promise of the contract, and a one-line weakening of it is caught.
 */
class RenderedPlatformsTest {
    static ManifestSet render(WatasuConfig config) throws ManifestException {
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile file : Renderer.render(config, RenderOptions.defaults()).files()) {
            files.put(file.relativePath(), file.content());
        }
        return ManifestReader.parse(files);
    }

    static List<String> violations(WatasuConfig config, ManifestSet rendered) {
        return IntentCheck.check(config, rendered).stream().map(Violation::format).toList();
    }

    @Test
    void theExampleKeepsTheContract() throws Exception {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        ManifestSet rendered = render(config);
        assertFalse(rendered.policies().isEmpty(), "the renderer wrote policies");
        assertEquals(List.of(), violations(config, rendered));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomPlatformsKeepTheContract(long seed) throws Exception {
        WatasuConfig config = RandomPlatforms.generate(seed);
        assertEquals(List.of(), violations(config, render(config)));
    }

    /**
     * Every profile, alone and with every cluster setting on in one or both families: the gate holds the rendering
     * to the same facts the renderer used (DNS on its ports and addresses, the controller on its ports or at the
     * nodes, link-local entries, scrapers, the API), and losing one of them is caught.
     */
    @Test
    void everyProfileWithEverySettingKeepsTheContract() throws Exception {
        WatasuConfig example = Examples.load(Examples.exampleFile());
        for (ClusterProfile profile : ClusterProfile.values()) {
            for (WatasuConfig config : List.of(EverySetting.on(example, profile.defaults()),
                    EverySetting.on(example, EverySetting.platform(profile.defaults(), false)),
                    EverySetting.on(example, EverySetting.platform(profile.defaults(), true)))) {
                assertEquals(List.of(), violations(config, render(config)), profile + " " + config.platform());
            }
        }
        WatasuConfig config = EverySetting.on(example, EverySetting.platform(ClusterProfile.OPENSHIFT.defaults(),
                true));
        ManifestSet rendered = render(config);
        for (String dropped : List.of("api-app-worker-metrics-ingress", "allow-link-local-egress",
                "grpc-app-kubernetes-api-egress", "allow-dns-egress", "grpc-app-web-ingress")) {
            List<Policy> fewer = rendered.policies().stream().filter(p -> !p.name().equals(dropped)).toList();
            assertTrue(fewer.size() < rendered.policies().size(), dropped + " is rendered");
            List<String> found = violations(config, new ManifestSet(rendered.namespaces(), rendered.workloads(),
                    rendered.services(), rendered.ingresses(), fewer));
            assertTrue(found.stream().anyMatch(v -> v.contains(" denied, but ")), dropped + ": " + found);
        }
        // A *-tcp process's scrapers are the second rule of its ingress policy: losing that rule alone is caught too.
        List<Policy> withoutScrapers = rendered.policies().stream().map(p -> !p.name().equals("grpc-app-grpc-tcp-ingress")
                ? p : new Policy(p.namespace(), p.name(), p.podSelector(), p.affectsIngress(), p.affectsEgress(),
                p.ingress().subList(0, 1), p.egress(), p.at())).toList();
        assertEquals(2, rendered.policies().stream().filter(p -> p.name().equals("grpc-app-grpc-tcp-ingress"))
                .findFirst().orElseThrow().ingress().size(), "the trusted callers' rule and the scrapers' rule");
        List<String> found = violations(config, new ManifestSet(rendered.namespaces(), rendered.workloads(),
                rendered.services(), rendered.ingresses(), withoutScrapers));
        assertTrue(found.stream().anyMatch(v -> v.startsWith("scraper(monitoring) -> acme/grpc-app:grpc-tcp")
                && v.contains(" denied, but the platform's scrapers must reach metrics ports")), String.join("\n", found));
    }

    @Test
    void droppingTheDefaultDenyOfTheExampleIsCaught() throws Exception {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        ManifestSet rendered = render(config);
        List<Policy> weakened = rendered.policies().stream()
                .filter(p -> !(p.namespace().equals("acme") && p.name().equals("default-deny"))).toList();
        assertEquals(rendered.policies().size() - 1, weakened.size(), "the example has acme/default-deny");
        List<String> found = violations(config, new ManifestSet(rendered.namespaces(), rendered.workloads(),
                rendered.services(), rendered.ingresses(), weakened));
        assertTrue(found.stream().anyMatch(v -> v.startsWith("watasu-verify-probe/outside-pod -> acme/api-app:worker")
                && v.contains("no policy isolates acme/api-app:worker for ingress")), String.join("\n", found));
    }

    /** The example with an IPv6 pod range: the contract then opens the IPv6 internet too. */
    static WatasuConfig dualStackExample() throws Exception {
        String text = Files.readString(Examples.exampleFile());
        String dualStack = text.replace("clusterCidrs: [10.0.0.0/8,", "clusterCidrs: [fd00::/8, fe80::/10, 10.0.0.0/8,");
        assertFalse(text.equals(dualStack), "the example lists its cluster ranges");
        return ConfigLoader.parse("watasu.yaml", dualStack).config();
    }

    @Test
    void aDualStackRenderingKeepsTheContractAndLosingItsIpv6InternetIsCaught() throws Exception {
        WatasuConfig config = dualStackExample();
        ManifestSet rendered = render(config);
        assertEquals(List.of(), violations(config, rendered));
        List<Policy> ipv4Only = new ArrayList<>();
        for (Policy p : rendered.policies()) {
            List<Policy.Rule> egress = new ArrayList<>();
            for (Policy.Rule r : p.egress()) {
                List<Policy.Peer> peers = r.peers().stream()
                        .filter(peer -> peer.ipBlock() == null || !peer.ipBlock().ipv6()).toList();
                if (r.anyPeer() || !peers.isEmpty()) { // a rule left without peers would open everything
                    egress.add(new Policy.Rule(peers, r.ports(), r.at()));
                }
            }
            ipv4Only.add(new Policy(p.namespace(), p.name(), p.podSelector(), p.affectsIngress(), p.affectsEgress(),
                    p.ingress(), egress, p.at()));
        }
        List<String> found = violations(config, new ManifestSet(rendered.namespaces(), rendered.workloads(),
                rendered.services(), rendered.ingresses(), ipv4Only));
        assertTrue(found.stream().anyMatch(v -> v.startsWith("acme/api-app:worker -> external ::-")
                && v.endsWith(" All Connections denied, but every pod must reach the internet (2001:4860:4860::8888)")),
                String.join("\n", found));
    }

    @Test
    void openingIpv6WithoutAnIpv6ClusterRangeIsCaught() throws Exception {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        ManifestSet rendered = render(config);
        List<Policy> opened = new ArrayList<>(rendered.policies());
        opened.add(new Policy("acme", "ipv6-out", LabelSelector.EVERYTHING, false, true, List.of(),
                List.of(new Policy.Rule(List.of(new Policy.Peer(null, null,
                        new IpBlock(IpRange.parseCidr("::/0"), List.of()))), List.of(), null)), null));
        List<String> found = violations(config, new ManifestSet(rendered.namespaces(), rendered.workloads(),
                rendered.services(), rendered.ingresses(), opened));
        // Link-local (fe80::/10) is judged on its own: it is never the internet, whatever the ranges.
        assertTrue(found.contains("acme/grpc-app:grpc-tcp -> external ::-fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff All"
                + " Connections allowed, but IPv6 stays closed unless platform.clusterCidrs lists the cluster's IPv6"
                + " ranges (policy acme/ipv6-out)"), String.join("\n", found));
        assertTrue(found.contains("acme/grpc-app:grpc-tcp -> external fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
                + " All Connections allowed, but link-local addresses are never the internet: pods reach only the"
                + " platform.linkLocal entries and platform.dns.addresses, on their ports (policy acme/ipv6-out)"),
                String.join("\n", found));
    }
}
