package io.watasu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watasu.model.WatasuConfig;
import io.watasu.output.OutputWriter;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import io.watasu.testing.PeerTemplates;
import io.watasu.testing.Schemas;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code render --check} proves both that the output folder is up to date and that what it holds keeps every
 * promise of watasu.yaml (the audit by the independent verifier), in every output format.
 */
class RenderCheckAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Path example = Examples.exampleFile();

    private String out() {
        return dir.resolve("out").toString();
    }

    /**
     * An override of the NetworkPolicy template that lets a pod of any namespace copying the trusted callers' labels
     * into grpc-app's private process, and a folder rendered with it (bypassing the render's own gate, as a folder
     * committed by an older or patched tool would be): --check with the same override finds it up to date.
     */
    private Path weakenedFolder() throws IOException {
        String builtIn = Files.readString(TestData.repoRoot().resolve("templates/networkpolicy.yaml.hbs"));
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("networkpolicy.yaml.hbs"), PeerTemplates.withPeers(builtIn,
                PeerTemplates.PLATFORM_PEER,
                "    - namespaceSelector: {}\n      podSelector: {{yamlSelector podSelector}}\n"));
        WatasuConfig config = Examples.load(example);
        new OutputWriter().write(Renderer.render(config, RenderOptions.defaults().withTemplatesDir(templates)),
                Path.of(out()));
        return templates;
    }

    @Test
    void anUpToDateFolderIsAuditedAndPasses() {
        assertEquals(0, CliRun.of("render", example.toString(), "--out", out(), "--quiet").exitCode());
        CliRun check = CliRun.of("render", example.toString(), "--out", out(), "--check");
        assertEquals(0, check.exitCode(), check.stderr());
        assertEquals("", check.stdout());
        assertEquals("watasu: " + out() + " is up to date (5 files) and keeps every promise of watasu.yaml (2 teams"
                + " audited)\n", check.stderr());
    }

    @Test
    void anUpToDateFolderThatBreaksTheContractFailsTheCheck() throws IOException {
        Path templates = weakenedFolder();
        CliRun check = CliRun.of("render", example.toString(), "--out", out(), "--check", "--templates",
                templates.toString());
        assertEquals(ExitCodes.INVALID_INPUT, check.exitCode(), check.stdout() + check.stderr());
        assertTrue(check.stdout().lines().allMatch(l -> l.startsWith("contract violation: ")), check.stdout());
        assertTrue(check.stdout().contains("contract violation: watasu-verify-probe/label-copy-of-acme/api-app ->"
                + " acme/grpc-app:grpc-tcp TCP 50051 allowed, but a pod outside team acme's namespace that copies the"
                + " labels of acme/api-app must not get in"), check.stdout());
        assertTrue(check.stderr().startsWith("watasu: " + out() + " is up to date (5 files), but breaks the contract: "),
                check.stderr());

        CliRun skipped = CliRun.of("render", example.toString(), "--out", out(), "--check", "--templates",
                templates.toString(), "--no-audit");
        assertEquals(0, skipped.exitCode(), skipped.stderr());
        assertEquals("watasu: " + out() + " is up to date (5 files)\n", skipped.stderr());
    }

    @Test
    void auditFindingsPointAtTheProcessInWatasuYamlInEveryFormat() throws Exception {
        Path templates = weakenedFolder();
        String[] check = {"render", example.toString(), "--out", out(), "--check", "--templates", templates.toString(),
                "--format"};
        CliRun json = run(check, "json");
        assertEquals(ExitCodes.INVALID_INPUT, json.exitCode(), json.stderr());
        JsonNode report = JSON.readTree(json.stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), report));
        assertEquals("render --check", report.get("command").asText());
        assertTrue(report.get("upToDate").asBoolean());
        assertTrue(report.get("audit").get("run").asBoolean());
        int violations = report.get("audit").get("violations").asInt();
        assertTrue(violations > 0);
        assertEquals(violations, report.get("diagnostics").size());
        JsonNode first = report.get("diagnostics").get(0);
        assertEquals("contract/forbidden-connection", first.get("check").asText());
        assertEquals(example.toString(), first.get("file").asText());
        assertEquals("teams.acme.apps.grpc-app.processes.grpc-tcp", first.get("subject").asText());
        assertEquals(14, first.get("line").asInt(), "the grpc-tcp process of grpc-app in examples/watasu.yaml");
        assertEquals(11, first.get("column").asInt());

        CliRun github = run(check, "github");
        assertTrue(github.stdout().startsWith("::error file=" + example + ",line=14,col=11,title=watasu%3A no"
                + " connection beyond the contract::"), github.stdout());

        CliRun sarif = run(check, "sarif");
        assertEquals(List.of(), Schemas.problems(Schemas.sarif(), JSON.readTree(sarif.stdout())));

        CliRun junit = run(check, "junit");
        assertEquals(List.of(), Schemas.junitProblems(junit.stdout()));
        assertTrue(junit.stdout().contains("<testcase classname=\"watasu.render.check\" name=\"render/up-to-date:"
                + " rendered output is up to date\"/>"), junit.stdout());
        assertTrue(junit.stdout().contains("failures=\"1\""), junit.stdout());
        assertTrue(junit.stdout().contains("<failure type=\"contract/forbidden-connection\" message=\"" + example
                + ":14:11: error: "), junit.stdout());
    }

    private static CliRun run(String[] args, String format) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = format;
        return CliRun.of(all);
    }

    @Test
    void aStaleFolderIsReportedFileByFileAndNotAudited() throws Exception {
        assertEquals(0, CliRun.of("render", example.toString(), "--out", out(), "--quiet").exitCode());
        Files.writeString(Path.of(out(), "acme/grpc-app.yaml"), "edited\n");
        Files.delete(Path.of(out(), "globex/meet-app.yaml"));
        CliRun json = CliRun.of("render", example.toString(), "--out", out(), "--check", "--format", "json");
        assertEquals(ExitCodes.INVALID_INPUT, json.exitCode(), json.stderr());
        JsonNode report = JSON.readTree(json.stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), report));
        assertFalse(report.get("upToDate").asBoolean());
        assertFalse(report.get("audit").get("run").asBoolean());
        assertEquals("[\"globex/meet-app.yaml\"]", report.get("files").get("missing").toString());
        assertEquals("[\"acme/grpc-app.yaml\"]", report.get("files").get("changed").toString());
        assertEquals("[\"acme/grpc-app.yaml\"]", report.get("files").get("handEdited").toString());

        CliRun github = CliRun.of("render", example.toString(), "--out", out(), "--check", "--format", "github");
        String hint = "run 'watasu render " + example + " --out " + out() + "' and commit";
        assertEquals("::error file=" + escape(out() + "/globex/meet-app.yaml") + ",title=watasu%3A rendered output"
                        + " is up to date::missing: watasu.yaml renders this file (" + hint + ")\n"
                        + "::error file=" + escape(out() + "/acme/grpc-app.yaml") + ",title=watasu%3A rendered output"
                        + " is up to date::changed: not what watasu.yaml renders (edited by hand) (" + hint + ")\n"
                        + "watasu: render --check: " + out() + " is stale (2 difference(s)); " + hint + "\n",
                github.stdout());
        CliRun junit = CliRun.of("render", example.toString(), "--out", out(), "--check", "--format", "junit");
        assertEquals(List.of(), Schemas.junitProblems(junit.stdout()));
    }

    private static String escape(String property) {
        return property.replace("%", "%25").replace(":", "%3A").replace(",", "%2C");
    }
}
