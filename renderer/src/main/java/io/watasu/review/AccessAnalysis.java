package io.watasu.review;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.verify.Connection;
import io.watasu.verify.ConnectionSet;
import io.watasu.verify.ConnectivityAnalyzer;
import io.watasu.verify.Endpoint;
import io.watasu.verify.IpRange;
import io.watasu.verify.ManifestException;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;
import io.watasu.verify.PortSet;
import io.watasu.verify.Protocol;
import io.watasu.verify.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The connections into app processes that the RENDERED NetworkPolicies allow, evaluated by the independent verifier.
 * Rendered output holds no pods, so the pods the contract promises are placed next to it: one per process with the
 * three Watasu labels, and one ingress controller pod with the platform's labels in its namespace.
 */
public final class AccessAnalysis {
    private AccessAnalysis() {
    }

    /** The connections into every process, with every team's policies and pods evaluated together. */
    public static SortedSet<AccessEdge> allowedConnections(WatasuConfig config, RenderedTree rendered) {
        ManifestSet manifests = withContractPods(config, parse(rendered));
        // The analysis is IPv4 (as the verifier's); IPv6 cluster ranges have no IPv4 address to cut at.
        List<IpRange> clusterRanges = config.platform().clusterCidrs().stream().filter(c -> !c.contains(":"))
                .map(IpRange::parseCidr).toList();
        Map<Workload, Peer> peers = peers(config, manifests);
        Map<List<String>, ConnectionSet> merged = new LinkedHashMap<>();
        Map<List<String>, Peer.OfProcess> destinations = new HashMap<>();
        for (Connection c : ConnectivityAnalyzer.analyze(manifests, clusterRanges, true).connections()) {
            if (!(c.destination() instanceof Endpoint.OfWorkload to) || !(peers.get(to.workload()) instanceof Peer.OfProcess target)) {
                continue;
            }
            String source = sourceName(c.source(), peers, target, clusterRanges);
            if (source == null) {
                continue;
            }
            List<String> key = List.of(source, target.app().name(), target.process().name());
            merged.merge(key, c.connections(), ConnectionSet::union);
            destinations.put(key, target);
        }
        SortedSet<AccessEdge> edges = new TreeSet<>();
        merged.forEach((key, connections) -> {
            Peer.OfProcess target = destinations.get(key);
            if (connections.isAll()) {
                edges.add(new AccessEdge(target.app().team(), key.get(0), key.get(1), key.get(2), AccessEdge.ANY_PORT));
                return;
            }
            for (Protocol protocol : Protocol.values()) {
                PortSet ports = connections.ports(protocol);
                if (!ports.isEmpty()) {
                    edges.add(new AccessEdge(target.app().team(), key.get(0), key.get(1), key.get(2),
                            ports.format() + "/" + protocol.name()));
                }
            }
        });
        return edges;
    }

    private static ManifestSet parse(RenderedTree rendered) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile f : rendered.files()) {
            files.put(f.relativePath(), f.content());
        }
        try {
            return ManifestReader.parse(files);
        } catch (ManifestException e) {
            // The renderer checks every document it writes, so this is a defect, not a user error.
            throw new IllegalStateException("rendered manifests do not parse: " + e.getMessage(), e);
        }
    }

    /** Who a placed pod stands for. */
    private sealed interface Peer {
        record OfProcess(App app, Process process) implements Peer {
        }

        record IngressController() implements Peer {
        }
    }

    private static ManifestSet withContractPods(WatasuConfig config, ManifestSet rendered) {
        List<Workload> workloads = new ArrayList<>(rendered.workloads());
        for (Team team : config.teams()) {
            for (App app : team.apps()) {
                for (Process process : app.processes()) {
                    workloads.add(processPod(team, app, process));
                }
            }
        }
        workloads.add(ingressControllerPod(config.platform()));
        return new ManifestSet(rendered.namespaces(), workloads, rendered.services(), rendered.ingresses(), rendered.policies());
    }

    private static Workload processPod(Team team, App app, Process process) {
        Protocol protocol = process.kind() == ProcessKind.RTC ? Protocol.UDP : Protocol.TCP;
        return new Workload(team.name(), app.name() + "." + process.name(), "Pod",
                Map.of(Names.TEAM_LABEL, team.name(), Names.APP_LABEL, app.name(), Names.PROCESS_LABEL, process.name()),
                List.of(new Workload.ContainerPort(null, process.port(), protocol)));
    }

    private static Workload ingressControllerPod(Platform platform) {
        return new Workload(platform.ingress().pods().namespace(), "ingress-controller", "Pod",
                platform.ingress().pods().podLabels(), platform.ingress().ports().stream()
                .map(port -> new Workload.ContainerPort(null, port, Protocol.TCP)).toList());
    }

    private static Map<Workload, Peer> peers(WatasuConfig config, ManifestSet manifests) {
        Map<String, App> apps = new HashMap<>();
        config.apps().forEach(a -> apps.put(a.name(), a));
        Map<Workload, Peer> peers = new HashMap<>();
        for (Workload w : manifests.workloads()) {
            App app = apps.get(w.labels().get(Names.APP_LABEL));
            if (w.kind().equals("Pod") && app != null && app.team().equals(w.namespace())) {
                app.process(w.labels().get(Names.PROCESS_LABEL)).ifPresent(p -> peers.put(w, new Peer.OfProcess(app, p)));
            } else if (w.namespace().equals(config.platform().ingress().pods().namespace())
                    && w.labels().equals(config.platform().ingress().pods().podLabels())) {
                peers.put(w, new Peer.IngressController());
            }
        }
        return peers;
    }

    /**
     * The source as a reviewer reads it; null for the verifier's virtual ingress controller, which stands for no real
     * namespace (the placed ingress controller pod is evaluated instead).
     */
    private static String sourceName(Endpoint source, Map<Workload, Peer> peers, Peer.OfProcess target,
                                     List<IpRange> clusterRanges) {
        if (source instanceof Endpoint.External external) {
            IpRange range = external.range();
            return clusterRanges.stream().anyMatch(r -> r.overlaps(range))
                    ? "{cluster range " + range.format() + "}" : AccessEdge.INTERNET;
        }
        if (source instanceof Endpoint.OfWorkload w) {
            Peer peer = peers.get(w.workload());
            if (peer instanceof Peer.OfProcess from) {
                return from.app().team().equals(target.app().team())
                        ? from.app().name() : from.app().team() + "/" + from.app().name();
            }
            if (peer instanceof Peer.IngressController) {
                return AccessEdge.INGRESS_CONTROLLER;
            }
            return "{" + w.workload().displayName() + "}";
        }
        return null;
    }
}
