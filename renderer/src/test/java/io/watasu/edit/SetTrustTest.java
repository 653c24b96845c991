package io.watasu.edit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetTrustTest {
    private static final String FILE = "watasu.yaml";

    private static String setTrust(String text, String app, String... trusted) {
        return WatasuYamlEditor.setTrust(FILE, text, app, List.of(trusted));
    }

    @Test
    void flowListKeepsCommentsAroundIt() {
        String before = """
                version: 1
                # the acme team
                teams:
                  acme:   # namespace acme
                    apps:
                      grpc-app:
                        processes:
                          web: bundle exec puma
                          grpc-tcp: { command: bundle exec grpc_server, port: 50051 }
                        trust: [api-app]   # who may call grpc-tcp
                      api-app:
                        processes: { web: node server.js }
                      billing-app:
                        processes: { web: node billing.js }
                """;
        String after = before.replace("trust: [api-app]   #", "trust: [api-app, billing-app]   #");
        assertEquals(after, setTrust(before, "grpc-app", "api-app", "billing-app"));
    }

    @Test
    void flowListKeepsItsSpacing() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust: [ b,c ]\n      b: {}\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: [ b,c,d ]\n      b: {}\n",
                setTrust(before, "a", "b", "c", "d"));
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: []\n      b: {}\n", setTrust(before, "a"));
    }

    @Test
    void blockListAddsAfterLastEntryWithSameIndentAndDashStyle() {
        String before = """
                teams:
                  acme:
                    apps:
                      grpc-app:
                        processes: {grpc-tcp: {command: x, port: 50051}}
                        trust:
                          -   api-app     # the public API
                          # - old-app (retired)
                          -   "billing-app"
                        # end of trust
                      api-app: {processes: {web: x}}
                """;
        String after = """
                teams:
                  acme:
                    apps:
                      grpc-app:
                        processes: {grpc-tcp: {command: x, port: 50051}}
                        trust:
                          -   api-app     # the public API
                          # - old-app (retired)
                          -   "billing-app"
                          -   report-app
                        # end of trust
                      api-app: {processes: {web: x}}
                """;
        assertEquals(after, setTrust(before, "grpc-app", "api-app", "billing-app", "report-app"));
    }

    @Test
    void blockListRemovalDropsOnlyThatLine() {
        String before = """
                teams:
                  acme:
                    apps:
                      grpc-app:
                        trust:
                        - api-app     # the public API
                        # billing below
                        - billing-app # billing
                        - report-app
                      api-app: {}
                """;
        String after = """
                teams:
                  acme:
                    apps:
                      grpc-app:
                        trust:
                        - api-app     # the public API
                        # billing below
                        - report-app
                      api-app: {}
                """;
        assertEquals(after, setTrust(before, "grpc-app", "api-app", "report-app"));
    }

    @Test
    void blockListRemoveLastAndAddInOneEdit() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:\n          - b\n          - c";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust:\n          - b\n          - d",
                setTrust(before, "a", "b", "d"));
    }

    @Test
    void blockListReorderRewritesEntries() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:\n          - b\n          - c\n        processes: {}\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust:\n          - c\n          - b\n        processes: {}\n",
                setTrust(before, "a", "c", "b"));
    }

    @Test
    void clearingABlockListWritesEmptyFlowListAndKeepsTheKeyComment() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:   # callers\n          - b  # x\n          - c\n        processes: {}\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: []   # callers\n        processes: {}\n",
                setTrust(before, "a"));
    }

    @Test
    void missingTrustIsInsertedAfterTheAppsLastKey() {
        String before = """
                teams:
                  acme:
                    apps:
                      grpc-app:
                        processes:
                          grpc-tcp:
                            command: "bundle exec grpc_server"
                            port: 50051   # gRPC

                      # the API
                      api-app:
                        processes: {web: x}
                """;
        String after = """
                teams:
                  acme:
                    apps:
                      grpc-app:
                        processes:
                          grpc-tcp:
                            command: "bundle exec grpc_server"
                            port: 50051   # gRPC
                        trust: [api-app]

                      # the API
                      api-app:
                        processes: {web: x}
                """;
        assertEquals(after, setTrust(before, "grpc-app", "api-app"));
    }

    @Test
    void emptyTrustValueGetsAList() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:   # none yet\n      b: {}\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: [b]   # none yet\n      b: {}\n",
                setTrust(before, "a", "b"));
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: []   # none yet\n      b: {}\n",
                setTrust(before, "a"));
    }

    @Test
    void flowAppMappingGetsTrustInsideTheBraces() {
        String before = "teams: {t: {apps: {a: {processes: {x-tcp: {command: c, port: 1}}}, b: {processes: {}}}}}\n";
        assertEquals("teams: {t: {apps: {a: {processes: {x-tcp: {command: c, port: 1}}, trust: [b]}, b: {processes: {}}}}}\n",
                setTrust(before, "a", "b"));
    }

    @Test
    void quotedKeysAndCrlfAndNoTrailingNewline() {
        String before = "teams:\r\n  \"acme\":\r\n    'apps':\r\n      \"grpc-app\":\r\n        processes: {web: x}\r\n"
                + "        \"trust\":\r\n          - api-app\r\n      api-app: {}\r\n      b: {}";
        String after = "teams:\r\n  \"acme\":\r\n    'apps':\r\n      \"grpc-app\":\r\n        processes: {web: x}\r\n"
                + "        \"trust\":\r\n          - api-app\r\n          - b\r\n      api-app: {}\r\n      b: {}";
        assertEquals(after, setTrust(before, "grpc-app", "api-app", "b"));
        String inserted = setTrust("teams:\r\n  t:\r\n    apps:\r\n      a:\r\n        processes: {web: x}", "a", "b");
        assertEquals("teams:\r\n  t:\r\n    apps:\r\n      a:\r\n        processes: {web: x}\r\n        trust: [b]", inserted);
    }

    @Test
    void removingTheLastLineOfAFileWithoutTrailingNewline() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:\n          - b\n          - c";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust:\n          - b", setTrust(before, "a", "b"));
    }

    @Test
    void documentStartMarkerAndBlankLines() {
        String before = "---\n# config\n\nteams:\n\n  t:\n\n    apps:\n\n      a:\n        trust: [b]\n\n      b: {}\n...\n";
        assertEquals("---\n# config\n\nteams:\n\n  t:\n\n    apps:\n\n      a:\n        trust: [b, c]\n\n      b: {}\n...\n",
                setTrust(before, "a", "b", "c"));
    }

    @Test
    void aliasIsReplacedInPlaceAndTheAnchorIsLeftAlone() {
        String before = """
                x-shared: &callers [api-app]
                teams:
                  t:
                    apps:
                      a:
                        trust: *callers   # same as b
                      b:
                        trust: *callers
                      api-app: {}
                """;
        String after = before.replace("trust: *callers   #", "trust: [api-app, b]   #");
        assertEquals(after, setTrust(before, "a", "api-app", "b"));
    }

    @Test
    void sharedAnchorIsRefusedAndNamesTheAnchor() {
        String before = """
                teams:
                  t:
                    apps:
                      a:
                        trust: &callers [api-app]
                      b:
                        trust: *callers
                      api-app: {}
                """;
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> setTrust(before, "a", "b"));
        assertEquals("watasu.yaml:5:16", e.diagnostics().get(0).position().toString());
        assertEquals("teams.t.apps.a.trust", e.diagnostics().get(0).subject());
        assertTrue(e.getMessage().contains("&callers"), e.getMessage());
    }

    @Test
    void unreferencedAnchorIsEditedAndKept() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust: &mine\n          - b\n      b: {}\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: &mine []\n      b: {}\n", setTrust(before, "a"));
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: &mine\n          - b\n          - c\n      b: {}\n",
                setTrust(before, "a", "b", "c"));
    }

    @Test
    void appReachedThroughAnAliasIsRefused() {
        String before = "x: &app {trust: []}\nteams:\n  t:\n    apps:\n      a: *app\n      b: {}\n";
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> setTrust(before, "a", "b"));
        assertTrue(e.getMessage().startsWith("watasu.yaml:5:10: error:"), e.getMessage());
    }

    @Test
    void unknownAppIsRefused() {
        EditRefusedException e = assertThrows(EditRefusedException.class,
                () -> setTrust("teams:\n  t:\n    apps:\n      a: {}\n", "nope", "a"));
        assertTrue(e.getMessage().contains("no app named 'nope'"), e.getMessage());
    }

    @Test
    void namesThatCouldBeMisreadAreQuoted() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust: []\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust: [\"true\", \"1.5\", \"a, b\", \"x: y\"]\n",
                setTrust(before, "a", "true", "1.5", "a, b", "x: y"));
    }

    @Test
    void nonAsciiTextBeforeTheEditIsCountedInCharacters() {
        String before = "# caf\u00e9 \uD83D\uDE80 team\nteams:\n  t:\n    apps:\n      a:\n        trust: [b]\n";
        assertEquals("# caf\u00e9 \uD83D\uDE80 team\nteams:\n  t:\n    apps:\n      a:\n        trust: [b, c]\n",
                setTrust(before, "a", "b", "c"));
    }

    @Test
    void invalidYamlIsRefusedWithItsPosition() {
        EditRefusedException e = assertThrows(EditRefusedException.class,
                () -> setTrust("teams:\n  t: [\n", "a", "b"));
        assertTrue(e.getMessage().startsWith("watasu.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void byteOrderMarkAndSpacingAfterTheColonAreKept() {
        String before = "\uFEFFteams:\n  t:\n    apps:\n      a:\n        trust:  [b]\n      b: {}\n";
        assertEquals("\uFEFFteams:\n  t:\n    apps:\n      a:\n        trust:  [b, c]\n      b: {}\n",
                setTrust(before, "a", "b", "c"));
    }

    @Test
    void readTrustFollowsAliasesAndTreatsAMissingListAsEmpty() {
        String text = "teams:\n  t:\n    apps:\n      a:\n        trust: &x [b, c]\n      b:\n        trust: *x\n      c: {}\n";
        assertEquals(List.of("b", "c"), WatasuYamlEditor.readTrust(FILE, text, "b"));
        assertEquals(List.of(), WatasuYamlEditor.readTrust(FILE, text, "c"));
    }

    @Test
    void filesLargerThanTheYamlLibrarysDefaultLimitAreEditable() {
        // Many ordinary lines: SnakeYAML itself is slow on a single multi-megabyte token.
        String comment = ("# " + "x".repeat(60) + "\n").repeat(55_000);
        String before = comment + "teams:\n  t:\n    apps:\n      a:\n        trust: [b]\n      b: {}\n";
        assertEquals(comment + "teams:\n  t:\n    apps:\n      a:\n        trust: [b, c]\n      b: {}\n",
                setTrust(before, "a", "b", "c"));
    }

    @Test
    void anEntryAnchoredAndReusedElsewhereIsNotDropped() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:\n          - &n b\n          - c\n"
                + "      d:\n        trust: [*n]\n      b: {}\n      c: {}\n";
        EditRefusedException e = assertThrows(EditRefusedException.class, () -> setTrust(before, "a", "c"));
        assertTrue(e.getMessage().startsWith("watasu.yaml:6:13: error: an entry of the trust list of app 'a' is anchored as &n"),
                e.getMessage());
    }

    @Test
    void nonScalarEntriesAreRewrittenNotCrashedOn() {
        String before = "teams:\n  t:\n    apps:\n      a:\n        trust:\n          - {x: y}\n      b: {}\n";
        assertEquals("teams:\n  t:\n    apps:\n      a:\n        trust:\n          - b\n      b: {}\n",
                setTrust(before, "a", "b"));
    }

    @Test
    void anUndefinedAliasIsInvalidYaml() {
        EditRefusedException e = assertThrows(EditRefusedException.class,
                () -> setTrust("teams:\n  t:\n    apps:\n      a:\n        trust: *nowhere\n", "a", "b"));
        assertTrue(e.getMessage().startsWith("watasu.yaml:5:16: error: not valid YAML: the alias *nowhere"), e.getMessage());
    }
}
