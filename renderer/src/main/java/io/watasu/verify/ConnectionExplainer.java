package io.watasu.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code verify --explain}: for every pair of endpoints (limited by a {@link Focus}), what is allowed and which policy
 * rules (with file:line) allowed or denied each part, on the source's egress and on the destination's ingress. Pairs
 * that no policy decides on either side are listed together at the end. Pure: analysis in, text out.
 */
public final class ConnectionExplainer {
    private final ConnectivityAnalyzer.Analysis analysis;
    private final ManifestSet manifests;
    private final Focus focus;
    private final Map<Workload, PolicyEngine.PodClass> classOf = new HashMap<>();

    private ConnectionExplainer(ConnectivityAnalyzer.Analysis analysis, ManifestSet manifests, Focus focus) {
        this.analysis = analysis;
        this.manifests = manifests;
        this.focus = focus;
        for (PolicyEngine.PodClass c : analysis.engine().classes()) {
            c.members().forEach(w -> classOf.put(w, c));
        }
    }

    public static String explain(ConnectivityAnalyzer.Analysis analysis, ManifestSet manifests, Focus focus) {
        return new ConnectionExplainer(analysis, manifests, focus).text();
    }

    private String text() {
        PolicyEngine engine = analysis.engine();
        Map<String, String> decided = new TreeMap<>();
        List<String> byDefault = new ArrayList<>();
        List<Workload> workloads = analysis.workloads();
        for (Workload s : workloads) {
            Endpoint from = new Endpoint.OfWorkload(s);
            PolicyEngine.PodClass source = classOf.get(s);
            for (Workload d : workloads) {
                Endpoint to = new Endpoint.OfWorkload(d);
                if (s != d && (focus.matches(from) || focus.matches(to))) {
                    PolicyEngine.PodClass destination = classOf.get(d);
                    add(from, to, engine.explain(source, false, destination), engine.explain(destination, true, source),
                            null, decided, byDefault);
                }
            }
            if (!focus.matches(from)) {
                continue;
            }
            for (IpRange range : analysis.externalSources()) {
                add(new Endpoint.External(range), from, null, engine.explain(source, true, range), null, decided,
                        byDefault);
            }
            for (IpRange range : analysis.externalDestinations()) {
                add(from, new Endpoint.External(range), engine.explain(source, false, range), null, null, decided,
                        byDefault);
            }
        }
        Pod controller = engine.ingressControllerStandIn();
        PolicyEngine.PodClass controllerClass = engine.classify(controller);
        for (ConnectivityAnalyzer.IngressRoute route : ConnectivityAnalyzer.ingressRoutes(manifests)) {
            Endpoint from = new Endpoint.IngressController();
            Endpoint to = new Endpoint.OfWorkload(route.workload());
            if (focus.matches(from) || focus.matches(to)) {
                PolicyEngine.PodClass target = classOf.get(route.workload());
                add(from, to, engine.explain(controllerClass, false, target.pod()),
                        engine.explain(target, true, controller), route, decided, byDefault);
            }
        }
        StringBuilder out = new StringBuilder();
        decided.values().forEach(out::append);
        if (!byDefault.isEmpty()) {
            out.append("Allowed by default (no policy decides about either end; All Connections):\n");
            byDefault.stream().sorted().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.toString();
    }

    /** One pair; {@code egress} is null for an external source, {@code ingress} for an external destination. */
    private static void add(Endpoint from, Endpoint to, Decision egress, Decision ingress,
                            ConnectivityAnalyzer.IngressRoute route, Map<String, String> decided,
                            List<String> byDefault) {
        String pair = from.displayName() + " => " + to.displayName();
        if (route == null && onlyDefaults(egress) && onlyDefaults(ingress)) {
            byDefault.add(pair);
            return;
        }
        ConnectionSet allowed = route == null ? ConnectionSet.ALL : route.ports();
        if (egress != null) {
            allowed = allowed.intersect(egress.allowed());
        }
        if (ingress != null) {
            allowed = allowed.intersect(ingress.allowed());
        }
        StringBuilder block = new StringBuilder(pair).append(": ")
                .append(allowed.isEmpty() ? "denied" : "allowed " + allowed.format()).append('\n');
        if (route != null) {
            block.append("  routed by ");
            List<String> objects = new ArrayList<>();
            for (Ingress i : route.via()) {
                objects.add(i.kind() + " " + i.namespace() + "/" + i.name() + " (" + i.at() + ")");
            }
            block.append(String.join(", ", objects)).append(" to ")
                    .append(route.ports().isEmpty() ? "no declared TCP container port" : route.ports().format())
                    .append('\n');
        }
        if (egress != null) {
            appendDecision(block, "egress of " + from.displayName(), egress);
        }
        if (ingress != null) {
            appendDecision(block, "ingress of " + to.displayName(), ingress);
        }
        decided.put(pair, block.append('\n').toString());
    }

    private static void appendDecision(StringBuilder block, String title, Decision decision) {
        block.append("  ").append(title).append(":\n");
        for (String line : decision.describe()) {
            block.append("    ").append(line).append('\n');
        }
    }

    private static boolean onlyDefaults(Decision decision) {
        return decision == null
                || decision.reasons().stream().allMatch(r -> r.effect() == Decision.Effect.DEFAULT_ALLOW);
    }
}
