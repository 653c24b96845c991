package io.watasu.render;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.net.Cidr;
import io.watasu.render.PolicyEvaluator.Endpoint;
import io.watasu.testing.Documents;
import io.watasu.testing.Examples;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network contract, checked pod by pod: for many seeded random platforms, render, then ask a small policy
 * evaluator about every pair of endpoints on every relevant port, and compare with what the contract says,
 * computed here directly from the model (not from the plan).
 */
class NetworkContractTest {
    private static final Renderer RENDERER = new Renderer(Templates.builtIn());
    private static final String INTRUDER_NAMESPACE = "intruder";

    /** An endpoint with what the contract needs to know about it. */
    private record Actor(String description, Endpoint endpoint, String team, App app, Process process,
                         boolean ingressController, boolean dns, boolean internet) {
    }

    @Test
    void twoHundredRandomPlatformsKeepTheContract() {
        int checked = 0;
        for (long seed = 1; seed <= 200; seed++) {
            checked += check(RandomPlatforms.generate(seed), "seed " + seed);
        }
        assertTrue(checked > 100_000, "too few connections checked: " + checked);
    }

    @Test
    void exampleKeepsTheContract() {
        check(Examples.load(Examples.exampleFile()), "example");
    }

    /** Spot checks on the example that name the contract's promises, so a failure reads as a sentence. */
    @Test
    void examplePromises() {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        Map<String, Actor> actors = new LinkedHashMap<>();
        actors(config).forEach(a -> actors.put(a.description(), a));
        PolicyEvaluator evaluator = evaluator(config);
        Actor grpc = actors.get("acme/grpc-app/grpc-tcp");
        assertTrue(evaluator.allowed(actors.get("acme/api-app/web").endpoint(), grpc.endpoint(), "TCP", 50051),
                "trusted app calls the private service");
        assertTrue(!evaluator.allowed(actors.get("acme/report-app/worker").endpoint(), grpc.endpoint(), "TCP", 50051),
                "untrusted app of the same team is refused");
        assertTrue(!evaluator.allowed(grpc.endpoint(), actors.get("acme/api-app/web").endpoint(), "TCP", 5000),
                "trust is one-way");
        assertTrue(!evaluator.allowed(actors.get("globex/meet-app/web").endpoint(), grpc.endpoint(), "TCP", 50051),
                "other team is refused");
        assertTrue(!evaluator.allowed(actors.get("intruder copying acme/api-app/web").endpoint(), grpc.endpoint(),
                "TCP", 50051), "copied labels in another namespace are refused");
        assertTrue(evaluator.allowed(actors.get("ingress controller").endpoint(),
                actors.get("acme/api-app/admin-web").endpoint(), "TCP", 8080), "ingress controller reaches web");
        assertTrue(evaluator.allowed(actors.get("external 8.8.8.8").endpoint(),
                actors.get("globex/meet-app/media-rtc").endpoint(), "UDP", 40000), "internet reaches rtc");
        assertTrue(!evaluator.allowed(actors.get("acme/api-app/worker").endpoint(),
                actors.get("cluster 169.254.169.254").endpoint(), "TCP", 80), "metadata service is not internet");
    }

    private static PolicyEvaluator evaluator(WatasuConfig config) {
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        config.teams().forEach(t -> namespaceLabels.put(t.name(), Map.of(Names.NAMESPACE_NAME_LABEL, t.name(),
                Names.TEAM_LABEL, t.name())));
        // The intruder namespace even claims a team label; only the control plane's name label is trusted.
        namespaceLabels.put(INTRUDER_NAMESPACE, Map.of(Names.NAMESPACE_NAME_LABEL, INTRUDER_NAMESPACE,
                Names.TEAM_LABEL, config.teams().get(0).name()));
        Platform platform = config.platform();
        namespaceLabels.put(platform.ingress().pods().namespace(), Map.of(Names.NAMESPACE_NAME_LABEL, platform.ingress().pods().namespace()));
        namespaceLabels.put(platform.dns().pods().namespace(), Map.of(Names.NAMESPACE_NAME_LABEL, platform.dns().pods().namespace()));
        return new PolicyEvaluator(Documents.of(RENDERER.render(config, Optional.empty())), namespaceLabels);
    }

    private static int check(WatasuConfig config, String label) {
        PolicyEvaluator evaluator = evaluator(config);
        List<Actor> actors = actors(config);
        int checked = 0;
        List<String> violations = new ArrayList<>();
        for (Actor source : actors) {
            for (Actor destination : actors) {
                if (source == destination || (source.team() == null && destination.team() == null)) {
                    continue;
                }
                for (String protocol : List.of("TCP", "UDP")) {
                    for (int port : portsToTry(source, destination)) {
                        boolean expected = expected(source, destination, protocol, port);
                        boolean actual = evaluator.allowed(source.endpoint(), destination.endpoint(), protocol, port);
                        checked++;
                        if (expected != actual && violations.size() < 10) {
                            violations.add(source.description() + " -> " + destination.description() + " " + protocol
                                    + "/" + port + ": expected " + (expected ? "allowed" : "denied"));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations, label);
        return checked;
    }

    /** The platform ports, the process's own port and its neighbour (to catch off-by-one rules), and a stray one. */
    private static TreeSet<Integer> portsToTry(Actor source, Actor destination) {
        TreeSet<Integer> ports = new TreeSet<>(List.of(9, 53, 80, 443));
        Process process = destination.process() != null ? destination.process() : source.process();
        if (process != null) {
            ports.add(process.port());
            ports.add(process.port() + 1);
        }
        return ports;
    }

    /** The contract, from the model alone. */
    private static boolean expected(Actor source, Actor destination, String protocol, int port) {
        return sourceMaySend(source, destination, protocol, port)
                && destinationAccepts(source, destination, protocol, port);
    }

    private static boolean sourceMaySend(Actor source, Actor to, String protocol, int port) {
        if (source.team() == null) {
            return true;
        }
        if (to.dns()) {
            return port == 53;
        }
        if (to.ingressController()) {
            return protocol.equals("TCP") && (port == 80 || port == 443);
        }
        if (!to.endpoint().isPod()) {
            return to.internet();
        }
        return to.team() != null && to.team().equals(source.team()) && to.process().kind() == ProcessKind.TCP
                && protocol.equals("TCP") && port == to.process().port() && mayCall(source.app(), to.app());
    }

    private static boolean destinationAccepts(Actor from, Actor destination, String protocol, int port) {
        if (destination.team() == null) {
            return true;
        }
        Process process = destination.process();
        if (port != process.port()) {
            return false;
        }
        return switch (process.kind()) {
            case WEB -> from.ingressController() && protocol.equals("TCP");
            case TCP -> from.team() != null && from.team().equals(destination.team()) && protocol.equals("TCP")
                    && mayCall(from.app(), destination.app());
            case RTC -> from.internet() && protocol.equals("UDP");
            case WORKER -> false;
        };
    }

    private static boolean mayCall(App caller, App server) {
        return caller.name().equals(server.name()) || server.trust().contains(caller.name());
    }

    /** Outside every cluster range; IPv6 only counts when the cluster declares IPv6 ranges. */
    private static boolean isInternet(Platform platform, Endpoint endpoint) {
        List<Cidr> cluster = platform.clusterCidrs().stream().map(Cidr::parse).toList();
        if (endpoint.ipv6() && cluster.stream().noneMatch(Cidr::isIpv6)) {
            return false;
        }
        return cluster.stream().noneMatch(c -> c.isIpv6() == endpoint.ipv6() && c.contains(endpoint.ip()));
    }

    private static List<Actor> actors(WatasuConfig config) {
        Platform platform = config.platform();
        Cidr podRange = platform.clusterCidrs().stream().map(Cidr::parse).filter(Cidr::isIpv4).findFirst().orElseThrow();
        BigInteger[] next = {podRange.first().add(BigInteger.TEN)};
        java.util.function.Supplier<BigInteger> podIp = () -> next[0] = next[0].add(BigInteger.ONE);
        List<Actor> actors = new ArrayList<>();
        for (Team team : config.teams()) {
            for (App app : team.apps()) {
                for (Process process : app.processes()) {
                    Map<String, String> labels = Map.of(Names.TEAM_LABEL, team.name(), Names.APP_LABEL, app.name(),
                            Names.PROCESS_LABEL, process.name());
                    String name = team.name() + "/" + app.name() + "/" + process.name();
                    actors.add(new Actor(name, new Endpoint(team.name(), labels, podIp.get(), false), team.name(), app,
                            process, false, false, false));
                    actors.add(new Actor("intruder copying " + name,
                            new Endpoint(INTRUDER_NAMESPACE, labels, podIp.get(), false), null, null, null, false, false, false));
                }
            }
        }
        actors.add(new Actor("ingress controller", new Endpoint(platform.ingress().pods().namespace(),
                platform.ingress().pods().podLabels(), podIp.get(), false), null, null, null, true, false, false));
        actors.add(new Actor("other pod in the ingress namespace", new Endpoint(platform.ingress().pods().namespace(),
                Map.of("app", "debug"), podIp.get(), false), null, null, null, false, false, false));
        actors.add(new Actor("intruder copying the ingress controller", new Endpoint(INTRUDER_NAMESPACE,
                platform.ingress().pods().podLabels(), podIp.get(), false), null, null, null, false, false, false));
        actors.add(new Actor("dns", new Endpoint(platform.dns().pods().namespace(), platform.dns().pods().podLabels(), podIp.get(),
                false), null, null, null, false, true, false));
        actors.add(new Actor("intruder copying dns", new Endpoint(INTRUDER_NAMESPACE, platform.dns().pods().podLabels(),
                podIp.get(), false), null, null, null, false, false, false));
        List<String> addresses = new ArrayList<>(List.of("8.8.8.8/32", "1.1.1.1/32", "2606:4700::1111/128",
                "169.254.169.254/32", "fd00::1/128"));
        for (String range : platform.clusterCidrs()) {
            Cidr cidr = Cidr.parse(range);
            addresses.add(address(cidr.first(), cidr.isIpv6()));
            addresses.add(address(cidr.last(), cidr.isIpv6()));
            BigInteger beyond = cidr.last().add(BigInteger.ONE);
            if (beyond.bitLength() <= cidr.addressBits()) {
                addresses.add(address(beyond, cidr.isIpv6()));
            }
            if (cidr.first().signum() > 0) {
                addresses.add(address(cidr.first().subtract(BigInteger.ONE), cidr.isIpv6()));
            }
        }
        for (String address : new TreeSet<>(addresses)) {
            Cidr cidr = Cidr.parse(address);
            Endpoint endpoint = new Endpoint(null, Map.of(), cidr.first(), cidr.isIpv6());
            boolean internet = isInternet(platform, endpoint);
            actors.add(new Actor((internet ? "external " : "cluster ") + address.substring(0, address.indexOf('/')),
                    endpoint, null, null, null, false, false, internet));
        }
        return actors;
    }

    /** The single-address block of {@code value}, e.g. {@code 10.0.0.0/32}. */
    private static String address(BigInteger value, boolean ipv6) {
        int bits = ipv6 ? 128 : 32;
        StringBuilder literal = new StringBuilder();
        if (ipv6) {
            for (int i = 7; i >= 0; i--) {
                literal.append(Integer.toHexString(value.shiftRight(16 * i).intValue() & 0xffff)).append(i > 0 ? ":" : "");
            }
        } else {
            long v = value.longValue();
            literal.append(v >> 24 & 255).append('.').append(v >> 16 & 255).append('.').append(v >> 8 & 255)
                    .append('.').append(v & 255);
        }
        return Cidr.parse(literal + "/" + bits).toString();
    }
}
