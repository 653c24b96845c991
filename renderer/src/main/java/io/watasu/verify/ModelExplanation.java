package io.watasu.verify;

import io.watasu.config.SourceMap;
import io.watasu.config.SourcePosition;
import io.watasu.config.Subjects;
import io.watasu.config.Suggestions;
import io.watasu.model.App;
import io.watasu.model.ClusterDns;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code watasu explain FROM TO[:PROCESS]}: why the pods of app FROM can or cannot reach a process of app TO, in the
 * model's terms. For every process asked about it gives the verdict of the rendered objects (evaluated by the
 * verifier's engine, with the rules that decided, file:line), the watasu.yaml line whose meaning decides it, and the
 * {@code watasu apps:trust} command that would change it, or why no command can. When the rendered objects and
 * watasu.yaml disagree, the answer says so. Pure: model, positions and manifests in, answers out.
 */
public final class ModelExplanation {
    private final WatasuConfig config;
    private final SourceMap sources;
    private final String fileOption;

    /**
     * @param configFile the watasu.yaml path as the user gave it, or null for the default ./watasu.yaml (then the
     *                   suggested commands need no {@code --file})
     */
    public ModelExplanation(WatasuConfig config, SourceMap sources, String configFile) {
        this.config = config;
        this.sources = sources;
        this.fileOption = configFile == null ? "" : " --file " + configFile;
    }

    /**
     * The answer about one process of TO.
     *
     * @param asked     the process's own port: what the question is about
     * @param allowed   what the rendered objects let through from every process of FROM
     * @param allowedSome what they let through from some process of FROM (equal to {@code allowed} unless the rendered
     *                  objects treat FROM's processes differently)
     * @param promised  what watasu.yaml promises between the two
     */
    public record Answer(String from, String to, Process process, ConnectionSet asked, ConnectionSet allowed,
                         ConnectionSet allowedSome, ConnectionSet promised, SourcePosition decidedAt,
                         String decidedBy, List<String> rendered, String command, String noCommand) {
        public Answer {
            rendered = List.copyOf(rendered);
        }

        /** True when the rendered objects allow exactly what watasu.yaml promises between the two. */
        public boolean consistent() {
            return allowedSome.minus(promised).isEmpty() && promised.minus(allowed).isEmpty();
        }

        public String format() {
            StringBuilder out = new StringBuilder();
            ConnectionSet granted = allowed.intersect(asked);
            out.append(from).append(" -> ").append(to).append(':').append(process.name()).append(" (")
                    .append(asked.format()).append("): ").append(granted.isEmpty() ? "denied" : "allowed")
                    .append('\n');
            out.append("  ").append(decidedAt).append(": ").append(decidedBy).append('\n');
            if (!consistent()) {
                ConnectionSet extra = allowedSome.minus(promised);
                ConnectionSet missing = promised.minus(allowed);
                out.append("  MISMATCH: the rendered objects ")
                        .append(extra.isEmpty() ? "" : "allow " + extra.format() + " that watasu.yaml does not promise")
                        .append(!extra.isEmpty() && !missing.isEmpty() ? ", and " : "")
                        .append(missing.isEmpty() ? "" : "deny " + missing.format() + " that watasu.yaml promises")
                        .append(" (render again with 'watasu render', or look for hand edits)\n");
            }
            out.append("  rendered objects:\n");
            rendered.forEach(line -> out.append("    ").append(line).append('\n'));
            out.append("  to change it: ").append(command != null ? command : "no command can: " + noCommand)
                    .append('\n');
            return out.toString();
        }
    }

    /** An app or process that is not in watasu.yaml. */
    public static final class UnknownName extends Exception {
        public UnknownName(String message) {
            super(message);
        }
    }

    /**
     * Answers for every process of {@code to} (or the one named), judged from every process of {@code from}.
     *
     * @param rendered the rendered objects of the teams of both apps (and any cluster-wide policies)
     */
    public List<Answer> explain(ManifestSet rendered, String from, String to, String processName) throws UnknownName {
        App caller = app(from);
        App callee = app(to);
        List<Process> processes = callee.processes();
        if (processName != null) {
            processes = List.of(callee.process(processName).orElseThrow(() -> new UnknownName("app " + to
                    + " has no process " + processName + " (its processes: "
                    + String.join(", ", callee.processes().stream().map(Process::name).toList()) + ")")));
        }
        if (processes.isEmpty()) {
            throw new UnknownName("app " + to + " has no processes: nothing of it runs, so nothing can reach it");
        }
        if (caller.processes().isEmpty()) {
            throw new UnknownName("app " + from + " has no processes: nothing of it runs, so it reaches nothing");
        }
        Map<Workload, Process> callerPods = new LinkedHashMap<>();
        Map<Process, Workload> calleePods = new LinkedHashMap<>();
        List<Workload> workloads = new ArrayList<>();
        for (Process p : caller.processes()) {
            Workload pod = pod(caller, p);
            callerPods.put(pod, p);
            workloads.add(pod);
        }
        for (Process p : processes) {
            Workload pod = pod(callee, p);
            calleePods.put(p, pod);
            workloads.add(pod);
        }
        PolicyEngine engine = new PolicyEngine(rendered.withWorkloads(workloads, rendered.policies()));
        Map<Workload, PolicyEngine.PodClass> classOf = new LinkedHashMap<>();
        for (PolicyEngine.PodClass c : engine.classes()) {
            c.members().forEach(w -> classOf.put(w, c));
        }
        List<Answer> answers = new ArrayList<>();
        for (Process target : processes) {
            Workload targetPod = calleePods.get(target);
            ConnectionSet asked = target.kind() == ProcessKind.RTC ? ConnectionSet.of(Protocol.UDP, target.port())
                    : ConnectionSet.of(Protocol.TCP, target.port());
            List<String> lines = new ArrayList<>();
            ConnectionSet fromAll = ConnectionSet.ALL;
            ConnectionSet fromSome = ConnectionSet.NONE;
            PolicyEngine.PodClass destination = classOf.get(targetPod);
            for (Map.Entry<Workload, Process> source : callerPods.entrySet()) {
                PolicyEngine.PodClass origin = classOf.get(source.getKey());
                Decision egress = engine.explain(origin, false, destination);
                Decision ingress = engine.explain(destination, true, origin);
                ConnectionSet allowed = egress.allowed().intersect(ingress.allowed());
                fromAll = fromAll.intersect(allowed);
                fromSome = fromSome.union(allowed);
                if (lines.isEmpty()) { // FROM's processes differ only in their process label: describe one
                    describe(lines, "egress of the pods of " + caller.name(), egress, asked);
                    describe(lines, "ingress of " + callee.name() + ":" + target.name(), ingress, asked);
                }
            }
            if (target.kind() == ProcessKind.WEB) {
                lines.addAll(throughIngressController(engine, classOf.get(callerPods.keySet().iterator().next()),
                        destination, target));
            }
            answers.add(answer(caller, callee, target, asked, fromAll, fromSome, lines));
        }
        return answers;
    }

    /**
     * The public path to a web process: the caller resolves its hostname (DNS pods on their ports, DNS addresses on
     * 53), then calls the ingress controller on its own ports, which forwards to the process's port. A host-network
     * controller is met at a node address, not as a pod.
     */
    private List<String> throughIngressController(PolicyEngine engine, PolicyEngine.PodClass caller,
                                                  PolicyEngine.PodClass web, Process target) {
        Platform platform = config.platform();
        ConnectionSet https = ConnectionSet.NONE;
        for (int port : platform.ingress().ports()) {
            https = https.union(ConnectionSet.of(Protocol.TCP, port));
        }
        ConnectionSet webPort = ConnectionSet.of(Protocol.TCP, target.port());
        ConnectionSet out;
        ConnectionSet in;
        String controllerName;
        if (platform.ingress().hostNetwork() && !platform.nodeCidrs().isEmpty()) {
            IpRange node = firstAddress(platform.nodeCidrs().get(0));
            out = engine.egressToExternal(caller, node).intersect(https);
            in = engine.ingressFromExternal(web, node).intersect(webPort);
            controllerName = "the host-network ingress controller (node address " + node.first() + ")";
        } else {
            Pod controller = standIn(platform.ingress().pods());
            PolicyEngine.PodClass controllerClass = engine.classify(controller);
            out = engine.egress(caller, controller).intersect(engine.ingress(controllerClass, caller.pod()))
                    .intersect(https);
            in = engine.egress(controllerClass, web.pod()).intersect(engine.ingress(web, controller))
                    .intersect(webPort);
            controllerName = "the ingress controller (" + platform.ingress().pods().namespace() + ")";
        }
        List<String> lines = new ArrayList<>();
        lines.add("resolving its hostname: " + dns(engine, caller));
        lines.add("through " + controllerName + ": "
                + (out.isEmpty() ? "the caller cannot reach it" : "the caller reaches it on " + out.format()) + ", and "
                + (in.isEmpty() ? "it cannot reach " + target.name() : "it reaches " + target.name() + " on "
                + in.format()));
        return lines;
    }

    /** Where the caller's name lookups go: the DNS pods on their ports, and the DNS addresses on port 53. */
    private String dns(PolicyEngine engine, PolicyEngine.PodClass caller) {
        ClusterDns dns = config.platform().dns();
        Pod server = standIn(dns.pods());
        PolicyEngine.PodClass serverClass = engine.classify(server);
        ConnectionSet ports = ConnectionSet.NONE;
        for (int port : dns.ports()) {
            ports = ports.union(ConnectionSet.of(Protocol.UDP, port)).union(ConnectionSet.of(Protocol.TCP, port));
        }
        ConnectionSet toPods = engine.egress(caller, server).intersect(engine.ingress(serverClass, caller.pod()))
                .intersect(ports);
        List<String> parts = new ArrayList<>();
        parts.add("the DNS pods (" + dns.pods().namespace() + ") "
                + (toPods.isEmpty() ? "unreachable" : "on " + toPods.format()));
        ConnectionSet port53 = ConnectionSet.of(Protocol.UDP, ClusterDns.DNS_PORT)
                .union(ConnectionSet.of(Protocol.TCP, ClusterDns.DNS_PORT));
        for (String address : dns.addresses()) {
            ConnectionSet there = engine.egressToExternal(caller, firstAddress(address)).intersect(port53);
            parts.add(address + " " + (there.isEmpty() ? "unreachable" : "on " + there.format()));
        }
        return String.join(", ", parts);
    }

    private static Pod standIn(PodSelector pods) {
        return new Pod(pods.namespace(), new KubeNamespace(pods.namespace(), Map.of()).labels(), pods.podLabels(),
                List.of());
    }

    /** The first address of an address or CIDR, as a one-address range (inside any block that holds it). */
    private static IpRange firstAddress(String addressOrCidr) {
        IpRange range = addressOrCidr.indexOf('/') >= 0 ? IpRange.parseCidr(addressOrCidr)
                : IpRange.single(addressOrCidr);
        return new IpRange(range.first(), range.first());
    }

    private static void describe(List<String> lines, String title, Decision decision, ConnectionSet asked) {
        lines.add(title + ":");
        Decision narrowed = new Decision(decision.ingress(), decision.allowed().intersect(asked), decision.reasons()
                .stream().filter(r -> !r.connections().intersect(asked).isEmpty())
                .map(r -> new Decision.Reason(r.effect(), r.connections().intersect(asked), r.kind(), r.name(),
                        r.rule(), r.at())).toList());
        narrowed.describe().forEach(line -> lines.add("  " + line));
    }

    /** The model's word on one process: what it promises, the line that says so, and what would change it. */
    private Answer answer(App caller, App callee, Process target, ConnectionSet asked, ConnectionSet allowed,
                          ConnectionSet allowedSome, List<String> rendered) {
        String to = callee.name() + ":" + target.name();
        SourcePosition processAt = sources.at(Subjects.process(callee.team(), callee.name(), target.name()));
        if (!caller.team().equals(callee.team())) {
            return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome, ConnectionSet.NONE,
                    sources.at(Subjects.app(caller.team(), caller.name())), caller.name() + " is in team "
                    + caller.team() + ", " + callee.name() + " in team " + callee.team() + " ("
                    + sources.at(Subjects.app(callee.team(), callee.name())) + "): apps of different teams can never"
                    + " reach each other", rendered, null, "trust names apps of the same team only; only moving one"
                    + " of the apps into the other's team would");
        }
        switch (target.kind()) {
            case WEB -> {
                return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome,
                        ConnectionSet.NONE, processAt,
                        to + " is public: pods reach it only through the ingress controller, at https://"
                                + Names.publicHostname(callee.name(), target.name(), config.platform().domain()),
                        rendered, null, "web processes are reached through their public hostname, never directly");
            }
            case RTC -> {
                return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome,
                        ConnectionSet.NONE, processAt,
                        to + " accepts UDP " + target.port() + " from outside the cluster ranges only", rendered, null,
                        "*-rtc processes are reached from the internet only");
            }
            case WORKER -> {
                return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome,
                        ConnectionSet.NONE, processAt,
                        to + " is a worker (neither web, *-tcp nor *-rtc): nothing connects to it", rendered, null,
                        "a worker receives nothing; to accept calls, give " + callee.name() + " a *-tcp process"
                                + (caller.name().equals(callee.name()) ? "" : " and trust " + caller.name()));
            }
            default -> {
                return tcpAnswer(caller, callee, target, asked, allowed, allowedSome, rendered);
            }
        }
    }

    private Answer tcpAnswer(App caller, App callee, Process target, ConnectionSet asked, ConnectionSet allowed,
                             ConnectionSet allowedSome, List<String> rendered) {
        ConnectionSet promised = ConnectionSet.of(Protocol.TCP, target.port());
        if (caller.name().equals(callee.name())) {
            return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome, promised,
                    sources.at(Subjects.process(callee.team(), callee.name(), target.name())),
                    "pods of " + callee.name() + " always reach its own *-tcp processes", rendered, null,
                    "an app's own pods are always trusted");
        }
        int index = callee.trust().indexOf(caller.name());
        String trustList = Subjects.trust(callee.team(), callee.name());
        if (index >= 0) {
            return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome, promised,
                    sources.at(Subjects.trustEntry(callee.team(), callee.name(), index)),
                    callee.name() + " trusts " + caller.name(), rendered,
                    "watasu apps:trust --remove " + caller.name() + " --app " + callee.name() + fileOption, null);
        }
        SourcePosition at = sources.find(trustList)
                .orElseGet(() -> sources.at(Subjects.app(callee.team(), callee.name())));
        String list = callee.trust().isEmpty() ? callee.name() + " trusts no other app"
                : callee.name() + " trusts " + String.join(", ", callee.trust()) + ", not " + caller.name();
        return new Answer(caller.name(), callee.name(), target, asked, allowed, allowedSome, ConnectionSet.NONE, at,
                list + " (trust is directional)", rendered,
                "watasu apps:trust " + caller.name() + " --app " + callee.name() + fileOption, null);
    }

    private App app(String name) throws UnknownName {
        return config.app(name).orElseThrow(() -> {
            List<String> names = config.apps().map(App::name).toList();
            String hint = Suggestions.nearest(name, names).map(n -> " (did you mean " + n + "?)")
                    .orElse(" (apps: " + String.join(", ", names.size() > 8 ? names.subList(0, 8) : names)
                            + (names.size() > 8 ? ", ..." : "") + ")");
            return new UnknownName("no app " + name + " in watasu.yaml" + hint);
        });
    }

    private static Workload pod(App app, Process process) {
        return new Workload(app.team(), app.name() + ":" + process.name(), "Pod",
                Map.of(Names.TEAM_LABEL, app.team(), Names.APP_LABEL, app.name(), Names.PROCESS_LABEL, process.name()),
                List.of(new Workload.ContainerPort(null, process.port(),
                        process.kind() == ProcessKind.RTC ? Protocol.UDP : Protocol.TCP)));
    }
}
