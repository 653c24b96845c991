package io.watasu.render;

import io.watasu.model.App;
import io.watasu.model.ClusterDns;
import io.watasu.model.ClusterProfile;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.net.Cidr;
import io.watasu.render.PolicyEvaluator.Endpoint;
import io.watasu.testing.Documents;
import io.watasu.testing.EverySetting;
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
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network contract, checked pod by pod: for many seeded random platforms, render, then ask a small policy
 * evaluator about every pair of endpoints on every relevant port, and compare with what the contract says,
 * computed here directly from the model (not from the plan). Every platform is checked under both readings of
 * {@code ipBlock} that CNIs have: matching pod addresses too, or addresses outside the pod network only.
 */
class NetworkContractTest {
    private static final Renderer RENDERER = new Renderer(Templates.builtIn());
    private static final String INTRUDER_NAMESPACE = "intruder";
    private static final Cidr IPV4_LINK_LOCAL = Cidr.parse("169.254.0.0/16");
    private static final Cidr IPV6_LINK_LOCAL = Cidr.parse("fe80::/10");

    /** What an endpoint is to the contract; platform endpoints and probes have no team. */
    private enum Role { PROCESS, INGRESS_CONTROLLER, DNS, SCRAPER, OTHER }

    /** An endpoint with what the contract needs to know about it. */
    private record Actor(String description, Endpoint endpoint, Role role, String team, App app, Process process) {
        boolean isTeamPod() {
            return role == Role.PROCESS;
        }
    }

    @Test
    void twoHundredRandomPlatformsKeepTheContract() {
        int checked = 0;
        for (long seed = 1; seed <= 200; seed++) {
            checked += check(RandomPlatforms.generate(seed), "seed " + seed);
        }
        assertTrue(checked > 200_000, "too few connections checked: " + checked);
    }

    @Test
    void exampleKeepsTheContract() {
        check(Examples.load(Examples.exampleFile()), "example");
    }

    /** Each profile as it is, and with every setting on: host network, DNS addresses, link-local, scrapers, API. */
    @Test
    void everyProfileKeepsTheContractWithEverySetting() {
        WatasuConfig example = Examples.load(Examples.exampleFile());
        for (ClusterProfile profile : ClusterProfile.values()) {
            check(EverySetting.on(example, profile.defaults()), "profile " + profile);
            check(EverySetting.on(example, EverySetting.platform(profile.defaults(), false)), "profile " + profile + ", all on");
            check(EverySetting.on(example, EverySetting.platform(profile.defaults(), true)),
                    "profile " + profile + ", all on, dual-stack");
        }
    }

    /** Spot checks on the example that name the contract's promises, so a failure reads as a sentence. */
    @Test
    void examplePromises() {
        WatasuConfig config = Examples.load(Examples.exampleFile());
        Map<String, Actor> actors = byDescription(config);
        PolicyEvaluator evaluator = evaluator(config, true);
        Actor grpc = actors.get("acme/grpc-app/grpc-tcp");
        assertTrue(evaluator.allowed(actors.get("acme/api-app/web").endpoint(), grpc.endpoint(), "TCP", 50051),
                "trusted app calls the private service");
        assertFalse(evaluator.allowed(actors.get("acme/report-app/worker").endpoint(), grpc.endpoint(), "TCP", 50051),
                "untrusted app of the same team is refused");
        assertFalse(evaluator.allowed(grpc.endpoint(), actors.get("acme/api-app/web").endpoint(), "TCP", 5000),
                "trust is one-way");
        assertFalse(evaluator.allowed(actors.get("globex/meet-app/web").endpoint(), grpc.endpoint(), "TCP", 50051),
                "other team is refused");
        assertFalse(evaluator.allowed(actors.get("intruder copying acme/api-app/web").endpoint(), grpc.endpoint(),
                "TCP", 50051), "copied labels in another namespace are refused");
        assertTrue(evaluator.allowed(actors.get("ingress controller").endpoint(),
                actors.get("acme/api-app/admin-web").endpoint(), "TCP", 8080), "ingress controller reaches web");
        assertTrue(evaluator.allowed(actors.get("external 8.8.8.8").endpoint(),
                actors.get("globex/meet-app/media-rtc").endpoint(), "UDP", 40000), "internet reaches rtc");
        assertFalse(evaluator.allowed(actors.get("acme/api-app/worker").endpoint(),
                actors.get("cluster 169.254.169.254").endpoint(), "TCP", 80), "metadata service is not internet");
        assertFalse(evaluator.allowed(actors.get("acme/api-app/worker").endpoint(),
                actors.get("globex/meet-app/media-rtc").endpoint(), "UDP", 40000), "pods never reach rtc");
    }

    /** The same spot checks on a cluster with every setting, each path of DNS and the controller named. */
    @Test
    void everySettingPromises() {
        WatasuConfig config = EverySetting.on(Examples.load(Examples.exampleFile()),
                EverySetting.platform(ClusterProfile.OPENSHIFT.defaults(), true));
        for (boolean strict : new boolean[]{true, false}) {
            Map<String, Actor> actors = byDescription(config);
            PolicyEvaluator evaluator = evaluator(config, strict);
            Endpoint worker = actors.get("acme/api-app/worker").endpoint();
            assertTrue(evaluator.allowed(worker, actors.get("dns").endpoint(), "UDP", 5353), "DNS pods on 5353");
            assertFalse(evaluator.allowed(worker, actors.get("dns").endpoint(), "UDP", 53), "not on the Service's 53");
            assertTrue(evaluator.allowed(worker, actors.get("dns address 169.254.20.10").endpoint(), "UDP", 53),
                    "node-local DNS");
            assertTrue(evaluator.allowed(worker, actors.get("ingress controller").endpoint(), "TCP", 443),
                    "hairpin to the host-network controller at a node address");
            assertTrue(evaluator.allowed(actors.get("ingress controller").endpoint(),
                    actors.get("acme/api-app/web").endpoint(), "TCP", 5000), "web traffic from the controller");
            assertTrue(evaluator.allowed(worker, actors.get("external 2606:4700::1111").endpoint(), "TCP", 443),
                    "the IPv6 internet");
            assertTrue(evaluator.allowed(actors.get("scraper in monitoring").endpoint(),
                    actors.get("acme/grpc-app/grpc-tcp").endpoint(), "TCP", 9090), "the scraper on the metrics port");
            assertFalse(evaluator.allowed(actors.get("scraper in monitoring").endpoint(),
                    actors.get("acme/grpc-app/grpc-tcp").endpoint(), "TCP", 50051), "and nothing else");
            assertFalse(evaluator.allowed(actors.get("intruder copying scraper in monitoring").endpoint(),
                    actors.get("acme/grpc-app/grpc-tcp").endpoint(), "TCP", 9090), "a copy of the scraper's labels");
            assertTrue(evaluator.allowed(actors.get("acme/grpc-app/web").endpoint(),
                    actors.get("api server 10.96.0.1").endpoint(), "TCP", 6443), "the API for an app that asks");
            assertFalse(evaluator.allowed(worker, actors.get("api server 10.96.0.1").endpoint(), "TCP", 6443),
                    "not for an app that does not");
            assertTrue(evaluator.allowed(worker, actors.get("link-local 169.254.169.254").endpoint(), "TCP", 80),
                    "a listed link-local address");
            assertFalse(evaluator.allowed(worker, actors.get("cluster fe80::1").endpoint(), "TCP", 80),
                    "link-local not listed");
            assertFalse(evaluator.allowed(worker, actors.get("globex/meet-app/cache-tcp").endpoint(), "TCP", 6379),
                    "cross-team stays denied");
        }
    }

    private static Map<String, Actor> byDescription(WatasuConfig config) {
        Map<String, Actor> actors = new LinkedHashMap<>();
        actors(config).forEach(a -> actors.put(a.description(), a));
        return actors;
    }

    /** @param ipBlockMatchesPods the strict reading: an ipBlock matches pod addresses too */
    private static PolicyEvaluator evaluator(WatasuConfig config, boolean ipBlockMatchesPods) {
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        config.teams().forEach(t -> namespaceLabels.put(t.name(), Map.of(Names.NAMESPACE_NAME_LABEL, t.name(),
                Names.TEAM_LABEL, t.name())));
        // The intruder namespace even claims a team label; only the control plane's name label is trusted.
        namespaceLabels.put(INTRUDER_NAMESPACE, Map.of(Names.NAMESPACE_NAME_LABEL, INTRUDER_NAMESPACE,
                Names.TEAM_LABEL, config.teams().get(0).name()));
        Platform platform = config.platform();
        List<String> platformNamespaces = new ArrayList<>(List.of(platform.ingress().pods().namespace(),
                platform.dns().pods().namespace()));
        platform.scrapers().forEach(s -> platformNamespaces.add(s.namespace()));
        platformNamespaces.forEach(ns -> namespaceLabels.put(ns, Map.of(Names.NAMESPACE_NAME_LABEL, ns)));
        return new PolicyEvaluator(Documents.of(RENDERER.render(config, Optional.empty())), namespaceLabels,
                ipBlockMatchesPods);
    }

    private static int check(WatasuConfig config, String label) {
        List<Actor> actors = actors(config);
        int checked = 0;
        for (boolean strict : new boolean[]{true, false}) {
            PolicyEvaluator evaluator = evaluator(config, strict);
            List<String> violations = new ArrayList<>();
            for (Actor source : actors) {
                for (Actor destination : actors) {
                    if (source == destination || !source.isTeamPod() && !destination.isTeamPod()) {
                        continue;
                    }
                    for (String protocol : List.of("TCP", "UDP")) {
                        for (int port : portsToTry(config.platform(), source, destination)) {
                            boolean expected = expected(config.platform(), source, destination, protocol, port);
                            boolean actual = evaluator.allowed(source.endpoint(), destination.endpoint(), protocol,
                                    port);
                            checked++;
                            if (expected != actual && violations.size() < 10) {
                                violations.add(source.description() + " -> " + destination.description() + " "
                                        + protocol + "/" + port + ": expected " + (expected ? "allowed" : "denied")
                                        + (strict ? "" : " (ipBlock matching no pod)"));
                            }
                        }
                    }
                }
            }
            assertEquals(List.of(), violations, label);
        }
        return checked;
    }

    /** The platform's ports, the process's own and metrics ports and their neighbours, and a stray one. */
    private static TreeSet<Integer> portsToTry(Platform platform, Actor source, Actor destination) {
        TreeSet<Integer> ports = new TreeSet<>(List.of(9, 53, 80, 443, platform.apiServer().port()));
        ports.addAll(platform.dns().ports());
        ports.addAll(platform.ingress().ports());
        platform.linkLocal().forEach(l -> ports.addAll(l.ports()));
        for (Process process : new Process[]{destination.process(), source.process()}) {
            if (process != null) {
                ports.add(process.port());
                ports.add(process.port() + 1);
                if (process.metricsPort() != null) {
                    ports.add(process.metricsPort());
                    ports.add(process.metricsPort() + 1);
                }
            }
        }
        return ports;
    }

    /** The contract, from the model alone. */
    private static boolean expected(Platform platform, Actor source, Actor destination, String protocol, int port) {
        return sourceMaySend(platform, source, destination, protocol, port)
                && destinationAccepts(platform, source, destination, protocol, port);
    }

    private static boolean sourceMaySend(Platform platform, Actor source, Actor to, String protocol, int port) {
        if (!source.isTeamPod()) {
            return true;
        }
        boolean tcp = protocol.equals("TCP");
        if (to.endpoint().isPod()) {
            return switch (to.role()) {
                case DNS -> platform.dns().ports().contains(port);
                case INGRESS_CONTROLLER -> tcp && platform.ingress().ports().contains(port);
                case PROCESS -> to.team().equals(source.team()) && to.process().kind() == ProcessKind.TCP && tcp
                        && port == to.process().port() && mayCall(source.app(), to.app());
                case SCRAPER, OTHER -> false;
            };
        }
        Endpoint address = to.endpoint();
        if (isInternet(platform, address)) {
            return true;
        }
        if (within(platform.dns().addresses(), address) && port == ClusterDns.DNS_PORT) {
            return true;
        }
        if (tcp && platform.linkLocal().stream().anyMatch(l -> within(List.of(l.cidr()), address)
                && l.ports().contains(port))) {
            return true;
        }
        if (tcp && source.app().kubernetesApi() && within(platform.apiServer().addresses(), address)
                && port == platform.apiServer().port()) {
            return true;
        }
        return tcp && platform.ingress().hostNetwork() && within(platform.nodeCidrs(), address)
                && platform.ingress().ports().contains(port);
    }

    private static boolean destinationAccepts(Platform platform, Actor from, Actor destination, String protocol,
                                              int port) {
        if (!destination.isTeamPod()) {
            return true;
        }
        Process process = destination.process();
        boolean tcp = protocol.equals("TCP");
        if (tcp && process.metricsPort() != null && port == process.metricsPort() && from.role() == Role.SCRAPER
                && from.endpoint().isPod()) {
            return true;
        }
        if (port != process.port()) {
            return false;
        }
        return switch (process.kind()) {
            // A host-network controller is any node: the rule names the node ranges.
            case WEB -> tcp && (from.endpoint().isPod() ? from.role() == Role.INGRESS_CONTROLLER
                    : platform.ingress().hostNetwork() && within(platform.nodeCidrs(), from.endpoint()));
            case TCP -> from.isTeamPod() && from.team().equals(destination.team()) && tcp
                    && mayCall(from.app(), destination.app());
            case RTC -> !from.endpoint().isPod() && isInternet(platform, from.endpoint()) && protocol.equals("UDP");
            case WORKER -> false;
        };
    }

    private static boolean mayCall(App caller, App server) {
        return caller.name().equals(server.name()) || server.trust().contains(caller.name());
    }

    /** Outside every cluster range and link-local; IPv6 only counts when the cluster declares IPv6 ranges. */
    private static boolean isInternet(Platform platform, Endpoint endpoint) {
        if (endpoint.ipv6() && !platform.dualStack()) {
            return false;
        }
        return !within(platform.clusterCidrs(), endpoint) && !within(List.of(IPV4_LINK_LOCAL.toString(),
                IPV6_LINK_LOCAL.toString()), endpoint);
    }

    private static boolean within(List<String> blocks, Endpoint endpoint) {
        for (Cidr block : PARSED.computeIfAbsent(blocks, b -> b.stream().map(Cidr::parseAddressOrBlock).toList())) {
            if (block.isIpv6() == endpoint.ipv6() && block.contains(endpoint.ip())) {
                return true;
            }
        }
        return false;
    }

    /** Parsed address lists: the contract asks about the same few lists millions of times. */
    private static final Map<List<String>, List<Cidr>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Actor> actors(WatasuConfig config) {
        Platform platform = config.platform();
        // Pods take the first addresses of the first IPv4 cluster range; nothing the platform opens lies there.
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
                    actors.add(new Actor(name, new Endpoint(team.name(), labels, podIp.get(), false), Role.PROCESS,
                            team.name(), app, process));
                    actors.add(new Actor("intruder copying " + name,
                            new Endpoint(INTRUDER_NAMESPACE, labels, podIp.get(), false), Role.OTHER, null, null, null));
                }
            }
        }
        PodSelector ingress = platform.ingress().pods();
        if (platform.ingress().hostNetwork()) {
            // A host-network controller sends from its node's address.
            Cidr node = Cidr.parse(platform.nodeCidrs().get(0));
            actors.add(new Actor("ingress controller", new Endpoint(null, Map.of(), node.first().add(BigInteger.TWO),
                    node.isIpv6()), Role.INGRESS_CONTROLLER, null, null, null));
        } else {
            actors.add(new Actor("ingress controller", new Endpoint(ingress.namespace(), ingress.podLabels(),
                    podIp.get(), false), Role.INGRESS_CONTROLLER, null, null, null));
        }
        actors.add(new Actor("other pod in the ingress namespace", new Endpoint(ingress.namespace(),
                Map.of("app", "debug"), podIp.get(), false), Role.OTHER, null, null, null));
        actors.add(new Actor("intruder copying the ingress controller", new Endpoint(INTRUDER_NAMESPACE,
                ingress.podLabels(), podIp.get(), false), Role.OTHER, null, null, null));
        PodSelector dns = platform.dns().pods();
        actors.add(new Actor("dns", new Endpoint(dns.namespace(), dns.podLabels(), podIp.get(), false), Role.DNS,
                null, null, null));
        actors.add(new Actor("intruder copying dns", new Endpoint(INTRUDER_NAMESPACE, dns.podLabels(), podIp.get(),
                false), Role.OTHER, null, null, null));
        for (PodSelector scraper : platform.scrapers()) {
            String name = "scraper in " + scraper.namespace();
            actors.add(new Actor(name, new Endpoint(scraper.namespace(), scraper.podLabels(), podIp.get(), false),
                    Role.SCRAPER, null, null, null));
            actors.add(new Actor("intruder copying " + name, new Endpoint(INTRUDER_NAMESPACE, scraper.podLabels(),
                    podIp.get(), false), Role.OTHER, null, null, null));
        }
        Map<String, String> named = new LinkedHashMap<>();
        platform.dns().addresses().forEach(a -> named.put(single(Cidr.parseAddressOrBlock(a).first(), a), "dns address"));
        platform.apiServer().addresses().forEach(a -> named.put(single(Cidr.parseAddressOrBlock(a).first(), a),
                "api server"));
        platform.linkLocal().forEach(l -> named.put(single(Cidr.parse(l.cidr()).first(), l.cidr()), "link-local"));
        platform.nodeCidrs().forEach(n -> named.put(single(Cidr.parse(n).first().add(BigInteger.TEN), n), "node"));
        Set<String> addresses = new TreeSet<>(List.of("8.8.8.8/32", "1.1.1.1/32", "2606:4700::1111/128",
                "169.254.169.254/32", "169.254.1.1/32", "fd00::1/128", "fe80::1/128"));
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
        addresses.removeAll(named.keySet());
        for (String address : addresses) {
            actors.add(addressActor((isInternet(platform, endpointAt(address)) ? "external " : "cluster ")
                    + address.substring(0, address.indexOf('/')), address));
        }
        named.forEach((address, what) -> actors.add(addressActor(what + " " + address.substring(0,
                address.indexOf('/')), address)));
        return actors;
    }

    private static Actor addressActor(String description, String address) {
        return new Actor(description, endpointAt(address), Role.OTHER, null, null, null);
    }

    private static Endpoint endpointAt(String address) {
        Cidr cidr = Cidr.parse(address);
        return new Endpoint(null, Map.of(), cidr.first(), cidr.isIpv6());
    }

    /** The single-address block of the address {@code value} in the family of {@code inFamilyOf}. */
    private static String single(BigInteger value, String inFamilyOf) {
        return address(value, inFamilyOf.contains(":"));
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
