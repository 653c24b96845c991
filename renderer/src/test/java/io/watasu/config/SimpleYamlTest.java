package io.watasu.config;

import io.watasu.yaml.BoundedYaml;
import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlScanner;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** The fast composer of watasu.yaml ({@link YamlScanner#document}) must give SnakeYAML's tree (values, tags, positions) for every text it takes. */
class SimpleYamlTest {
    @Test
    void composesTheSubsetExactlyAsSnakeYamlDoes() {
        String text = """
                # a comment first
                version: 1
                platform:
                  domain: apps.example.com   # trailing comment
                  clusterCidrs: [10.0.0.0/8,  172.16.0.0/12 ]
                  ingress: {namespace: ingress-nginx, podLabels: {app.kubernetes.io/name: ingress-nginx}}
                teams:
                  acme:

                    apps:
                      api:
                        processes:
                          web: bundle exec puma -p $PORT
                          grpc-tcp: { command: run grpc , port: 0x10 }
                          api-web: { command: "gunicorn -b 0.0.0.0:$PORT \\"app\\"", port: '80' }
                          admin-web: gunicorn -b 0.0.0.0:$PORT app:app
                          quoted: 'it''s "fine"'   # a comment
                          empty:
                        # between
                        trust: [b, c,d]
                      block:
                        processes:
                          web: x
                        trust:
                        - b   # indentless
                        -   'c'
                        - [d]
                      indented:
                        trust:
                          - b

                          # comment
                          - {c: d}
                      b: {}
                      c: []
                      d:
                  beta:
                """;
        YamlNode.Mapping root = (YamlNode.Mapping) assertSame(text);
        assertEquals(3, root.entries().size());
    }

    /** What rendered manifests are written with, also in the one subset. */
    @Test
    void takesMappingsInListItemsQuotedKeysAndEscapes() {
        for (String text : List.of("a:\n- k: v\n", "a: \"x\\ty\"\n", "\"a\": b\n", "a: {\"b\": c}\n",
                "a:\n- k: v\n  j:\n    l: [m]\n  n:\n  - o\n- p\nq: r\n", "'a b': c\n",
                "a: {'b': c, \"d\": [e]}\n", "a:\n- 'k': v\n  \"j\": 'w'\n- \"x\"\n", "a: \"\\u00e9\\n\\\"\"\n")) {
            assertSame(text);
        }
    }

    /** A fleet's clusters are flow mappings with URLs in them: a colon inside a flow scalar keeps it in the subset. */
    @Test
    void takesColonsInsideFlowScalars() {
        for (String text : List.of("a: [x:y]\n", "a: {server: https://eu.example.com:6443/p, labels: {env: prod}}\n",
                "a: [1:30, x::y, 'q', x :y]\n", "a: [x:\"y\"]\n", "a: {k: x:'y'}\n")) {
            assertSame(text);
        }
    }

    @Test
    void takesWindowsLineEndsAndTextBeyondAscii() {
        assertSame("# \u00e9quipe\r\nversion: 1\r\nteams:\r\n  acme:   # \u65e5\u672c\r\n    apps:\r\n"
                + "      api: {processes: {web: caf\u00e9 --n\u00e4me \"\u00fc\"}}\r\n      b:\r\n      - x\r\n");
    }

    @Test
    void plainScalarsResolveAsSnakeYamlResolvesThem() {
        String text = "version: 1\na: ~\nb: yes\nc: 0x10\nd: 1.5\ne: null\nf: 2001-12-14\ng: .inf\nh: off\ni: x y\n"
                + "j: [~, yes, 0x10, 1_000, 0o17]\nk: 12:30\n";
        assertSameWhereTaken(text);
        YamlNode.Mapping root = (YamlNode.Mapping) compose("version: 1\na: ~\nb: yes\nc: 0x10\nd: 1.5\ne: x\n");
        assertEquals(List.of("int", "null", "bool", "int", "float", "str"),
                root.entries().stream().map(e -> e.value().tag().replace("tag:yaml.org,2002:", ""))
                        .toList());
    }

    @Test
    void plainScalarTagsAreTheResolversForNumbersAndWords() {
        Resolver resolver = new Resolver();
        List<String> values = new ArrayList<>(List.of("", "0", "00", "007", "-1", "+1", "1_000", "0x1F", "1:30", "1.5",
                "1e3", "12345678901234567", "123456789012345678", "1234567890123456789", "9".repeat(1025), "2001-12-14",
                "yes", "No", "true", "off", "null", "~", "<<", "=", "run web", "t000-app000", "tru", "y", "n", "."));
        for (int i = 0; i <= 70000; i += 7) {
            values.add(Integer.toString(i));
        }
        for (String value : values) {
            assertEquals(resolver.resolve(NodeId.scalar, value, true).getValue(), YamlNode.Scalar.plain(1, 1, value).tag(),
                    value.length() > 40 ? value.length() + " digits" : value);
        }
    }

    @Test
    void givesUpOnEverythingOutsideTheSubset() {
        List<String> outside = List.of(
                "", "# only a comment\n", "just a scalar\n", "- x\n", "a:\n- - x\n", "a:\n-\n",
                "a:\n- \n", "a:\n  - x\n    y\n", "a:\n  - x\n  - [y\n", "a:\n  - x\n  b: y\n", "a: 1\n- x\n",
                "a:\n  -x\n", 
                "a: \"x\n", "a: 'x\n  y'\n", "a: x:\n", "a: x: \n", "a: \"x\"#c\n", "a: \"x\": y\n", "a: [\"x\" : y]\n",
                
                "a: &x b\nc: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n", "a: b\n  continued\n",
                "a: b: c\n", "a:\tb\n", "a: b\rc: d\n", "a: x\u2028y\n", "a: x\u0085y\n",
                "a: \ud83d\ude00\n", "a: \ufeffx\n", "a: 'x\r\n  y'\r\n", "---\na: b\n", "a: b\n...\n",
                "%YAML 1.2\n---\na: b\n", "  a: b\n", "a:\n    b: 1\n  c: 2\n", "a: {b: c,}\n", "a: {b: c\n", "a: [b\n",
                "a: {b}\n", "a: [b: c]\n", "a: b#c\n", "a: {b: c}#d\n", "? a\n: b\n", "a : b\n", "-a: b\n",
                "a: -1\n", "<<: {a: b}\n", "a: [b, # c\n  d]\n", "a:b\n", "a: {b:c}\n", "a: [x:, y]\n", "a: [x:]\n",
                "a: {k: x:}\n", "a: [x:[y]]\n", "a: [x:{y}]\n", "a: {k: x:,y}\n", "a: [x:?y]\n",
                "a: x\n" + "k".repeat(1001) + ": v\n");
        for (String text : outside) {
            assertNull(YamlScanner.document(text), () -> "took: " + text);
        }
    }

    @Test
    void takesTheBenchmarkPlatformAndTheExample() throws IOException {
        StringBuilder platform = new StringBuilder("version: 1\nteams:\n");
        for (int t = 0; t < 3; t++) {
            platform.append("  team").append(t).append(":\n    apps:\n");
            for (int a = 0; a < 3; a++) {
                platform.append("      t").append(t).append("-app").append(a).append(":\n        processes:\n")
                        .append("          web: { command: run web, port: 8080 }\n")
                        .append("          db-tcp: { command: run db, port: 5432 }\n")
                        .append("          worker: bin/worker --queue q\n")
                        .append("        trust: [t").append(t).append("-app").append((a + 1) % 3).append("]\n");
            }
        }
        assertSame(platform.toString());
        Path example = Path.of(System.getProperty("watasu.repoRoot"), "examples", "watasu.yaml");
        assertSame(Files.readString(example));
    }

    /** Random texts from fragments near the edges of the subset: whatever is taken must match SnakeYAML. */
    @Test
    void randomTextsNearTheEdgesOfTheSubsetMatchSnakeYaml() {
        String[] keys = {"a", "web", "yes", "1", "x.y/z", "null", "on", "a-b", "0x1F", "k_2"};
        String[] values = {"b", "run web", "~", "yes", "0x10", "1.5", "-1", "12:30", "a b  c", "x # c", "x#c", "'q'",
                "\"q\"", "[a, b]", "[]", "{}", "{a: b, c: [d, e]}", "{a: b,c: d}", "[ a ,b ]", "&x y", "*x", "!t v",
                "a, b", "a]", "{a: 1}  # c", "[a, {b: c}]", "2001-12-14", ".5", "+1", "0o17", "NULL", "x: y", "a  ",
                "[a , b]", "{a:  b}", "[~]", "[1, yes, x]", "$PORT", "(x)", "a=b", "\\n", "%x", "@x", "a\tb",
                "a?b", "[a?b]", "{a: b?c}", "x:y", "gunicorn -b 0.0.0.0:$PORT app:app", "a:", "a::b", "http://x.y/z",
                "\"q r\"", "'it''s'", "\"a\\\"b\"", "\"a\\\\b\"", "\"a\\nb\"", "'a\"b'", "\"a'b\"", "[\"a\", 'b']",
                "{a: \"b\"}", "{s: https://x.y:6443, t: [a:b, 1:2]}", "[x::y,z]", "\"a\" # c", "\"a\"#c", "\"\"", "''", "\"a\" b", "[a, \"b\" ]", "{a: 'x:y'}", "'a\\b'",
                "\"yes\"", "'1'", "\"x", "'x", "\"a\":b", "[\"a\":b]", "'#x'", "\"[x]\"", "x\"y", "x'y"};
        Random random = new Random(20261125);
        int taken = 0;
        for (int round = 0; round < 4000; round++) {
            StringBuilder text = new StringBuilder();
            int indent = 0;
            boolean open = false;
            for (int lines = random.nextInt(8) + 1; lines > 0; lines--) {
                switch (random.nextInt(10)) {
                    case 0 -> text.append(" ".repeat(random.nextInt(4))).append("# note\n");
                    case 1 -> text.append(random.nextBoolean() ? "\n" : "   \n");
                    case 2 -> indent = Math.max(0, indent - 2 * (1 + random.nextInt(2)));
                    case 3 -> indent += random.nextInt(3) == 0 ? 1 : 0;
                    case 4 -> text.append(" ".repeat(indent + (random.nextBoolean() ? 0 : 2))).append("- ")
                            .append(random.nextInt(3) > 0 ? values[random.nextInt(values.length)] : randomValue(random))
                            .append('\n');
                    default -> {
                        if (open) {
                            indent += 2 + random.nextInt(2);
                        }
                        text.append(" ".repeat(indent)).append(keys[random.nextInt(keys.length)]).append(':');
                        open = random.nextInt(3) == 0;
                        if (open) {
                            text.append(random.nextBoolean() ? "" : "  # c");
                        } else {
                            text.append(' ').append(random.nextInt(3) > 0 ? values[random.nextInt(values.length)]
                                    : randomValue(random));
                        }
                        text.append('\n');
                    }
                }
            }
            if (assertSameWhereTaken(text.toString())) {
                taken++;
            }
        }
        // The generator must exercise the fast composer, not only the fallback.
        assertEquals(true, taken > 600, "only " + taken + " texts taken");
    }

    /** The example with a few characters inserted, deleted or replaced: whatever is taken must match SnakeYAML. */
    @Test
    void mutantsOfTheExampleMatchSnakeYaml() throws IOException {
        String example = Files.readString(Path.of(System.getProperty("watasu.repoRoot"), "examples", "watasu.yaml"));
        String alphabet = " \n\r\t-:#?,[]{}'\"&*!|>%@`~.=\\/$_<aZ09\u00e9\u2028\ufeff";
        Random random = new Random(7);
        int taken = 0;
        for (int round = 0; round < 1000; round++) {
            StringBuilder text = new StringBuilder(example);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.deleteCharAt(at);
                    default -> text.setCharAt(at, c);
                }
            }
            if (assertSameWhereTaken(text.toString())) {
                taken++;
            }
        }
        assertEquals(true, taken > 200, "only " + taken + " mutants taken");
    }

    /** A few characters, YAML indicators among them, alone or inside a flow collection. */
    private static String randomValue(Random random) {
        String alphabet = "ab1 :#?,[]{}'\"-&*!|>%@`~.=\\/$()+_<\u00e9\u2028\u0085\ufeff\ud83d\r\t";
        StringBuilder value = new StringBuilder();
        for (int length = 1 + random.nextInt(6); length > 0; length--) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return switch (random.nextInt(4)) {
            case 0 -> "[" + value + "]";
            case 1 -> "{k: " + value + "}";
            default -> value.toString();
        };
    }

    private static YamlNode compose(String text) {
        BoundedYaml.Document document = YamlScanner.document(text);
        assertNotNull(document, "not taken: " + text);
        return document.root();
    }

    private static YamlNode assertSame(String text) {
        YamlNode root = compose(text);
        assertSameWhereTaken(text);
        return root;
    }

    /** True when the fast composer took the text (and then matched SnakeYAML's composer). */
    private static boolean assertSameWhereTaken(String text) {
        BoundedYaml.Document simple = YamlScanner.document(text);
        if (simple == null) {
            return false;
        }
        assertEquals(SnakeYamlReference.dump(text), SnakeYamlReference.dump(simple.root()), text);
        try {
            assertEquals(BoundedYaml.composeFromEvents(text).nodeCount(), simple.nodeCount(), text);
        } catch (BoundedYaml.Rejected e) {
            fail("taken, but rejected when parsed from events: " + ConfigLoader.diagnostic(Yaml.FILE, e.problem()).format());
        }
        return true;
    }
}
