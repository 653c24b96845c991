package io.watasu.verify;

import io.watasu.testing.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cyclonus "simple example": our evaluation must reproduce cyclonus' Ingress/Egress/Combined truth tables for
 * every probe, cell by cell, and its verdicts for the traffic queries.
 */
class CyclonusSimpleExampleTest {
    private static Path caseDir;
    private static PolicyEngine engine;
    private static JsonNode probe;
    private static final Map<String, Pod> PODS = new LinkedHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One parsed truth table: its title, column headers and rows (source label to cells). */
    record Table(String title, List<String> columns, Map<String, List<String>> rows) {
    }

    @BeforeAll
    static void load() throws Exception {
        caseDir = TestData.netpolCases().resolve("cyclonus-simple-example");
        probe = JSON.readTree(caseDir.resolve("probe.json").toFile());
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        List<KubeNamespace> namespaces = new ArrayList<>();
        probe.at("/Resources/Namespaces").fields().forEachRemaining(ns -> {
            KubeNamespace namespace = new KubeNamespace(ns.getKey(), strings(ns.getValue()));
            namespaces.add(namespace);
            namespaceLabels.put(namespace.name(), namespace.labels());
        });
        List<Workload> workloads = new ArrayList<>();
        for (JsonNode pod : probe.at("/Resources/Pods")) {
            List<Workload.ContainerPort> ports = new ArrayList<>();
            for (JsonNode c : pod.get("Containers")) {
                ports.add(new Workload.ContainerPort(c.get("PortName").asText(), c.get("Port").asInt(),
                        Protocol.parse(c.get("Protocol").asText())));
            }
            Workload w = new Workload(pod.get("Namespace").asText(), pod.get("Name").asText(), "Pod",
                    strings(pod.get("Labels")), ports);
            workloads.add(w);
            PODS.put(w.namespace() + "/" + w.name(),
                    new Pod(w.namespace(), namespaceLabels.get(w.namespace()), w.labels(), w.ports()));
        }
        ManifestSet policies = ManifestReader.read(caseDir.resolve("simple-example"));
        assertEquals(7, policies.policies().size(), "policies in simple-example/");
        engine = new PolicyEngine(new ManifestSet(namespaces, workloads, List.of(), List.of(), policies.policies()));
    }

    @Test
    void truthTablesMatchCellByCell() throws IOException {
        List<Table> expected = parseTables(Files.readAllLines(caseDir.resolve("analyze-probe.txt")));
        JsonNode probes = probe.get("Probes");
        assertEquals(probes.size() * 3, expected.size(), "three tables per probe in analyze-probe.txt");
        int compared = 0;
        for (int p = 0; p < probes.size(); p++) {
            Protocol protocol = Protocol.parse(probes.get(p).get("Protocol").asText());
            int port = probes.get(p).get("Port").asInt();
            for (int t = 0; t < 3; t++) {
                Table table = expected.get(p * 3 + t);
                assertEquals(List.of("Ingress", "Egress", "Combined").get(t), table.title());
                for (Map.Entry<String, List<String>> row : table.rows().entrySet()) {
                    for (int col = 0; col < table.columns().size(); col++) {
                        String source = row.getKey();
                        String destination = table.columns().get(col).toLowerCase();
                        assertEquals(row.getValue().get(col), cell(table.title(), source, destination, protocol, port),
                                table.title() + " " + protocol + " " + port + " " + source + " -> " + destination);
                        compared++;
                    }
                }
            }
        }
        assertEquals(3 * 3 * 81, compared, "cells compared");
    }

    @Test
    void trafficQueryVerdictsMatch() throws IOException {
        List<Boolean> expected = new ArrayList<>();
        for (String line : Files.readAllLines(caseDir.resolve("analyze-query-traffic.txt"))) {
            if (line.startsWith("| IS ALLOWED? |")) {
                expected.add(line.contains("TRUE"));
            }
        }
        JsonNode traffic = JSON.readTree(caseDir.resolve("traffic.json").toFile());
        assertEquals(traffic.size(), expected.size(), "one verdict per traffic tuple");
        List<Boolean> actual = new ArrayList<>();
        for (JsonNode t : traffic) {
            actual.add(isAllowed(t));
        }
        assertEquals(expected, actual);
    }

    /** Cyclonus' cell codes: '.' allowed, 'X' blocked, 'N' no container serves the port, '?' not evaluated. */
    private static String cell(String title, String source, String destination, Protocol protocol, int port) {
        Pod from = PODS.get(source);
        Pod to = PODS.get(destination);
        boolean served = to.ports().stream().anyMatch(c -> c.port() == port && c.protocol() == protocol);
        boolean ingress = engine.ingress(engine.classify(to), from).allows(protocol, port);
        boolean egress = engine.egress(engine.classify(from), to).allows(protocol, port);
        return switch (title) {
            case "Ingress" -> !served ? "N" : ingress ? "." : "X";
            case "Egress" -> !served ? "?" : egress ? "." : "X";
            default -> !served ? "N" : ingress && egress ? "." : "X";
        };
    }

    private static boolean isAllowed(JsonNode traffic) {
        Protocol protocol = Protocol.parse(traffic.get("Protocol").asText());
        int port = traffic.get("ResolvedPort").asInt();
        JsonNode source = traffic.get("Source");
        JsonNode destination = traffic.get("Destination");
        String portName = traffic.hasNonNull("ResolvedPortName") ? traffic.get("ResolvedPortName").asText() : null;
        Pod to = internalPod(destination, List.of(new Workload.ContainerPort(portName, port, protocol)));
        Pod from = internalPod(source, List.of());
        boolean egress = from == null || (to == null
                ? engine.egressToExternal(engine.classify(from), IpRange.single(destination.get("IP").asText()))
                : engine.egress(engine.classify(from), to)).allows(protocol, port);
        boolean ingress = to == null || (from == null
                ? engine.ingressFromExternal(engine.classify(to), IpRange.single(source.get("IP").asText()))
                : engine.ingress(engine.classify(to), from)).allows(protocol, port);
        return egress && ingress;
    }

    /** The pod a traffic end describes, or null when it is only an IP address outside the cluster. */
    private static Pod internalPod(JsonNode end, List<Workload.ContainerPort> ports) {
        JsonNode internal = end.get("Internal");
        if (internal == null) {
            return null;
        }
        String namespace = internal.get("Namespace").asText();
        return new Pod(namespace, new KubeNamespace(namespace, strings(internal.get("NamespaceLabels"))).labels(),
                strings(internal.get("PodLabels")), ports);
    }

    static List<Table> parseTables(List<String> lines) {
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String title = lines.get(i).trim();
            if (!title.equals("Ingress:") && !title.equals("Egress:") && !title.equals("Combined:")) {
                continue;
            }
            List<List<String>> cells = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.size() && (lines.get(j).startsWith("|") || lines.get(j).startsWith("+")); j++) {
                if (lines.get(j).startsWith("|")) {
                    String row = lines.get(j);
                    List<String> values = new ArrayList<>();
                    for (String value : row.substring(1, row.length() - 1).split("\\|", -1)) {
                        values.add(value.trim());
                    }
                    cells.add(values);
                }
            }
            i = j - 1;
            if (cells.size() < 2) {
                continue; // the tool's trailing empty table set
            }
            List<String> columns = cells.get(0).subList(1, cells.get(0).size());
            Map<String, List<String>> rows = new LinkedHashMap<>();
            for (List<String> row : cells.subList(1, cells.size())) {
                rows.put(row.get(0), row.subList(1, row.size()));
            }
            tables.add(new Table(title.substring(0, title.length() - 1), columns, rows));
        }
        return tables;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
