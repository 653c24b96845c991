package io.watasu.config;

import io.watasu.yaml.BoundedYaml;
import io.watasu.edit.CheckedEdits;
import io.watasu.edit.WatasuYamlEditor;
import io.watasu.verify.KubeNamespace;
import io.watasu.verify.ManifestReader;
import io.watasu.testing.YamlTrees;
import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A character beyond the Basic Multilingual Plane (two chars in Java, one code point to YAML) at every offset around
 * the YAML reader's 1024-character buffer boundaries, in comments, keys, plain and quoted scalars, through every
 * reader of YAML text: the loader (fast composer and SnakeYAML's), the editor, and the rendered-manifest readers.
 * SnakeYAML 2.3's reader failed with an IndexOutOfBoundsException when the pair straddled a buffer boundary.
 */
class SupplementaryCharactersTest {
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String MARK = "@";

    /** The text of a construct holding the emoji at MARK, and the app whose command or trust list it touches. */
    private record Construct(String name, String lines) {
    }

    private static final List<Construct> CONSTRUCTS = List.of(
            new Construct("comment", "# x" + MARK + "y\nteams: {acme: {apps: {api: {processes: {x-tcp: run}}}}}\n"),
            new Construct("key", "teams:\n  t" + MARK + "m: {}\n"),
            new Construct("plain value", "teams: {acme: {apps: {api: {processes: {x-tcp: run " + MARK + " x}}}}}\n"),
            new Construct("double-quoted value", "teams: {acme: {apps: {api: {processes: {x-tcp: \"run " + MARK
                    + "\"}}}}}\n"),
            new Construct("single-quoted value", "teams: {acme: {apps: {api: {processes: {x-tcp: 'run " + MARK
                    + "'}}}}}\n"),
            new Construct("block value", "teams:\n  acme:\n    apps:\n      api:\n        processes:\n"
                    + "          x-tcp: |\n            run " + MARK + "\n"),
            new Construct("trust entry", "teams: {acme: {apps: {api: {processes: {x-tcp: run}, trust: [a" + MARK
                    + "]}}}}\n"));

    /** Offsets of the emoji's first char: around every multiple of 1024 up to 5 KiB, the boundaries included. */
    private static List<Integer> offsets() {
        List<Integer> offsets = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            for (int delta = -3; delta <= 2; delta++) {
                offsets.add(1024 * k + delta);
            }
        }
        return offsets;
    }

    /** {@code version: 1}, comment lines, then the construct, with the emoji's first char at {@code offset}. */
    private static String text(Construct construct, int offset) {
        String head = "version: 1\n";
        int inLine = construct.lines().indexOf(MARK);
        StringBuilder text = new StringBuilder(head);
        int filler = offset - head.length() - inLine;
        while (filler > 0) {
            int line = Math.min(filler, 100);
            text.append(line == 1 ? "\n" : "#" + "f".repeat(line - 2) + "\n");
            filler -= line;
        }
        text.append(construct.lines().replace(MARK, EMOJI));
        String result = text.toString();
        assertEquals(offset, result.indexOf(EMOJI), construct.name());
        return result;
    }

    @Test
    void theLoaderReadsEveryOffsetAsSnakeYamlComposesIt(@TempDir Path dir) throws Exception {
        for (Construct construct : CONSTRUCTS) {
            for (int offset : offsets()) {
                String text = text(construct, offset);
                String where = construct.name() + " at " + offset;
                assertNull(YamlScanner.document(text), where); // the fast composer leaves such text to SnakeYAML
                assertEquals(SnakeYamlReference.dump(text),
                        SnakeYamlReference.dump(BoundedYaml.composeFromEvents(text).root()), where);
                LoadResult parsed = ConfigLoader.parse(Yaml.FILE, text);
                Path file = dir.resolve("watasu.yaml");
                Files.writeString(file, text);
                LoadResult loaded = ConfigLoader.load(file);
                assertEquals(parsed.diagnostics().stream().map(d -> d.message() + d.position().line()).toList(),
                        loaded.diagnostics().stream().map(d -> d.message() + d.position().line()).toList(), where);
                expectations(construct, text, parsed, where);
            }
        }
    }

    private static void expectations(Construct construct, String text, LoadResult result, String where) {
        switch (construct.name()) {
            case "comment" -> assertTrue(result.ok(), where + ": " + result.diagnostics());
            case "key" -> {
                Diagnostic error = result.errors().get(0);
                assertEquals("team name 't" + EMOJI + "m' is not valid: it contains '" + EMOJI + "': only lower-case"
                        + " letters, digits and '-' are allowed (a team is a namespace, whose name must be a DNS-1123"
                        + " label)", error.message(), where);
                assertEquals(text.substring(0, text.indexOf(EMOJI)).split("\n", -1).length, error.position().line(),
                        where);
                assertEquals(3, error.position().column(), where);
            }
            case "trust entry" -> {
                Diagnostic error = result.errors().get(0);
                assertEquals("app 'api' trusts unknown app 'a" + EMOJI + "' (not in team 'acme')", error.message(),
                        where);
                String line = text.substring(text.lastIndexOf('\n', text.indexOf(EMOJI)) + 1);
                // Columns count code points, as SnakeYAML and editors do; the entry starts before the emoji.
                assertEquals(line.indexOf("[a") + 2, error.position().column(), where);
            }
            default -> {
                assertTrue(result.ok(), where + ": " + result.diagnostics());
                String command = result.config().app("api").orElseThrow().processes().get(0).command();
                assertTrue(command.contains("run " + EMOJI), where + ": " + command);
            }
        }
    }

    @Test
    void theEditorReadsAndEditsAroundEveryOffset() {
        for (Construct construct : CONSTRUCTS) {
            if (construct.name().equals("key") || construct.name().equals("trust entry")) {
                continue; // not loadable: the editor refuses to edit an invalid file, which the loader test covers
            }
            for (int offset : offsets()) {
                String text = text(construct, offset);
                String where = construct.name() + " at " + offset;
                assertEquals(List.of(), WatasuYamlEditor.readTrust(Yaml.FILE, text, "api"), where);
                String edited = CheckedEdits.setTrust(Yaml.FILE, text, "api", List.of("api")).text();
                // Everything up to the emoji and the emoji itself are kept byte for byte.
                assertEquals(text.substring(0, offset + 2), edited.substring(0, offset + 2), where);
                assertEquals(List.of("api"), WatasuYamlEditor.readTrust(Yaml.FILE, edited, "api"), where);
            }
        }
    }

    @Test
    void theManifestReadersReadEveryOffset() throws Exception {
        for (int offset : offsets()) {
            String head = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: acme\n  annotations:\n";
            StringBuilder text = new StringBuilder(head);
            String line = "    note: \"x";
            while (offset - text.length() - line.length() > 40) { // a filler line is at most 20 characters
                text.append("    f").append(text.length()).append(": \"x\"\n");
            }
            String padding = "y".repeat(offset - text.length() - line.length());
            text.append(line).append(padding).append(EMOJI).append("z\"\n");
            String manifest = text.toString();
            assertEquals(offset, manifest.indexOf(EMOJI));

            List<YamlNode> fast = YamlScanner.documents(manifest);
            LoaderOptions options = new LoaderOptions();
            Composer composer = new Composer(new ParserImpl(new StreamReader(manifest), options), new Resolver(),
                    options);
            Node reference = composer.getSingleNode();
            if (fast != null) {
                assertEquals(YamlTrees.dumpSnake(List.of(reference)), YamlTrees.dump(fast), "offset " + offset);
            }
            List<KubeNamespace> namespaces = ManifestReader.parse(Map.of("ns.yaml", manifest)).namespaces();
            assertEquals(List.of("acme"), namespaces.stream().map(KubeNamespace::name).toList(), "offset " + offset);
        }
    }
}
