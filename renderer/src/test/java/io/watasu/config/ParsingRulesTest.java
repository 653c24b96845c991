package io.watasu.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.watasu.config.Yaml.acme;
import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ParsingRulesTest {
    @Test
    void aSyntaxErrorIsOneDiagnosticAtItsMark() {
        assertRejected("version: 1\nteams:\n  acme: {apps: [\n",
                "w.yaml:4:1: error: invalid YAML: while parsing a flow node, expected the node content, but found"
                        + " '<stream end>' (check the indentation and quoting here)");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertRejected("# nothing yet\n",
                "w.yaml:1:1: error: the file is empty (start it with 'version: 1' and a 'teams' mapping)");
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertRejected("- version: 1\n",
                "w.yaml:1:1: error: the file must be a mapping with 'version' and 'teams', found a list");
    }

    @Test
    void aDuplicateKeyIsReportedAtTheRepeatNamingTheFirst() {
        assertRejected(acme("api:", "  processes:", "    web: a", "    web: b"),
                "w.yaml:8:11: error: duplicate key 'web' in 'processes' of app 'api' (first at line 7)"
                        + " (remove or rename one of them)");
    }

    @Test
    void aDuplicateAppInOneTeamIsADuplicateKey() {
        assertRejected(acme("api: {processes: {web: a}}", "api: {processes: {web: b}}"),
                "w.yaml:6:7: error: duplicate key 'api' in 'apps' of team 'acme' (first at line 5)"
                        + " (remove or rename one of them)");
    }

    @Test
    void anUnknownFieldSuggestsTheNearestKnownOne() {
        assertRejected(acme("api:", "  processes: {web: a}", "  trusts: [b]"),
                "w.yaml:7:9: error: unknown field 'trusts' in app 'api' (did you mean 'trust'?)");
    }

    @Test
    void anUnknownFieldFarFromAnyKnownOneListsTheKnownFields() {
        assertRejected("version: 1\nteams: {}\nowner: me\n",
                "w.yaml:3:1: error: unknown field 'owner' in the file (known fields: version, platform, clusters, rollout, teams)");
    }

    @Test
    void aWrongTypeNamesExpectedAndFound() {
        assertRejected(acme("api:", "  processes: [web]"),
                "w.yaml:6:20: error: 'processes' of app 'api' must be a mapping, found a list");
    }

    @Test
    void applicationTagsAreRejected() {
        assertRejected(acme("api: {processes: {web: !shell run}}"),
                "w.yaml:5:30: error: unsupported tag '!shell' (remove the tag; watasu.yaml uses plain YAML values only)");
    }

    @Test
    void anAliasBombIsRejectedAtTheFirstAliasOverTheLimit() {
        StringBuilder bomb = new StringBuilder("version: 1\nteams:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            bomb.append("  a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            bomb.append("]\n");
        }
        // Aliases 1-50 fill levels 1-5; the 51st is the first alias on line 9.
        assertRejected(bomb.toString(), "w.yaml:9:12: error: too many aliases: more than 50 in one file"
                + " (write the values out instead of referring to anchors)");
    }

    @Test
    void aliasesMayNotMultiplyTheWorkBeyondTheExpansionBudget() {
        StringBuilder text = new StringBuilder("version: 1\nteams:\n  t0:\n    apps: &apps\n");
        for (int i = 0; i < 3000; i++) {
            text.append("      a").append(i).append(": {processes: {web: run}}\n");
        }
        for (int t = 1; t <= 40; t++) {
            text.append("  t").append(t).append(": {apps: *apps}\n");
        }
        List<String> diagnostics = Yaml.diagnostics(text.toString());

        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals(true, diagnostics.get(0).matches("w\\.yaml:\\d+:\\d+: error: aliases expand the document beyond"
                + " 1\\d{5} nodes \\(write the values out instead of referring to anchors\\)"), diagnostics.get(0));
    }

    @Test
    void deepNestingIsRejectedAtTheCollectionOverTheLimit() {
        String deep = "version: 1\nteams: " + "[".repeat(40) + "]".repeat(40) + "\n";
        assertRejected(deep, "w.yaml:2:39: error: nested too deeply: more than 32 levels"
                + " (watasu.yaml needs no more than 7 levels; check the indentation)");
    }

    @Test
    void oversizedTextIsRejectedBeforeParsing() {
        String huge = "#".repeat(ConfigLoader.MAX_INPUT_BYTES + 1);
        assertRejected(huge, "w.yaml:1:1: error: the file is larger than the 16 MiB limit for watasu.yaml"
                + " (check that this is the right file)");
    }

    @Test
    void anOversizedFileIsRejectedWithoutReadingItAll(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[ConfigLoader.MAX_INPUT_BYTES + 1]);
        assertEquals(List.of(file + ":1:1: error: the file is larger than the 16 MiB limit for watasu.yaml"
                        + " (check that this is the right file)"),
                ConfigLoader.load(file).diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void anUnreadableFileIsADiagnosticNotAnException(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        assertEquals(List.of(missing + ":1:1: error: file not found (check the path)"),
                ConfigLoader.load(missing).diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(List.of(dir + ":1:1: error: cannot read the file: IOException Is a directory"
                        + " (check that the path is a readable file)"),
                ConfigLoader.load(dir).diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void textThatIsNotUtf8IsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[]{'v', 'e', 'r', ':', ' ', (byte) 0xE9, '\n'});
        assertEquals(List.of(file + ":1:1: error: the file is not UTF-8 text (save it as UTF-8)"),
                ConfigLoader.load(file).diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void aRecursiveAliasEndsWhereTheSchemaEnds() {
        assertRejected("version: 1\nteams: &t {acme: *t}\n",
                "w.yaml:2:12: error: unknown field 'acme' in team 'acme' (known fields: apps, clusters)",
                "w.yaml:2:12: warning: team 'acme' has no apps (add apps or remove the team)");
    }

    @Test
    void moreThanOneDocumentIsRejected() {
        assertRejected("version: 1\nteams: {}\n---\nversion: 1\n",
                "w.yaml:3:1: error: invalid YAML: expected a single document in the stream at line 1, but found"
                        + " another document (check the indentation and quoting here)");
    }

    @Test
    void mergeKeysAreUnknownFields() {
        assertRejected(acme("base: &base {processes: {web: run}}", "api: {<<: *base}"),
                "w.yaml:6:7: warning: app 'api' has no processes: nothing is rendered for it"
                        + " (add processes, e.g. 'web: <command>')",
                "w.yaml:6:13: error: unknown field '<<' in app 'api' (known fields: processes, trust, kubernetesApi, clusters)");
    }

    @Test
    void aCharacterYamlDoesNotAllowIsReportedWhereItIs() {
        assertRejected("version: 1\nteams:\n  # \uD83D\uDE00\n  acme\u001b[2K: {}\n",
                "w.yaml:4:7: error: invalid YAML: the character U+001B is not allowed in YAML (remove it; in a"
                        + " double-quoted string, write it as an escape such as \\u001B)");
        assertRejected("version: 1\r\nteams: {a: \"x\u0000\"}",
                "w.yaml:2:14: error: invalid YAML: the character U+0000 is not allowed in YAML (remove it; in a"
                        + " double-quoted string, write it as an escape such as \\u0000)");
    }
}
