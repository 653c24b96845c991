package io.watasu.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.testing.CliRun;
import io.watasu.testing.Schemas;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code watasu validate --format github|sarif|junit|json} on the example with the mistakes people make (a typo in a
 * trust list, a trusted app of another team, a port out of range, a trust list without effect, an upper-case team
 * name): every finding in every format, at its line and column, each format valid against its schema.
 */
class ExampleMistakesReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file = TestData.repoRoot().resolve("renderer/src/test/resources/report/example-mistakes.yaml");
    private final List<Diagnostic> diagnostics = ConfigLoader.load(file).diagnostics();

    private CliRun validate(String format) {
        CliRun run = CliRun.of("validate", file.toString(), "--format", format);
        assertEquals(1, run.exitCode(), run.stderr());
        assertEquals("", run.stderr(), "machine formats leave stderr to failures");
        return run;
    }

    @Test
    void theExampleHasTheExpectedMistakes() {
        LoadResult loaded = ConfigLoader.load(file);
        assertEquals(List.of("15:26 error config/trust", "15:38 error config/trust", "19:54 error config/processes",
                        "27:9 warning config/trust", "28:3 error config/teams"),
                loaded.diagnostics().stream().map(d -> d.position().line() + ":" + d.position().column() + " "
                        + (d.isError() ? "error" : "warning") + " " + Checks.forSubject(d.subject()).id()).toList());
    }

    @Test
    void githubAnnotationsPointAtEachMistake() {
        String f = file.toString().replace(":", "%3A").replace(",", "%2C");
        assertEquals("::error file=" + f + ",line=15,col=26,title=watasu%3A trust lists::app 'grpc-app' trusts"
                        + " unknown app 'billing-ap' (not in team 'acme') (did you mean 'billing-app'?)\n"
                        + "::error file=" + f + ",line=15,col=38,title=watasu%3A trust lists::app 'grpc-app' trusts"
                        + " 'meet-app' of team 'Globex': apps of different teams can never reach each other (if they"
                        + " must talk, move both apps into one team)\n"
                        + "::error file=" + f + ",line=19,col=54,title=watasu%3A processes::the port 80800 of process"
                        + " 'admin-web' of app 'api-app' is out of range (use a port from 1 to 65535)\n"
                        + "::warning file=" + f + ",line=27,col=9,title=watasu%3A trust lists::app 'report-app' has a"
                        + " trust list but no '*-tcp' process: the trust list has no effect (add a '<name>-tcp'"
                        + " process or remove the trust list)\n"
                        + "::error file=" + f + ",line=28,col=3,title=watasu%3A teams::team name 'Globex' is not"
                        + " valid: it contains 'G': only lower-case letters, digits and '-' are allowed (a team is a"
                        + " namespace, whose name must be a DNS-1123 label) (rename the team, e.g. 'globex')\n"
                        + "watasu: validate: " + file + ": 4 error(s), 1 warning(s)\n",
                validate("github").stdout());
    }

    @Test
    void sarifIsValidAndLocatesEachMistake() throws Exception {
        JsonNode sarif = JSON.readTree(validate("sarif").stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.sarif(), sarif));
        JsonNode run = sarif.get("runs").get(0);
        List<String> ruleIds = new ArrayList<>();
        run.get("tool").get("driver").get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
        assertEquals(Checks.of(Checks.CONFIG).stream().map(Check::id).toList(), ruleIds);
        JsonNode results = run.get("results");
        assertEquals(diagnostics.size(), results.size());
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            JsonNode result = results.get(i);
            String ruleId = Checks.forSubject(d.subject()).id();
            assertEquals(ruleId, result.get("ruleId").asText());
            assertEquals(ruleIds.indexOf(ruleId), result.get("ruleIndex").asInt());
            assertEquals(d.isError() ? "error" : "warning", result.get("level").asText());
            assertEquals(d.message() + " (" + d.fix() + ")", result.get("message").get("text").asText());
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            assertEquals("file://" + file, location.get("artifactLocation").get("uri").asText());
            assertEquals(d.position().line(), location.get("region").get("startLine").asInt());
            assertEquals(d.position().column(), location.get("region").get("startColumn").asInt());
        }
    }

    @Test
    void junitIsValidWithOneCasePerCheckAndAFailurePerError() throws Exception {
        String xml = validate("junit").stdout();
        assertEquals(List.of(), Schemas.junitProblems(xml));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList cases = document.getElementsByTagName("testcase");
        List<Check> checks = Checks.of(Checks.CONFIG);
        assertEquals(checks.size(), cases.getLength());
        Element suite = (Element) document.getElementsByTagName("testsuite").item(0);
        assertEquals(Integer.toString(checks.size()), suite.getAttribute("tests"));
        assertEquals("3", suite.getAttribute("failures"), "teams, processes and trust lists fail");
        assertEquals("0", suite.getAttribute("errors"));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertEquals(checks.get(i).id() + ": " + checks.get(i).title(), testcase.getAttribute("name"));
            NodeList caseFailures = testcase.getElementsByTagName("failure");
            for (int j = 0; j < caseFailures.getLength(); j++) {
                Element failure = (Element) caseFailures.item(j);
                assertEquals(checks.get(i).id(), failure.getAttribute("type"));
                assertTrue(failure.getTextContent().startsWith(failure.getAttribute("message")), xml);
                failures.add(failure.getAttribute("message"));
            }
        }
        assertEquals(diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::format).sorted().toList(),
                failures.stream().sorted().toList(), "each error once, as FILE:LINE:COLUMN: error: message (fix)");
        assertTrue(xml.contains("<system-out>" + file + ":27:9: warning: app 'report-app' has a trust list but no"
                + " '*-tcp' process: the trust list has no effect (add a '&lt;name&gt;-tcp' process or remove the"
                + " trust list)</system-out>"), xml);
    }

    @Test
    void jsonHasTheDocumentedShapeAndEveryStructuredField() throws Exception {
        JsonNode json = JSON.readTree(validate("json").stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), json));
        assertEquals(1, json.get("version").asInt());
        assertEquals(1, json.get("exitCode").asInt());
        JsonNode found = json.get("diagnostics");
        assertEquals(diagnostics.size(), found.size());
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            JsonNode f = found.get(i);
            assertEquals(d.position().file(), f.get("file").asText());
            assertEquals(d.position().line(), f.get("line").asInt());
            assertEquals(d.position().column(), f.get("column").asInt());
            assertEquals(d.message(), f.get("message").asText());
            assertEquals(d.fix(), f.get("fix").asText());
            assertEquals(d.subject(), f.get("subject").asText());
        }
    }

    @Test
    void theValidExampleReportsNoFindingAndPassesEveryCase() throws Exception {
        Path example = TestData.repoRoot().resolve("examples/watasu.yaml");
        CliRun junit = CliRun.of("validate", example.toString(), "--format", "junit");
        assertEquals(0, junit.exitCode(), junit.stderr());
        assertEquals(List.of(), Schemas.junitProblems(junit.stdout()));
        assertTrue(junit.stdout().contains("tests=\"8\" failures=\"0\" errors=\"0\""), junit.stdout());
        CliRun github = CliRun.of("validate", example.toString(), "--format", "github");
        assertEquals("watasu: validate: " + example + ": valid (2 teams, 5 apps, 0 warnings)\n", github.stdout());
        CliRun json = CliRun.of("validate", example.toString(), "--format", "json");
        JsonNode report = JSON.readTree(json.stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), report));
        assertEquals(2, report.get("teams").asInt());
        assertTrue(report.get("ok").asBoolean());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun run = CliRun.of("validate", file.toString(), "--format", "xml");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("unknown format 'xml' (use text, json, github, sarif or junit)"), run.stderr());
    }
}
