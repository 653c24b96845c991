package io.watasu.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON report a command printed, checked against the documented schema. */
public final class JsonReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReports() {
    }

    /** The report of {@code run}, which must have exited with {@code expectedExit} and match the schema. */
    public static JsonNode of(CliRun run, int expectedExit) throws IOException {
        assertEquals(expectedExit, run.exitCode(), run.stdout() + run.stderr());
        JsonNode report = JSON.readTree(run.stdout());
        assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), report), run.stdout());
        return report;
    }
}
