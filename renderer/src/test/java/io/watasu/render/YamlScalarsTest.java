package io.watasu.render;

import io.watasu.plan.Label;
import io.watasu.plan.Peer;
import io.watasu.plan.PortRule;
import io.watasu.plan.Requirement;
import io.watasu.plan.Selector;
import io.watasu.yaml.YamlStrings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlScalarsTest {
    private final Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));

    @Test
    void simpleNamesStayPlain() {
        for (String plain : List.of("acme", "grpc-app", "watasu.io/team", "app.kubernetes.io/name", "TCP", "k8s-app")) {
            assertEquals(plain, YamlScalars.scalar(plain));
        }
    }

    @Test
    void anythingAReaderCouldMisreadIsQuoted() {
        assertEquals("\"yes\"", YamlScalars.scalar("yes"));
        assertEquals("\"Off\"", YamlScalars.scalar("Off"));
        assertEquals("\"null\"", YamlScalars.scalar("null"));
        assertEquals("\"5000\"", YamlScalars.scalar("5000"));
        assertEquals("\"10.0.0.0/8\"", YamlScalars.scalar("10.0.0.0/8"));
        assertEquals("\"\"", YamlScalars.scalar(""));
        assertEquals("\"a: b\"", YamlScalars.scalar("a: b"));
        assertEquals("\"say \\\"hi\\\"\\n\"", YamlScalars.scalar("say \"hi\"\n"));
        assertEquals("\"\\u0007\"", YamlScalars.scalar("\u0007"));
    }

    @Test
    void labelMapsInFlowAndBlockStyleReadBackExactly() {
        List<Label> labels = List.of(new Label("app.kubernetes.io/name", "yes"), new Label("k", "a: b"),
                new Label("z", "01"));
        assertEquals("{app.kubernetes.io/name: \"yes\", k: \"a: b\", z: \"01\"}", YamlScalars.flowMap(labels));
        Map<String, String> expected = Map.of("app.kubernetes.io/name", "yes", "k", "a: b", "z", "01");
        assertEquals(Map.of("m", expected), yaml.load("m: " + YamlScalars.flowMap(labels) + "\n"), "flow");
        assertEquals(Map.of("m", expected), yaml.load("m:\n" + YamlScalars.blockMap(labels, 2) + "\n"), "block");
        assertEquals("  app.kubernetes.io/name: \"yes\"\n  k: \"a: b\"\n  z: \"01\"", YamlScalars.blockMap(labels, 2));
    }

    @Test
    void ipBlocksAndPortsAreSequenceItemsThatReadBackExactly() {
        assertEquals("    - ipBlock: {cidr: \"10.0.0.0/8\"}\n    - ipBlock: {cidr: \"fd00::/8\"}",
                YamlScalars.ipBlocks(List.of("10.0.0.0/8", "fd00::/8"), 4));
        assertEquals(List.of(Map.of("ipBlock", Map.of("cidr", "10.0.0.0/8")), Map.of("ipBlock", Map.of("cidr",
                "fd00::/8"))), yaml.load(YamlScalars.ipBlocks(List.of("10.0.0.0/8", "fd00::/8"), 0) + "\n"));
        assertEquals("  - {protocol: UDP, port: 53}\n  - {protocol: TCP, port: 53}",
                YamlScalars.ports(List.of(PortRule.udp(53), PortRule.tcp(53)), 2));
        assertEquals(List.of(Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53)),
                yaml.load(YamlScalars.ports(List.of(PortRule.udp(53), PortRule.tcp(53)), 0) + "\n"));
        assertEquals("", YamlScalars.ipBlocks(List.of(), 4));
        assertEquals("", YamlScalars.ports(List.of(), 4));
    }

    /** A namespace selector and its pod selector are ONE item (both must match); a pod selector alone is its own. */
    @Test
    void selectorPeersKeepANamespaceAndItsPodsInOneItem() {
        List<Peer> peers = List.of(Peer.podsInNamespace(Selector.labels(Map.of("kubernetes.io/metadata.name",
                        "monitoring")), Selector.labels(Map.of("app", "yes"))),
                Peer.podsInOwnNamespace(Selector.labels(Map.of("watasu.io/app", "api-app"))));
        String lines = YamlScalars.selectorPeers(peers, 4);
        assertEquals("    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}\n"
                + "      podSelector: {matchLabels: {app: \"yes\"}}\n"
                + "    - podSelector: {matchLabels: {watasu.io/app: api-app}}", lines);
        assertEquals(List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name",
                        "monitoring")), "podSelector", Map.of("matchLabels", Map.of("app", "yes"))),
                Map.of("podSelector", Map.of("matchLabels", Map.of("watasu.io/app", "api-app")))),
                yaml.load(YamlScalars.selectorPeers(peers, 0) + "\n"));
        assertEquals("", YamlScalars.selectorPeers(List.of(), 4));
    }

    /** Every string survives a round trip, in block and in flow context. */
    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(7);
        String alphabet = "aZ09 -_.:/#&*!|>'\"%@`{}[],?\\\t\n\r\u0000\u0085\u00a0\u2028\u2029\ufeffé☃";
        for (int i = 0; i < 2000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(10) == 0) {
                value.appendCodePoint(0x1F600);
            }
            String scalar = YamlScalars.scalar(value.toString());
            Map<?, ?> block = yaml.load("key: " + scalar + "\n");
            assertEquals(value.toString(), block.get("key"), "block: " + scalar);
            Map<?, ?> flow = yaml.load("m: {" + scalar + ": [" + scalar + "]}\n");
            assertEquals(Map.of(value.toString(), List.of(value.toString())), flow.get("m"), "flow: " + scalar);
        }
    }

    /** The shortcut for values needing no escapes quotes exactly as the general escaping does. */
    @Test
    void quotedValuesAreThoseOfTheGeneralEscaping() {
        Random random = new Random(11);
        String alphabet = "aZ09 ~-_.:/#\"\\\u001f\u007f\u0080\u00ff\u0100";
        int quoted = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder value = new StringBuilder(random.nextBoolean() ? "a " : "");
            for (int n = random.nextInt(12); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String scalar = YamlScalars.scalar(value.toString());
            if (!scalar.equals(value.toString())) {
                assertEquals(YamlStrings.doubleQuoted(value.toString()), scalar, value.toString());
                quoted++;
            }
        }
        assertTrue(quoted > 2500, "quoted " + quoted);
    }

    @Test
    void selectorsAreFlowMappingsOfTheirNonEmptyParts() {
        List<Label> labels = List.of(new Label("watasu.io/team", "yes"));
        List<Requirement> expressions = List.of(new Requirement("watasu.io/app", "In", List.of("a", "01")),
                new Requirement("k", "NotIn", List.of("b")));
        assertEquals("{}", YamlScalars.flowSelector(Selector.everything()));
        assertEquals("{matchLabels: {watasu.io/team: \"yes\"}}",
                YamlScalars.flowSelector(new Selector(labels, List.of())));
        assertEquals("{matchExpressions: [{key: watasu.io/app, operator: In, values: [a, \"01\"]}, "
                        + "{key: k, operator: NotIn, values: [b]}]}",
                YamlScalars.flowSelector(new Selector(List.of(), expressions)));
        String both = YamlScalars.flowSelector(new Selector(labels, expressions));
        assertEquals(Map.of("s", Map.of(
                        "matchExpressions", List.of(
                                Map.of("key", "watasu.io/app", "operator", "In", "values", List.of("a", "01")),
                                Map.of("key", "k", "operator", "NotIn", "values", List.of("b"))),
                        "matchLabels", Map.of("watasu.io/team", "yes"))),
                yaml.load("s: " + both + "\n"), both);
    }
}
