package io.watasu.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watasu.cli.ExitCodes;
import io.watasu.testing.CliRun;
import io.watasu.testing.JsonReports;
import io.watasu.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code watasu verify --config --format json|junit|sarif}: every violation placed at its process in watasu.yaml. */
class VerifyReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;


    @Test
    void verifyConfigLocatesViolationsInWatasuYaml() throws Exception {
        Path config = Files.writeString(dir.resolve("watasu.yaml"), VerifyCommandTest.WATASU_YAML);
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("acme.yaml"), IntentCheckTest.correctAcme());
        Files.writeString(bad.resolve("globex.yaml"), IntentCheckTest.globex().replace(
                "values: [db-app]}]\n    ports: [{protocol: TCP, port: 5432}]",
                "values: [db-app]}]\n    - namespaceSelector: {}\n    ports: [{protocol: TCP, port: 5432}]"));
        JsonNode report = JsonReports.of(CliRun.of("verify", bad.toString(), "--config", config.toString(), "--format",
                "json"), 1);
        // The five app and outside probes, DNS, the ingress controller, and the copies of their labels elsewhere.
        assertEquals(9, report.get("violations").asInt());
        int line = lineOf(config, "db-tcp");
        for (JsonNode finding : report.get("diagnostics")) {
            assertEquals("contract/forbidden-connection", finding.get("check").asText());
            assertEquals("teams.globex.apps.db-app.processes.db-tcp", finding.get("subject").asText());
            assertEquals(line, finding.get("line").asInt());
        }
        CliRun github = CliRun.of("verify", bad.toString(), "--config", config.toString(), "--format", "github");
        List<String> annotations = github.stdout().lines().filter(l -> l.startsWith("::")).toList();
        assertEquals(9, annotations.size(), github.stdout());
        String at = "::error file=" + config.toString().replace(":", "%3A") + ",line=" + line + ",";
        assertTrue(annotations.stream().allMatch(a -> a.startsWith(at)), github.stdout());
        CliRun junit = CliRun.of("verify", bad.toString(), "--config", config.toString(), "--format", "junit");
        assertEquals(List.of(), Schemas.junitProblems(junit.stdout()));
        Path sarif = dir.resolve("verify.sarif");
        CliRun toFile = CliRun.of("verify", bad.toString(), "--config", config.toString(), "--format", "sarif",
                "--output", sarif.toString());
        assertEquals(1, toFile.exitCode());
        assertEquals("", toFile.stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.sarif(), JSON.readTree(Files.readString(sarif))));

        CliRun connlistOnly = CliRun.of("verify", bad.toString(), "--format", "sarif");
        assertEquals(ExitCodes.USAGE, connlistOnly.exitCode());
        assertTrue(connlistOnly.stderr().contains("sarif is a format of --config's report"), connlistOnly.stderr());
        CliRun notAReport = CliRun.of("verify", bad.toString(), "--config", config.toString(), "--format", "dot");
        assertEquals(ExitCodes.USAGE, notAReport.exitCode());
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
