package io.watasu.render;

import io.watasu.model.WatasuConfig;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedTree;
import io.watasu.output.WriteResult;
import io.watasu.testing.Examples;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fleet re-rendered after one app changed, reusing the earlier output (files proven by their settled status,
 * text not read), leaves the folder byte for byte as a cold render of the changed file does, record included.
 */
class FleetReuseTest {
    private static final RenderOptions OPTIONS = RenderOptions.defaults().withArgoCd(
            new ArgoCdSettings("https://git.example.com/platform/gitops.git", "main", "fleet"));

    @TempDir
    Path work;

    private static WriteResult renderInto(WatasuConfig config, Path out) {
        RenderedTree tree = Renderer.render(config, OPTIONS, PreviousOutput.in(out));
        return new OutputWriter().write(tree, out);
    }

    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void aReRenderAfterOneAppChangedIsByteIdenticalToAColdRender() throws Exception {
        Path example = TestData.repoRoot().resolve("examples/fleet.yaml");
        String text = Files.readString(example);
        Path changedFile = work.resolve("changed.yaml");
        Files.writeString(changedFile, text.replace("port: 50051", "port: 50052"));
        WatasuConfig config = Examples.load(example);
        WatasuConfig changed = Examples.load(changedFile);
        Path out = work.resolve("out");

        renderInto(config, out);
        Thread.sleep(1_100);     // settled: the next run remembers every file's status with its hash
        assertEquals(List.of(), renderInto(config, out).written());
        WriteResult result = renderInto(changed, out);

        // grpc-app runs on every cluster: its file is rewritten on each, nothing else is.
        assertEquals(List.of("eu-prod/acme/grpc-app.yaml", "staging/acme/grpc-app.yaml",
                "us-prod/acme/grpc-app.yaml"), result.written().stream().sorted().toList());
        Path cold = work.resolve("cold");
        renderInto(changed, cold);
        Map<String, byte[]> expected = files(cold);
        Map<String, byte[]> actual = files(out);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }
}
