package io.watasu.render;

import io.watasu.model.Guardrails;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.testing.Examples;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendering of examples/watasu.yaml (with Argo CD wiring) must equal the reviewed files under
 * src/test/resources/golden/example. After an intended change, regenerate them with
 * {@code mvn -o -pl renderer -am test -Dtest=GoldenOutputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwatasu.updateGolden=true} and review the diff.
 */
class GoldenOutputTest {
    static final ArgoCdSettings ARGO_CD = new ArgoCdSettings("https://git.example.com/platform/gitops.git", "main",
            "clusters/production");

    private static Path goldenDir() {
        return TestData.repoRoot().resolve("renderer/src/test/resources/golden/example");
    }

    @Test
    void exampleRendersExactlyTheGoldenFiles() throws IOException {
        assertGolden(Renderer.render(Examples.load(Examples.exampleFile()),
                RenderOptions.defaults().withArgoCd(ARGO_CD)), goldenDir());
    }

    /**
     * With guardrails (ClusterNetworkPolicy, admission policies): the files they add or change, under
     * src/test/resources/golden/guardrails.
     */
    @Test
    void guardrailsRenderExactlyTheGoldenFiles() throws IOException {
        WatasuConfig config = Examples.load(Examples.exampleFile()).withGuardrails(new Guardrails(
                Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY, Guardrails.DEFAULT_PRIORITY, true,
                Guardrails.AdmissionMode.AUDIT, Guardrails.DEFAULT_DEPLOYERS, Guardrails.DEFAULT_POLICY_WRITERS));
        RenderedTree tree = Renderer.render(config, RenderOptions.defaults().withArgoCd(ARGO_CD));
        assertGolden(new RenderedTree(tree.files().stream().filter(f -> f.relativePath().startsWith("_guardrails/")
                || f.relativePath().equals("argocd/guardrails.yaml") || f.relativePath().endsWith("/_team.yaml"))
                .toList()), TestData.repoRoot().resolve("renderer/src/test/resources/golden/guardrails"));
    }

    private static void assertGolden(RenderedTree tree, Path golden) throws IOException {
        if (Boolean.getBoolean("watasu.updateGolden")) {
            if (Files.exists(golden)) {
                try (Stream<Path> old = Files.walk(golden)) {
                    old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
            for (RenderedFile file : tree.files()) {
                Path target = golden.resolve(file.relativePath());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.content(), StandardCharsets.UTF_8);
            }
        }
        List<String> goldenFiles;
        try (Stream<Path> files = Files.walk(golden)) {
            goldenFiles = files.filter(Files::isRegularFile).map(p -> golden.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertEquals(goldenFiles, tree.files().stream().map(RenderedFile::relativePath).sorted().toList());
        for (RenderedFile file : tree.files()) {
            assertEquals(Files.readString(golden.resolve(file.relativePath()), StandardCharsets.UTF_8), file.content(),
                    file.relativePath());
            assertTrue(file.content().endsWith("\n") && !file.content().contains("\r"), file.relativePath());
        }
    }
}
