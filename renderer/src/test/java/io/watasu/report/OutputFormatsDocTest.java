package io.watasu.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.watasu.testing.CliRun;
import io.watasu.testing.Schemas;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/output-formats.md tells the truth: its JSON examples have the schema's shape, its checks are the code's. */
class OutputFormatsDocTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String doc() throws Exception {
        return Files.readString(TestData.repoRoot().resolve("docs/output-formats.md"));
    }

    @Test
    void everyJsonExampleHasTheDocumentedShape() throws Exception {
        Matcher blocks = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc());
        int count = 0;
        while (blocks.find()) {
            assertEquals(List.of(), Schemas.problems(Schemas.watasuReport(), JSON.readTree(blocks.group(1))),
                    blocks.group(1));
            count++;
        }
        assertEquals(4, count);
    }

    @Test
    void theChecksTableListsEveryCheck() throws Exception {
        Set<String> documented = new TreeSet<>();
        Matcher rows = Pattern.compile("(?m)^\\| `([a-z]+/[a-z-]+)` \\|").matcher(doc());
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        Set<String> inCode = new TreeSet<>();
        for (Field field : Checks.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Check.class) {
                inCode.add(((Check) field.get(null)).id());
            }
        }
        assertEquals(inCode, documented);
        String schema = Files.readString(TestData.repoRoot().resolve("docs/schemas/watasu-report-v1.schema.json"));
        inCode.forEach(id -> assertTrue(schema.contains("\"" + id + "\""), "schema lacks " + id));
    }

    @Test
    void theAnnotationExampleIsWhatTheCommandPrints() throws Exception {
        Path file = TestData.repoRoot().resolve("renderer/src/test/resources/report/example-mistakes.yaml");
        CliRun run = CliRun.of("validate", file.toString(), "--format", "github");
        String printed = run.stdout().replace(file.toString().replace(":", "%3A"), "watasu.yaml")
                .replace(file.toString(), "watasu.yaml");
        Matcher block = Pattern.compile("```\n(::error .*?)```", Pattern.DOTALL).matcher(doc());
        assertTrue(block.find());
        List<String> lines = new ArrayList<>(block.group(1).lines().toList());
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(printed.lines().anyMatch(line::equals), line + "\nnot in\n" + printed);
        }
    }
}
