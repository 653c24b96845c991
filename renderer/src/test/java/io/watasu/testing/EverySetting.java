package io.watasu.testing;

import io.watasu.model.ApiServer;
import io.watasu.model.App;
import io.watasu.model.ClusterDns;
import io.watasu.model.IngressController;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A platform with every cluster setting on: the controller in the host network at the node ranges, node-local DNS,
 * link-local entries, a scraper, the API server; and a model whose apps use them (metrics ports on every *-tcp
 * process, where the scrapers' rule joins the process's ingress policy, and on every worker, which gets a policy of
 * its own; the API for grpc-app).
 */
public final class EverySetting {
    private EverySetting() {
    }

    /** {@code base} (a profile's platform) with every setting on, and with IPv6 ranges when {@code dualStack}. */
    public static Platform platform(Platform base, boolean dualStack) {
        List<String> cluster = new ArrayList<>(base.clusterCidrs());
        if (dualStack) {
            cluster.add("fd00::/8");
        }
        return base.withClusterCidrs(cluster)
                .withNodeCidrs(dualStack ? List.of("10.128.0.0/16", "fd00:128::/64") : List.of("10.128.0.0/16"))
                .withIngress(new IngressController(base.ingress().pods(), base.ingress().className(),
                        base.ingress().ports(), true))
                .withDns(new ClusterDns(base.dns().pods(), base.dns().ports(),
                        dualStack ? List.of("169.254.20.10", "fd00:20::10") : List.of("169.254.20.10")))
                .withLinkLocal(List.of(new LinkLocalAccess("169.254.169.254/32", List.of(80)),
                        new LinkLocalAccess("169.254.170.23/32", List.of(80, 2703))))
                .withScrapers(List.of(new PodSelector("monitoring", Map.of("app.kubernetes.io/name", "prometheus"))))
                .withApiServer(new ApiServer(List.of("10.96.0.1", "10.128.0.2"), 6443));
    }

    /** {@code config}'s teams on {@code platform}, with metrics ports and the API where the platform offers them. */
    public static WatasuConfig on(WatasuConfig config, Platform platform) {
        boolean scraped = !platform.scrapers().isEmpty();
        boolean api = !platform.apiServer().addresses().isEmpty();
        return new WatasuConfig(config.version(), platform, config.teams().stream()
                .map(t -> new Team(t.name(), t.apps().stream().map(a -> new App(a.team(), a.name(),
                        a.processes().stream().map(p -> new Process(p.name(), p.command(), p.port(),
                                scraped && scrapedKind(p.kind()) ? 9090 : null)).toList(),
                        a.trust(), api && a.name().equals("grpc-app"))).toList()))
                .toList());
    }

    private static boolean scrapedKind(ProcessKind kind) {
        return kind == ProcessKind.TCP || kind == ProcessKind.WORKER;
    }
}
