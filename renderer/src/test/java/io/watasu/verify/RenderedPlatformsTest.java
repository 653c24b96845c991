package io.watasu.verify;

import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.testing.Examples;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
