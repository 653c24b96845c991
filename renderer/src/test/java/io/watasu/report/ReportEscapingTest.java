package io.watasu.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.watasu.testing.CliRun;
import io.watasu.testing.Schemas;
import io.watasu.text.Printable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each format escapes text by its own syntax, from the structured finding: text from watasu.yaml (names, values)
 * can neither break a format nor smuggle in a workflow command, an XML element or a JSON key.
 */
class ReportEscapingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "100% bad, a:b\r\n::error::injected <x a=\"1\"/> & \u0007bell\u0000 \t tab \uD83D\uDE00 "
            + "lone \uD800 \\ \"";
    private static final String HOSTILE_FILE = "dir, with: colon/100%/file\nname.yaml";

    private static Report report() {
        Finding finding = new Finding(Checks.TRUST.id(), Finding.Severity.ERROR, HOSTILE_FILE, 3, 7, HOSTILE,
                "fix " + HOSTILE, "teams.a.apps.b.trust[0]");
        Finding warning = new Finding(Checks.TEAMS.id(), Finding.Severity.WARNING, null, 0, 0, HOSTILE, null, null);
        return new Report("validate", HOSTILE_FILE, Checks.of(Checks.CONFIG), List.of(finding, warning), Map.of(),
                "summary " + HOSTILE, 1);
    }

    @Test
    void githubCommandsStayOneLineEachAndRoundTrip() {
        String out = ReportFormat.GITHUB.render(report(), "1.0");
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        assertFalse(out.contains("\r"), out);
        String error = lines.get(0);
        assertTrue(error.startsWith("::error file=dir%2C with%3A colon/100%25/file\\nname.yaml,line=3,col=7,"
                + "title=watasu%3A trust lists::"), error);
        String message = error.substring(error.indexOf("::", 2) + 2);
        // Percent codes decoded give the text with what a log would not show as itself made visible.
        assertEquals(Printable.escape(HOSTILE + " (fix " + HOSTILE + ")"), unescape(message));
        assertFalse(out.contains("\u0007") || out.contains("\u0000"), "raw control characters in the log");
        assertTrue(lines.get(1).startsWith("::warning title=watasu%3A teams::"), lines.get(1));
        assertTrue(lines.get(2).startsWith("watasu: validate: summary 100%25 bad"), lines.get(2));
        // No line but the annotations starts a workflow command.
        assertEquals(2, lines.stream().filter(l -> l.startsWith("::")).count());
    }

    private static String unescape(String data) {
        return data.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",")
                .replace("%25", "%");
    }

    @Test
    void junitIsValidXmlAndKeepsEveryCharacterXmlCanCarry() throws Exception {
        String xml = ReportFormat.JUNIT.render(report(), "1.0");
        assertEquals(List.of(), Schemas.junitProblems(xml));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element failure = (Element) document.getElementsByTagName("failure").item(0);
        String carried = HOSTILE.replace("\u0007", "\\u0007").replace("\u0000", "\\u0000").replace("\uD800", "\\uD800");
        String expectedLine = HOSTILE_FILE + ":3:7: error: " + carried + " (fix " + carried + ")";
        assertEquals(expectedLine, failure.getAttribute("message"));
        assertEquals(expectedLine + "\nsubject: teams.a.apps.b.trust[0]", failure.getTextContent());
        assertEquals(1, document.getElementsByTagName("testsuite").getLength(), "no element smuggled in");
        assertEquals(0, document.getElementsByTagName("x").getLength(), "no element smuggled in");
        assertEquals("warning: " + carried, document.getElementsByTagName("system-out").item(0).getTextContent());
    }

    @Test
    void jsonAndSarifRoundTripEveryCharacter() throws Exception {
        JsonNode json = JSON.readTree(ReportFormat.JSON.render(report(), "1.0"));
        assertEquals(HOSTILE, json.get("diagnostics").get(0).get("message").asText());
        assertEquals(HOSTILE_FILE, json.get("diagnostics").get(0).get("file").asText());
        assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), json));
        JsonNode sarif = JSON.readTree(ReportFormat.SARIF.render(report(), "1.0"));
        assertEquals(List.of(), Schemas.problems(Schemas.sarif(), sarif));
        JsonNode result = sarif.get("runs").get(0).get("results").get(0);
        assertEquals(HOSTILE + " (fix " + HOSTILE + ")", result.get("message").get("text").asText());
        String uri = result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText();
        assertEquals("dir%2C%20with%3A%20colon/100%25/file%0Aname.yaml", uri);
        assertFalse(sarif.get("runs").get(0).get("results").get(1).has("locations"), "a finding without a file");
    }

    /** The schema checks are not vacuous: a broken document fails each of them. */
    @Test
    void theSchemasRejectBrokenReports() throws Exception {
        ObjectNode sarif = (ObjectNode) JSON.readTree(ReportFormat.SARIF.render(report(), "1.0"));
        ((ObjectNode) sarif.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        assertFalse(Schemas.problems(Schemas.sarif(), sarif).isEmpty());
        ObjectNode json = (ObjectNode) JSON.readTree(ReportFormat.JSON.render(report(), "1.0"));
        json.put("undocumented", true);
        assertFalse(Schemas.problems(Schemas.watasuReport(), json).isEmpty());
        json.remove("undocumented");
        json.put("ok", true);
        assertFalse(Schemas.problems(Schemas.watasuReport(), json).isEmpty(), "ok must agree with exitCode");
        String junit = ReportFormat.JUNIT.render(report(), "1.0").replace("<testcase classname=", "<testcase c=");
        assertFalse(Schemas.junitProblems(junit).isEmpty());
    }

    /** A hostile name in watasu.yaml, end to end: the loader's message carries it, the annotation escapes it. */
    @Test
    void hostileNamesFromTheFileCannotStartAWorkflowCommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, "version: 1\nteams:\n  \"x\\n::error file=evil::pwned\":\n    apps: {}\n");
        CliRun run = CliRun.of("validate", file.toString(), "--format", "github");
        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().lines().filter(l -> l.startsWith("::")).allMatch(l -> l.startsWith("::error file="
                + file.toString().replace(":", "%3A") + ",line=3") || l.startsWith("::warning file=")), run.stdout());
        assertFalse(run.stdout().contains("\n::error file=evil"), run.stdout());
        assertTrue(run.stdout().contains("x\\n::error file=evil::pwned"), run.stdout());
    }
}
