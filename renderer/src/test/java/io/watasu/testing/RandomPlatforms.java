package io.watasu.testing;

import io.watasu.model.App;
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

/** Seeded random models: a few teams, apps with every process kind, random same-team trust, varied platforms. */
public final class RandomPlatforms {
    private static final String[] KINDS = {"web", "api-web", "grpc-tcp", "db-tcp", "media-rtc", "worker", "cron"};
    private static final List<List<String>> CLUSTER_RANGES = List.of(
            Platform.DEFAULT_CLUSTER_CIDRS,
            List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16"),
            List.of("10.0.0.0/8", "172.16.0.0/12", "169.254.0.0/16", "fd00::/8", "fe80::/10"),
            List.of("10.96.0.0/12", "10.244.0.0/16", "192.168.0.0/16", "169.254.0.0/16", "fd00:10:96::/112",
                    "fd00:10:244::/56", "fe80::/10"));

    private RandomPlatforms() {
    }

    public static WatasuConfig generate(long seed) {
        Random random = new Random(seed);
        Platform platform = random.nextBoolean() ? Platform.defaults() : new Platform("apps.example.org",
                CLUSTER_RANGES.get(random.nextInt(CLUSTER_RANGES.size())),
                new PodSelector("ingress-system", Map.of("app", "ingress", "component", "controller")), "public",
                new PodSelector("dns-system", Map.of("k8s-app", "coredns")));
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
                    processes.add(new Process(kind, "run " + kind, port));
                }
                List<String> trust = new ArrayList<>();
                for (String other : appNames) {
                    if (!other.equals(appName) && random.nextInt(3) == 0) {
                        trust.add(other);
                    }
                }
                apps.add(new App(team, appName, processes, trust));
            }
            teams.add(new Team(team, apps));
        }
        return new WatasuConfig(1, platform, teams);
    }
}
