package io.watasu.verify;

import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every netpol-analyzer reference case: our output must equal the analyzer's golden files byte for byte. */
class NetpolAnalyzerCasesTest {
    private static final String CYCLONUS_CASE = "cyclonus-simple-example";
    /** netpol-analyzer's own golden-test table, a folder of cases with its own index (cases.tsv). */
    private static final String ANALYZER_SUITE = "netpol-analyzer-suite";
    private static final Map<String, ConnlistFormat> FORMATS_BY_SUFFIX = Map.of(
            "txt", ConnlistFormat.CONNLIST, "json", ConnlistFormat.JSON, "md", ConnlistFormat.MD,
            "csv", ConnlistFormat.CSV);

    static Stream<Path> caseDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(TestData.netpolCases())) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().equals(CYCLONUS_CASE))
                    .filter(d -> !d.getFileName().toString().equals(ANALYZER_SUITE))
                    .sorted().toList().stream();
        }
    }

    @Test
    void theReferenceSetIsComplete() throws IOException {
        assertEquals(9, caseDirectories().count(), "netpol-analyzer case directories in " + TestData.netpolCases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseDirectories")
    void outputMatchesTheAnalyzer(Path caseDir) throws Exception {
        String caseName = caseDir.getFileName().toString();
        Path expectedText = caseDir.resolve(caseName + "_connlist_output.txt");
        if (!Files.isReadable(expectedText)) {
            fail("case " + caseName + " has no readable expected output " + expectedText.getFileName());
        }
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyze(ManifestReader.read(caseDir));
        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, ConnlistFormat> format : FORMATS_BY_SUFFIX.entrySet()) {
            Path expected = caseDir.resolve(caseName + "_connlist_output." + format.getKey());
            if (Files.exists(expected)) {
                assertEquals(Files.readString(expected),
                        format.getValue().render(analysis.connections(), analysis.workloads()),
                        caseName + " as " + format.getKey());
                compared.add(format.getKey());
            }
        }
        assertTrue(compared.contains("txt"), "the txt output must be among the compared ones");
    }
}
