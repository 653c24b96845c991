package io.watasu.yaml;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManifestYamlTest {
    /** A plain scalar is null exactly when SnakeYAML's patterns resolve it to null. */
    @Test
    void scalarsAreNullAsWithSnakeYamlsNullPatterns() {
        Resolver reference = new Resolver();
        List<String> values = new ArrayList<>(List.of("", " ", "~", "null", "Null", "NULL", "nULL", "nUll", "none",
                "null ", " null", "~~", "NULLx", "N", "n", "0", "true", "false", "1.5", "2026-11-25", "0x1F", ".inf",
                "<<", "=", "y", "no", "x".repeat(11), "null".repeat(3)));
        for (char c = 0; c < 0x180; c++) {
            values.add(String.valueOf(c));
        }
        for (String value : values) {
            assertEquals(reference.resolve(NodeId.scalar, value, true).equals(Tag.NULL),
                    YamlNode.Scalar.plain(1, 1, value).isNull(), "'" + value + "'");
        }
    }
}
