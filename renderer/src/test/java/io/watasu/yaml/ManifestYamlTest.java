package io.watasu.yaml;

import io.watasu.testing.YamlMutations;
import io.watasu.testing.YamlTrees;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    /**
     * Text outside the scanner's subset composes as with SnakeYAML's own composer: the same trees (positions, tags,
     * styles, anchors, aliases as their anchored node) or the same error at the same place, after the same documents,
     * for seeds full of anchors, aliases, tags, block scalars and deep nesting, and for random mutations of them. Only
     * spans are left out: a block collection that ends with an alias ends at the alias here, at its anchored node in
     * SnakeYAML's tree.
     */
    @Test
    void composesAsSnakeYamlsComposer() {
        String[] seeds = {
            "a: &x {b: 1, c: [1, 2]}\nd: *x\ne: &y 3\nf: *y\n---\ng: *x\n",
            "- &a [1, 2]\n- *a\n- !!str 5\n- !foo bar\n- !<tag:example.com,2000:x> y\n- |\n  lit\n  eral\n- >\n  fold\n",
            "k: &r\n  self: *r\n  list:\n  - *r\n  - x\n---\n? complex\n: value\n'q': \"d\"\n",
            "apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: x\nspec:\n  other: *m\n  ports:\n  - {containerPort: 80}\n",
            "[".repeat(52) + "x" + "]".repeat(52) + "\n",
            "a: &a [x]\nb: [" + "*a, ".repeat(26) + "*a]\nc: [" + "*a, ".repeat(26) + "*a]\n",
            "%YAML 1.1\n---\n!!map {a: !!seq [], b: ~, c: null, ? x}\n...\n---\n<<: {a: 1}\nz: &q\n",
        };
        Random random = new Random(16);
        for (String seed : seeds) {
            assertComposesAsSnakeYaml(seed);
            for (int i = 0; i < 1500; i++) {
                assertComposesAsSnakeYaml(YamlMutations.mutate(seed, random));
            }
        }
    }

    private static void assertComposesAsSnakeYaml(String text) {
        String spans = " #[0-9]+-(-1|[0-9]+)";
        assertEquals(snakeYaml(text).replaceAll(spans, ""), ours(text).replaceAll(spans, ""), text);
    }

    private static String snakeYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        List<Node> documents = new ArrayList<>();
        try {
            Composer composer = new Composer(new ParserImpl(new WholeTextReader(text), options), new Resolver(),
                    options);
            while (composer.checkNode()) {
                documents.add(composer.getNode());
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            return "error " + (mark == null ? "1:1" : (mark.getLine() + 1) + ":" + (mark.getColumn() + 1)) + " "
                    + e.getProblem() + " after " + documents.size();
        } catch (ReaderException e) {
            return "error: a character YAML does not allow, after " + documents.size();
        } catch (YAMLException e) {
            return "error 1:1 " + e.getMessage() + " after " + documents.size();
        }
        return YamlTrees.dumpSnake(documents, text);
    }

    private static String ours(String text) {
        List<YamlNode> documents = new ArrayList<>();
        try {
            ManifestYaml.read(text, documents::add);
        } catch (BoundedYaml.Rejected e) {
            BoundedYaml.Problem problem = e.problem();
            String message = problem.message().substring("not valid YAML/JSON: ".length());
            return message.startsWith("the character ")
                    ? "error: a character YAML does not allow, after " + documents.size()
                    : "error " + problem.line() + ":" + problem.column() + " " + message + " after " + documents.size();
        }
        return YamlTrees.dump(documents);
    }
}
