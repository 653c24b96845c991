package io.watasu.verify;

import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * netpol-analyzer's own connlist golden tests (testdata/third-party/netpol-cases/netpol-analyzer-suite, indexed by
 * cases.tsv): txt, json, md and csv byte for byte; dot by its nodes, edges and namespace clusters, since layout and
 * colours are the analyzer's choice.
 */
class NetpolAnalyzerSuiteTest {
    private static final Map<String, ConnlistFormat> FORMATS = Map.of("txt", ConnlistFormat.CONNLIST,
            "json", ConnlistFormat.JSON, "md", ConnlistFormat.MD, "csv", ConnlistFormat.CSV, "dot", ConnlistFormat.DOT);
    private static final Map<String, ConnectivityAnalyzer.Analysis> ANALYSES = new HashMap<>();

    static Path suite() {
        return TestData.netpolCases().resolve("netpol-analyzer-suite");
    }

    static Stream<Arguments> cases() throws IOException {
        return Files.readAllLines(suite().resolve("cases.tsv")).stream().skip(1)
                .map(line -> line.split("\t"))
                .map(f -> Arguments.of(f[0], f[1], f[2]));
    }

    @Test
    void theTableCoversEveryDirectoryAndFormat() throws IOException {
        List<String[]> rows = cases().map(a -> new String[]{(String) a.get()[0], (String) a.get()[1]}).toList();
        Set<String> dirs = rows.stream().map(r -> r[0]).collect(Collectors.toSet());
        try (Stream<Path> listed = Files.list(suite().resolve("tests"))) {
            assertEquals(listed.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), dirs);
        }
        assertEquals(67, dirs.size());
        assertEquals(Set.of("txt", "json", "md", "csv", "dot"),
                rows.stream().map(r -> r[1]).collect(Collectors.toSet()));
        assertEquals(67, rows.stream().filter(r -> r[1].equals("txt")).count(), "every directory has a txt output");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void outputMatchesTheAnalyzer(String dir, String format, String expectedFile) throws Exception {
        ConnectivityAnalyzer.Analysis analysis = analysis(dir);
        String actual = FORMATS.get(format).render(analysis.connections(), analysis.workloads());
        String expected = Files.readString(suite().resolve(expectedFile));
        if (format.equals("dot")) {
            assertEquals(DotGraph.parse(expected), DotGraph.parse(actual), dir + " as dot");
        } else {
            assertEquals(expected, actual, dir + " as " + format);
        }
    }

    private static synchronized ConnectivityAnalyzer.Analysis analysis(String dir) throws Exception {
        ConnectivityAnalyzer.Analysis known = ANALYSES.get(dir);
        if (known == null) {
            known = ConnectivityAnalyzer.analyze(ManifestReader.read(suite().resolve("tests").resolve(dir)));
            ANALYSES.put(dir, known);
        }
        return known;
    }

    /** What a DOT graph says without its layout: labelled nodes, labelled edges, the nodes each cluster holds. */
    record DotGraph(Map<String, String> nodes, Set<String> edges, Map<String, Set<String>> clusters) {
        private static final Pattern EDGE = Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") -> (\"(?:[^\"\\\\]|\\\\.)*\")"
                + " \\[label=(\"(?:[^\"\\\\]|\\\\.)*\")");
        private static final Pattern NODE = Pattern.compile("^\\s*(\"(?:[^\"\\\\]|\\\\.)*\") \\[label=(\"(?:[^\"\\\\]|\\\\.)*\")");
        private static final Pattern CLUSTER = Pattern.compile("^\\s*subgraph \"cluster_[^\"]*\" \\{");
        private static final Pattern CLUSTER_LABEL = Pattern.compile("^\\s*label=(\"(?:[^\"\\\\]|\\\\.)*\")\\s*$");

        static DotGraph parse(String dot) {
            Map<String, String> nodes = new TreeMap<>();
            Set<String> edges = new TreeSet<>();
            Map<String, Set<String>> clusters = new TreeMap<>();
            Set<String> inCluster = null;
            for (String line : dot.split("\n")) {
                Matcher edge = EDGE.matcher(line);
                Matcher node = NODE.matcher(line);
                Matcher label = CLUSTER_LABEL.matcher(line);
                if (CLUSTER.matcher(line).find()) {
                    inCluster = new TreeSet<>();
                } else if (edge.find()) {
                    edges.add(edge.group(1) + " -> " + edge.group(2) + " " + edge.group(3));
                } else if (node.find()) {
                    nodes.put(node.group(1), node.group(2));
                    if (inCluster != null) {
                        inCluster.add(node.group(1));
                    }
                } else if (label.find() && inCluster != null) {
                    clusters.put(label.group(1), inCluster);
                } else if (line.trim().equals("}")) {
                    inCluster = null;
                }
            }
            return new DotGraph(nodes, edges, clusters);
        }
    }
}
