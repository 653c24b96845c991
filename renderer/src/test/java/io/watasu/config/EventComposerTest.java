package io.watasu.config;

import io.watasu.testing.YamlTrees;
import io.watasu.yaml.BoundedYaml;
import io.watasu.yaml.YamlNode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Composing from parser events must give SnakeYAML's composer's tree, or its error, for any text. */
class EventComposerTest {
    @Test
    void composesAsSnakeYamlDoes() {
        List<String> texts = List.of(
                "", "# only a comment\n", "---\n", "--- \n...\n", "just a scalar\n", "version: 1\nteams: {}\n",
                "a: &x [1, 2]\nb: *x\n", "a: &x\n  b: 1\nc: *x\nd: *x\n", "teams: &t {acme: *t}\n", "&r [*r, x]\n",
                "base: &base {processes: {web: run}}\napi: {<<: *base}\n", "a: *missing\n",
                "a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
                "a: !!str 1\n", "a: !shell run\n", "a: !<tag:example.com,2000:x> y\n", "a: ! 12\n", "a: !!int '12'\n",
                "a: !!map {b: c}\n", "a: !!seq [1]\n", "a: !!set {b, c}\n", "a: !!binary aGk=\n", "!!map\na: b\n",
                "a: |\n  x\n  y\n", "a: >-\n  x\n  y\n", "a: 'x\n  y'\n", "a: \"x\\n\\ty\"\n", "a: b\n  continued\n",
                "a: 1\n---\nb: 2\n", "? a\n: b\n", "? [a, b]\n: c\n", "a:\n- x\n- - y\n  - z\n- k: v\n  j: w\n",
                "a: {b: c,}\n", "a: [b, c\n", "a: b: c\n", "a:\tb\n", "  a: 1\n b: 2\n", "a: ~\nb: yes\nc: 0x10\nd:\n",
                "a: {? b : c}\n", "[a, b]: c\n", "a: [&x b, *x]\n", "&a a: *a\n", "a: !!null ''\n", "a: !!float 1\n");
        for (String text : texts) {
            assertSameAsSnakeYaml(text);
        }
    }

    /** Styles, anchors and character spans too, where SnakeYAML's marks can tell them (one document, no emoji). */
    @Test
    void keepsStylesAnchorsAndSpansAsSnakeYamlsMarksGiveThem() throws BoundedYaml.Rejected {
        List<String> texts = List.of("a: &x [1, 2]\nb: *x\n", "a: &x\n  b: 'q'\n  c: \"r\"\nd: *x\n",
                "a: |\n  x\n  y\n\nb: >-\n  x\n", "a:\n- x\n- - y\n  - z\n- k: v\n  j: w\n# end\n",
                "? [a, b]\n: c\n", "a: !!str 1\nb: !!map {c: d}\n", "teams: &t {acme: *t}\n", "a: b\r\nc:\r\n");
        for (String text : texts) {
            LoaderOptions options = new LoaderOptions();
            Node reference = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
                    .getSingleNode();
            assertEquals(YamlTrees.dumpSnake(List.of(reference), text),
                    YamlTrees.dump(List.of(BoundedYaml.composeFromEvents(text).root())), text);
        }
    }

    @Test
    void composesTheExampleAsSnakeYamlDoes() throws IOException {
        assertSameAsSnakeYaml(Files.readString(Path.of(System.getProperty("watasu.repoRoot"), "examples",
                "watasu.yaml")));
    }

    @Test
    void anAliasIsTheAnchoredNodeItself() throws BoundedYaml.Rejected {
        YamlNode.Mapping root = (YamlNode.Mapping) BoundedYaml.composeFromEvents(
                "a: &x {b: c}\nd: *x\nself: &s [*s]\n").root();
        assertSame(root.entries().get(0).value(), root.entries().get(1).value());
        YamlNode.Sequence self = (YamlNode.Sequence) root.entries().get(2).value();
        assertSame(self, self.items().get(0));
    }

    /** Random documents of anchors, aliases, tags, block and flow collections and scalar styles. */
    @Test
    void randomTextsComposeAsSnakeYamlDoes() {
        String[] fragments = {"a: b", "a:", "- x", "- &x y", "b: *x", "c: !!str 1", "d: !t v", "e: |", "  text",
                "f: [1, *x]", "g: {h: &y i}", "? k", ": v", "---", "...", "# note", "", "l: 'q", "  r'", "m: \"s\"",
                "n: &z", "  o: p", "- *z", "q: !!map", "  r: s", "<<: *z", "t: ~", "u: yes", "w: 0x1f", "x: &w [*w]"};
        Random random = new Random(20261125);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            for (int lines = 1 + random.nextInt(7); lines > 0; lines--) {
                text.append(" ".repeat(random.nextInt(3) == 0 ? 2 * random.nextInt(3) : 0))
                        .append(fragments[random.nextInt(fragments.length)]).append('\n');
            }
            assertSameAsSnakeYaml(text.toString());
        }
    }

    private static void assertSameAsSnakeYaml(String text) {
        String ours;
        try {
            ours = SnakeYamlReference.dump(BoundedYaml.composeFromEvents(text).root());
        } catch (BoundedYaml.Rejected e) {
            ours = "rejected: " + ConfigLoader.diagnostic(Yaml.FILE, e.problem()).format();
        }
        assertEquals(SnakeYamlReference.dump(text), ours, text);
    }
}
