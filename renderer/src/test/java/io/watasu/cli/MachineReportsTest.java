package io.watasu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watasu.testing.CliRun;
import io.watasu.testing.JsonReports;
import io.watasu.testing.Examples;
import io.watasu.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The versioned JSON report of render and apps:trust (publish: PublishReportTest, verify: VerifyReportTest), every one
 * checked against the documented schema; and the failure report a command prints when it cannot finish.
 */
class MachineReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;


    @Test
    void renderReportsTheFilesItWroteRemovedAndLeft() throws Exception {
        Path example = Examples.exampleFile();
        Path out = dir.resolve("out");
        JsonNode first = JsonReports.of(CliRun.of("render", example.toString(), "--out", out.toString(), "--format", "json"), 0);
        assertEquals("render", first.get("command").asText());
        assertEquals(5, first.get("files").get("written").size());
        assertEquals(0, first.get("files").get("unchanged").asInt());
        Files.writeString(out.resolve("acme/grpc-app.yaml"), "edited\n");
        Path smaller = Files.writeString(dir.resolve("watasu.yaml"), Files.readString(example)
                .replace("      report-app:\n        processes:\n          worker: bin/report"
                        + "                                      # not trusted: cannot call grpc-app-grpc-tcp\n", ""));
        JsonNode second = JsonReports.of(CliRun.of("render", smaller.toString(), "--out", out.toString(), "--format", "json"), 0);
        assertEquals("[\"acme/grpc-app.yaml\"]", second.get("files").get("written").toString());
        assertEquals(4, second.get("files").get("unchanged").asInt());
        JsonNode warning = second.get("diagnostics").get(0);
        assertEquals("render/hand-edits", warning.get("check").asText());
        assertEquals("warning", warning.get("severity").asText());
        assertEquals(out.resolve("acme/grpc-app.yaml").toString(), warning.get("file").asText());
    }

    @Test
    void filesWatasuDidNotWriteAreReportedOneByOne() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("acme"));
        Files.writeString(out.resolve("acme/zz-allow-all.yaml"), "mine\n");
        JsonNode refused = JsonReports.of(CliRun.of("render", Examples.exampleFile().toString(), "--out",
                out.toString(), "--format", "json"), ExitCodes.INVALID_INPUT);
        JsonNode finding = refused.get("diagnostics").get(0);
        assertEquals("render/foreign-files", finding.get("check").asText());
        assertEquals(out.resolve("acme/zz-allow-all.yaml").toString(), finding.get("file").asText());
        assertEquals("mine\n", Files.readString(out.resolve("acme/zz-allow-all.yaml")));
        assertFalse(Files.exists(out.resolve("acme/grpc-app.yaml")), "nothing written");
    }

    /** A failure that stops the command (here a broken template override) is still a report, with its line. */
    @Test
    void aRenderThatCannotFinishStillPrintsAReport() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("namespace.yaml.hbs"), "kind: Namespace\nmetadata: [\n");
        String[] render = {"render", Examples.exampleFile().toString(), "--out", dir.resolve("out").toString(),
                "--templates", templates.toString(), "--format"};
        CliRun run = CliRun.of(concat(render, "json"));
        JsonNode failed = JsonReports.of(run, ExitCodes.INVALID_INPUT);
        assertEquals("watasu/command", failed.get("diagnostics").get(0).get("check").asText());
        assertTrue(failed.get("summary").asText().startsWith("template namespace.yaml.hbs produced invalid YAML"),
                failed.toString());
        assertTrue(run.stderr().startsWith("watasu: error: "), "people still read stderr: " + run.stderr());
        CliRun sarif = CliRun.of(concat(render, "sarif"));
        JsonNode log = JSON.readTree(sarif.stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.sarif(), log));
        assertFalse(log.get("runs").get(0).get("invocations").get(0).get("executionSuccessful").asBoolean());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void invalidInputIsReportedAndNothingWritten() throws Exception {
        Path input = Files.writeString(dir.resolve("watasu.yaml"),
                "version: 1\nteams:\n  acme:\n    apps:\n      Bad_App:\n        processes: {web: x}\n");
        JsonNode report = JsonReports.of(CliRun.of("render", input.toString(), "--out", dir.resolve("out").toString(),
                "--format", "json"), 1);
        assertEquals("config/apps", report.get("diagnostics").get(0).get("check").asText());
        assertEquals(5, report.get("diagnostics").get(0).get("line").asInt());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void appsTrustReportsTheListBeforeAndAfter() throws Exception {
        Path file = Files.writeString(dir.resolve("watasu.yaml"), Files.readString(Examples.exampleFile()));
        String[] base = {"apps:trust", "--app", "grpc-app", "--file", file.toString(), "--format", "json"};
        JsonNode shown = JsonReports.of(CliRun.of(base), 0);
        assertEquals("[\"api-app\",\"billing-app\"]", shown.get("trust").get("after").toString());
        assertFalse(shown.get("trust").get("written").asBoolean());

        JsonNode added = JsonReports.of(CliRun.of(concat(base, "report-app")), 0);
        assertEquals("[\"api-app\",\"billing-app\"]", added.get("trust").get("before").toString());
        assertEquals("[\"report-app\"]", added.get("trust").get("added").toString());
        assertTrue(added.get("trust").get("written").asBoolean());
        assertTrue(Files.readString(file).contains("trust: [api-app, billing-app, report-app]"));

        JsonNode refused = JsonReports.of(CliRun.of(concat(base, "meet-app")), 1);
        assertTrue(refused.get("trust").get("after").isNull());
        assertEquals("config/trust", refused.get("diagnostics").get(0).get("check").asText());

        JsonNode unknown = JsonReports.of(CliRun.of("apps:trust", "--app", "nope", "--file", file.toString(), "--format",
                "json"), 1);
        assertTrue(unknown.get("diagnostics").get(0).get("message").asText().contains("no app named 'nope'"),
                unknown.toString());
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
