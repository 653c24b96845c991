package io.watasu.yaml;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManifestYamlTest {
    /** Null or string the way SnakeYAML's own patterns for null tell them apart. */
    private static final class PatternNullResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }

    @Test
    void scalarsResolveAsWithSnakeYamlsNullPatterns() {
        Resolver reference = new PatternNullResolver();
        List<String> values = new ArrayList<>(List.of("", " ", "~", "null", "Null", "NULL", "nULL", "nUll", "none",
                "null ", " null", "~~", "NULLx", "N", "n", "0", "true", "false", "1.5", "2026-11-25", "0x1F", ".inf",
                "<<", "=", "y", "no", "x".repeat(11), "null".repeat(3)));
        for (char c = 0; c < 0x180; c++) {
            values.add(String.valueOf(c));
        }
        for (String value : values) {
            for (boolean plain : new boolean[] {true, false}) {
                assertEquals(reference.resolve(NodeId.scalar, value, plain),
                        ManifestYaml.RESOLVER.resolve(NodeId.scalar, value, plain), "'" + value + "' plain " + plain);
            }
        }
        for (NodeId kind : new NodeId[] {NodeId.mapping, NodeId.sequence}) {
            assertEquals(reference.resolve(kind, null, true), ManifestYaml.RESOLVER.resolve(kind, null, true));
        }
    }
}
