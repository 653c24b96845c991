package io.watasu.review;

import io.watasu.model.WatasuConfig;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.testing.Examples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connections evaluated from the rendered policies of the example, and what happens when a policy is lost. */
class AccessAnalysisTest {
    private static List<String> lines(WatasuConfig config, RenderedTree rendered) {
        return AccessAnalysis.allowedConnections(config, rendered).stream().map(e -> e.team() + ": " + e.format()).toList();
    }

    @Test
    void exampleAllowsExactlyTheContract() {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        assertEquals(List.of(
                "acme: api-app -> grpc-app:grpc-tcp 50051/TCP",
                "acme: billing-app -> grpc-app:grpc-tcp 50051/TCP",
                "acme: grpc-app -> grpc-app:grpc-tcp 50051/TCP",
                "acme: {ingress-controller} -> api-app:admin-web 8080/TCP",
                "acme: {ingress-controller} -> api-app:web 5000/TCP",
                "acme: {ingress-controller} -> grpc-app:web 5000/TCP",
                "globex: meet-app -> meet-app:cache-tcp 6379/TCP",
                "globex: {ingress-controller} -> meet-app:web 5000/TCP",
                "globex: {internet} -> meet-app:media-rtc 40000/UDP"),
                lines(config, Renderer.render(config, RenderOptions.defaults())));
    }

    /** The connections come from the policies, not the trust lists: without the team's policies all is open. */
    @Test
    void connectionsFollowThePoliciesNotTheTrustLists() {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        RenderedTree rendered = Renderer.render(config, RenderOptions.defaults());
        List<RenderedFile> withoutPolicies = new ArrayList<>();
        for (RenderedFile f : rendered.files()) {
            if (!f.relativePath().startsWith("acme/")) {
                withoutPolicies.add(f);
            }
        }
        List<String> open = lines(config, new RenderedTree(withoutPolicies));
        assertTrue(open.contains("acme: report-app -> grpc-app:grpc-tcp any port"), String.join("\n", open));
        assertTrue(open.contains("acme: {ingress-controller} -> api-app:worker any port"), String.join("\n", open));
        // globex's egress policies still hold its pods back.
        assertTrue(open.stream().noneMatch(line -> line.contains("globex/meet-app")), String.join("\n", open));
    }

    @Test
    void ipv6ClusterRangesDoNotStopTheAnalysis() {
        WatasuConfig config = Examples.parse("""
                version: 1
                platform: {clusterCidrs: [10.0.0.0/8, 169.254.0.0/16, 'fd00::/8', 'fe80::/10']}
                teams: {acme: {apps: {api: {processes: {web: run, x-rtc: {command: run, port: 4000}}}}}}
                """);
        assertEquals(List.of("acme: {ingress-controller} -> api:web 5000/TCP", "acme: {internet} -> api:x-rtc 4000/UDP"),
                lines(config, Renderer.render(config, RenderOptions.defaults())));
    }
}
