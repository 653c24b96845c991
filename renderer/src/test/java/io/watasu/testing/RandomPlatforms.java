package io.watasu.testing;

import io.watasu.model.ApiServer;
import io.watasu.model.App;
import io.watasu.model.ClusterDns;
import io.watasu.model.ClusterProfile;
import io.watasu.model.IngressController;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random models: a few teams, apps with every process kind, random same-team trust, varied platforms (every
 * profile, and each cluster setting on or off: node ranges with a host-network ingress controller, DNS ports and
 * addresses, controller ports, link-local entries, scrapers with metrics ports, the API server for some apps).
 * <p>
 * Tests place pods at the first addresses of the first IPv4 cluster range; the node, DNS, API server and link-local
 * addresses chosen here never lie there, as on a real cluster.
 */
public final class RandomPlatforms {
    private static final String[] KINDS = {"web", "api-web", "grpc-tcp", "db-tcp", "media-rtc", "worker", "cron"};

    /** Cluster ranges, each with node ranges inside them (away from the pods' first addresses). */
    private record Ranges(List<String> cluster, List<String> nodes) {
    }

    private static final List<Ranges> CLUSTER_RANGES = List.of(
            new Ranges(Platform.DEFAULT_CLUSTER_CIDRS, List.of("10.128.0.0/16")),
            new Ranges(List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16"), List.of("100.64.0.0/16")),
            new Ranges(List.of("10.0.0.0/8", "172.16.0.0/12", "169.254.0.0/16", "fd00::/8", "fe80::/10"),
                    List.of("172.18.0.0/16", "fd00:18::/64")),
            new Ranges(List.of("10.96.0.0/12", "10.244.0.0/16", "192.168.0.0/16", "169.254.0.0/16", "fd00:10:96::/112",
                    "fd00:10:244::/56", "fe80::/10"), List.of("192.168.0.0/24")),
            // docs/config.md's example: link-local left out (it is never the internet anyway), IPv6 listed.
            new Ranges(List.of("10.0.0.0/8", "100.64.0.0/10", "fd00::/8"), List.of("10.128.0.0/16")));

    private RandomPlatforms() {
    }

    public static WatasuConfig generate(long seed) {
        Random random = new Random(seed);
        Platform platform = platform(random);
        boolean scraped = !platform.scrapers().isEmpty();
        boolean api = !platform.apiServer().addresses().isEmpty();
        List<Team> teams = new ArrayList<>();
        int teamCount = 1 + random.nextInt(3);
        for (int t = 0; t < teamCount; t++) {
            String team = "team" + t;
            int appCount = 1 + random.nextInt(4);
            List<String> appNames = new ArrayList<>();
            for (int a = 0; a < appCount; a++) {
                appNames.add("t" + t + "-app" + a);
            }
            List<App> apps = new ArrayList<>();
            for (String appName : appNames) {
                List<Process> processes = new ArrayList<>();
                List<String> kinds = new ArrayList<>(List.of(KINDS));
                Collections.shuffle(kinds, random);
                for (String kind : kinds.subList(0, 1 + random.nextInt(4))) {
                    int port = kind.endsWith("-rtc") ? 30000 + random.nextInt(1000) : 1024 + random.nextInt(60000);
                    Integer metricsPort = scraped && random.nextInt(3) == 0 ? 9000 + random.nextInt(1000) : null;
                    processes.add(new Process(kind, "run " + kind, port, metricsPort));
                }
                List<String> trust = new ArrayList<>();
                for (String other : appNames) {
                    if (!other.equals(appName) && random.nextInt(3) == 0) {
                        trust.add(other);
                    }
                }
                apps.add(new App(team, appName, processes, trust, api && random.nextInt(3) == 0));
            }
            teams.add(new Team(team, apps));
        }
        return new WatasuConfig(1, platform, teams);
    }

    private static Platform platform(Random random) {
        int choice = random.nextInt(4);
        if (choice == 0) {
            return Platform.defaults();
        }
        if (choice == 1) {
            List<ClusterProfile> profiles = ClusterProfile.named();
            return profiles.get(random.nextInt(profiles.size())).defaults();
        }
        Ranges ranges = CLUSTER_RANGES.get(random.nextInt(CLUSTER_RANGES.size()));
        Platform platform = Platform.defaults().withDomain("apps.example.org")
                .withClusterCidrs(ranges.cluster())
                .withIngress(new IngressController(new PodSelector("ingress-system",
                        Map.of("app", "ingress", "component", "controller")), "public",
                        random.nextBoolean() ? IngressController.DEFAULT_PORTS : List.of(8000, 8443), false))
                .withDns(new ClusterDns(new PodSelector("dns-system", Map.of("k8s-app", "coredns")),
                        random.nextBoolean() ? List.of(53) : List.of(5353), List.of()));
        if (choice == 2) {
            return platform;
        }
        // Every setting at random.
        String node = ranges.nodes().get(0);
        String nodeAddress = node.substring(0, node.lastIndexOf('.')) + ".2";
        if (random.nextBoolean()) {
            platform = platform.withNodeCidrs(ranges.nodes()).withIngress(new IngressController(
                    platform.ingress().pods(), platform.ingress().className(), platform.ingress().ports(),
                    random.nextBoolean()));
        }
        if (random.nextBoolean()) {
            List<String> addresses = new ArrayList<>(List.of("169.254.20.10"));
            if (platform.dualStack()) {
                addresses.add("fd00:ec2::53");
            }
            platform = platform.withDns(new ClusterDns(platform.dns().pods(), platform.dns().ports(), addresses));
        }
        if (random.nextBoolean()) {
            platform = platform.withLinkLocal(List.of(new LinkLocalAccess("169.254.169.254/32", List.of(80)),
                    new LinkLocalAccess("169.254.170.23/32", List.of(80, 2703))));
        }
        if (random.nextBoolean()) {
            platform = platform.withScrapers(List.of(new PodSelector("observability",
                    Map.of("app.kubernetes.io/name", "prometheus"))));
        }
        if (random.nextBoolean()) {
            platform = platform.withApiServer(new ApiServer(List.of(nodeAddress), random.nextBoolean() ? 443 : 6443));
        }
        return platform;
    }
}
