package io.watasu.yaml;

import io.watasu.testing.TestData;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.render.ArgoCdSettings;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.testing.Examples;
import io.watasu.testing.RandomPlatforms;
import io.watasu.testing.YamlMutations;
import io.watasu.testing.YamlTrees;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fast reader of manifests ({@link YamlScanner#documents}) against SnakeYAML's composer: whatever it accepts,
 * SnakeYAML accepts and composes into the same tree (kinds, tags, styles, values, positions, spans); all built-in
 * output is accepted.
 */
class RenderedYamlTest {
    private static final ArgoCdSettings ARGO_CD = new ArgoCdSettings("https://git.example.com/platform/gitops.git",
            "main", "clusters/production");

    /** SnakeYAML's documents of {@code text}, or null when it rejects the text. */
    private static List<Node> snakeYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
            List<Node> documents = new ArrayList<>();
            while (composer.checkNode()) {
                documents.add(composer.getNode());
            }
            return documents;
        } catch (YAMLException e) {
            return null;
        }
    }

    /** True when the fast reader accepts {@code text}; fails when it accepts it differently from SnakeYAML. */
    private static boolean agrees(String text) {
        List<YamlNode> fast = YamlScanner.documents(text);
        if (fast == null) {
            return false;
        }
        List<Node> reference = snakeYaml(text);
        if (reference == null) {
            fail("accepted what SnakeYAML rejects:\n" + text);
        }
        assertEquals(YamlTrees.dumpSnake(reference), YamlTrees.dump(fast), text);
        return true;
    }

    private static List<String> rendered;

    /**
     * Every golden output file, and every rendered file of the example and of many random platforms, half of them
     * with Argo CD wiring.
     */
    private static synchronized List<String> renderedFiles() {
        if (rendered != null) {
            return rendered;
        }
        List<String> files = new ArrayList<>();
        Path golden = TestData.repoRoot().resolve("renderer/src/test/resources/golden");
        try (Stream<Path> paths = Files.walk(golden)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                files.add(Files.readString(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(files.size() >= 7, "golden files under " + golden);
        Renderer.render(Examples.load(Examples.exampleFile()), RenderOptions.defaults().withArgoCd(ARGO_CD)).files()
                .forEach(f -> files.add(f.content()));
        for (long seed = 1; seed <= 120; seed++) {
            RenderOptions options = seed % 2 == 0 ? RenderOptions.defaults().withArgoCd(ARGO_CD)
                    : RenderOptions.defaults();
            RenderedTree tree = Renderer.render(RandomPlatforms.generate(seed), options);
            tree.files().stream().map(RenderedFile::content).forEach(files::add);
        }
        rendered = List.copyOf(files);
        return rendered;
    }

    private static List<String> documentsOf(String file) {
        List<String> documents = new ArrayList<>();
        for (String part : file.split("\n---\n", -1)) {
            documents.add(part.endsWith("\n") ? part : part + "\n");
        }
        return documents;
    }

    @Test
    void everyRenderedFileAndDocumentIsAcceptedAndComposesAsWithSnakeYaml() {
        int documents = 0;
        for (String file : renderedFiles()) {
            assertNotNull(YamlScanner.documents(file), file);
            assertTrue(agrees(file));
            for (String document : documentsOf(file)) {
                assertTrue(agrees(document), document);
                documents++;
            }
        }
        assertTrue(documents > 3000, documents + " documents");
    }

    @Test
    void whatTheReaderAcceptsAfterRandomMutationsComposesAsWithSnakeYaml() {
        List<String> sources = new ArrayList<>();
        for (String file : renderedFiles().subList(0, 400)) {
            sources.add(file);
            sources.addAll(documentsOf(file));
        }
        Random random = new Random(20261125);
        int accepted = 0;
        int changedAndAccepted = 0;
        int mutations = 25_000;
        for (int i = 0; i < mutations; i++) {
            String source = sources.get(random.nextInt(sources.size()));
            String mutated = YamlMutations.mutate(source, random);
            if (agrees(mutated)) {
                accepted++;
                if (!mutated.equals(source)) {
                    changedAndAccepted++;
                }
            }
        }
        // Meaningful only if many mutants are accepted (and so compared) and many are declined.
        assertTrue(changedAndAccepted > mutations / 20, changedAndAccepted + " changed mutants accepted");
        assertTrue(accepted < mutations * 9 / 10, accepted + " mutants accepted");
    }

    @Test
    void theSubsetIsReadLikeSnakeYamlReadsIt() {
        for (String text : List.of(
                "a: b\n",
                "a: https://kubernetes.default.svc\nb: missingkey=error\n",
                "a:\n- b\n- c: d\n  e: f\ng: h\n",
                "a:\n  b:\n  - {c: d, e: [f, \"g\"]}\n  - []\n  h: {}\n",
                "a:\nb:\n  c:\n",
                "a: null\nNull: NULL\nb: \"null\"\n",
                "# top\na: b\n\n  # inside\nc:\n# between\n- d\n---\n# next\n"
                        + "e: \"f\\\"\\\\\\n\\t\\r\\N\\L\\P\\u00e9\\u2028\\uFFFD x\"\n",
                "\"a b\": \"\u00e9\u4e2d\"\n",
                "a: 5000\nb: true\nc: 1.5\n",
                // What watasu.yaml files are written with, also in the one subset: no line break at the end,
                // comments after values, spaces, CRLF, single quotes, loose flow collections, indented lists, non-ASCII.
                "a: b", "a: b # c\n", "a: b \n", "a:  b\n", "a: b\r\n", "a: 'b'\n", "a: {b: c }\n", "a: [b,c]\n",
                "a:\n  - b\n", "a: \u00e9\n")) {
            assertTrue(agrees(text), text);
        }
    }

    @Test
    void everythingOutsideTheSubsetIsDeclined() {
        for (String text : List.of(
                "", "# only a comment\n", "---\na: b\n", "a: b\n---\n", "a: b\n...\n", "%YAML 1.1\n---\na: b\n",
                "a: b\n  c\n", "\ta: b\n", "a: \"b\tc\"\n",
                "a: &x b\nc: *x\n", "a: !t b\n", "a: |\n  b\n", "a: >\n  b\n", "? a\n: b\n",
                "a: \"b\n  c\"\n", "a: [b,\n  c]\n", "- a\n", "  a: b\n",
                "\uFEFFa: b\n", "a: \"\\x41\"\n", "a: \"\\ud800\"\n", "a: -b\n",
                "a: b: c\n", "a: b:\n", "a: {b}\n", "a: [b: c]\n", "{a: b}: c\n", "a: \"b\" c\n",
                "k" + "x".repeat(1100) + ": v\n", "a: " + "[".repeat(45) + "]".repeat(45) + "\n")) {
            assertNull(YamlScanner.documents(text), text);
        }
    }
}
