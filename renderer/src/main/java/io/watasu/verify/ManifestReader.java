package io.watasu.verify;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;
import io.watasu.yaml.BoundedYaml;
import io.watasu.yaml.ManifestYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests (YAML or JSON, multi-document, {@code List}/{@code PodList}/{@code NamespaceList}) into
 * a {@link ManifestSet}. Kinds that do not affect connectivity are skipped; kinds that do but are not evaluated are
 * warnings ({@link UnevaluatedKinds}); a malformed file or object is an error naming its file and line.
 *
 * <p>Listed Pods are grouped under their owner as netpol-analyzer does: the ownerReference marked {@code controller}
 * names the workload ({@code ns/name[Kind]}, {@code [Pod]} when the reference has no kind); a pod owned by a Node (a
 * static pod such as {@code etcd-minikube}) or by nothing stands for itself. Pods of one owner are described by the
 * first one's labels, which is only sound when no selector tells them apart: otherwise reading fails.
 */
public final class ManifestReader {
    private static final Set<String> TEMPLATED_WORKLOADS =
            Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController");
    private static final String DEFAULT_NAMESPACE = "default";
    private static final String NETWORK_POLICY_API_GROUP = "policy.networking.k8s.io";

    private ManifestReader() {
    }

    /**
     * Reads every .yaml/.yml/.json file under {@code root}. Files are parsed in parallel and combined in path order,
     * so that results (and the first error reported) do not depend on timing.
     */
    public static ManifestSet read(Path root) throws IOException, ManifestException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString());
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(ManifestReader::isManifestFile).sorted().toList();
        }
        return read(files);
    }

    /** Reads the given files, in their order (parsed in parallel). */
    public static ManifestSet read(List<Path> files) throws IOException, ManifestException {
        List<FileContents> contents;
        try {
            Map<String, IpRange> cidrs = new ConcurrentHashMap<>();
            contents = files.parallelStream().map(file -> {
                try {
                    return FileContents.of(file.toString(), Files.readString(file), cidrs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return combine(contents);
    }

    /** Parses manifests given as (file name, text) pairs, in iteration order. */
    public static ManifestSet parse(Map<String, String> filesByName) throws ManifestException {
        List<FileContents> contents = new ArrayList<>();
        Map<String, IpRange> cidrs = new HashMap<>();
        for (Map.Entry<String, String> file : filesByName.entrySet()) {
            contents.add(FileContents.of(file.getKey(), file.getValue(), cidrs));
        }
        return combine(contents);
    }

    /** A file the reader reads: .yaml, .yml or .json. */
    public static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** A pod read from a Pod manifest, before grouping under its owner. */
    private record ListedPod(Workload workload, boolean owned, SourcePosition at) {
    }

    private static ManifestSet combine(List<FileContents> files) throws ManifestException {
        for (FileContents file : files) {
            if (file.error != null) {
                throw file.error;
            }
        }
        Map<String, KubeNamespace> namespaces = new LinkedHashMap<>();
        Map<String, Workload> workloads = new LinkedHashMap<>();
        List<Service> services = new ArrayList<>();
        List<Ingress> ingresses = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        List<AdminPolicy> adminPolicies = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<ListedPod> laterPodsOfOwners = new ArrayList<>();
        Map<String, ListedPod> firstPodOfOwner = new HashMap<>();
        for (FileContents file : files) {
            file.namespaces.forEach(ns -> namespaces.put(ns.name(), ns));
            for (Workload w : file.workloads) {
                workloads.putIfAbsent(w.displayName(), w);
            }
            for (ListedPod pod : file.pods) {
                String key = pod.workload().displayName();
                ListedPod first = firstPodOfOwner.putIfAbsent(key, pod);
                if (first == null) {
                    workloads.putIfAbsent(key, pod.workload());
                } else if (pod.owned() && !first.workload().labels().equals(pod.workload().labels())) {
                    laterPodsOfOwners.add(pod);
                }
            }
            services.addAll(file.services);
            ingresses.addAll(file.ingresses);
            policies.addAll(file.policies);
            adminPolicies.addAll(file.adminPolicies);
            warnings.addAll(file.warnings);
        }
        checkAdminPolicies(adminPolicies);
        ManifestSet result = new ManifestSet(List.copyOf(namespaces.values()), List.copyOf(workloads.values()),
                services, ingresses, policies, adminPolicies, warnings);
        for (ListedPod later : laterPodsOfOwners) {
            checkOwnerLabels(result, firstPodOfOwner.get(later.workload().displayName()), later);
        }
        return result;
    }

    /**
     * Names are unique per kind, there is at most one BaselineAdminNetworkPolicy, and no two policies that could
     * select the same pod share a priority (the API leaves their order undefined). Policies whose subjects name
     * disjoint sets of namespaces by name ({@code kubernetes.io/metadata.name}, which tenants cannot set) never meet
     * at a pod, so they may share one: one policy per team at one priority is how tenancy is written today.
     */
    private static void checkAdminPolicies(List<AdminPolicy> policies) throws ManifestException {
        Map<String, AdminPolicy> byName = new HashMap<>();
        Map<String, PriorityGroup> byPriority = new HashMap<>();
        for (AdminPolicy p : policies) {
            AdminPolicy sameName = byName.putIfAbsent(p.kind() + "/" + p.name(), p);
            if (sameName != null) {
                throw new ManifestException(Diagnostic.error(p.at(), p.displayName() + " is defined twice (also at "
                        + sameName.at() + ")", "keep one of them"));
            }
            if (p.kind().equals(AdminPolicy.BANP)) {
                continue; // its name is 'default', so a second one is a duplicate name
            }
            AdminPolicy samePriority = byPriority.computeIfAbsent(p.tier() + "/" + p.priority(),
                    k -> new PriorityGroup()).add(p);
            if (samePriority != null) {
                throw new ManifestException(Diagnostic.error(p.at(), p.displayName() + " and "
                        + samePriority.displayName() + " (" + samePriority.at() + ") share priority " + p.priority()
                        + " in the " + p.tier().name().toLowerCase(java.util.Locale.ROOT)
                        + " tier and may select the same pods, which leaves their order undefined",
                        "give each a priority of its own"));
            }
        }
    }

    /** The policies of one tier and priority: those whose subjects pin namespace names, by name, and the others. */
    private static final class PriorityGroup {
        private final Map<String, AdminPolicy> byNamespace = new HashMap<>();
        private AdminPolicy unpinned;
        private AdminPolicy any;

        /** Adds {@code p}; returns a policy of the group that may select a pod {@code p} selects, or null. */
        AdminPolicy add(AdminPolicy p) {
            Set<String> names = p.subject().pinnedNamespaces();
            AdminPolicy clash = names == null ? any : unpinned;
            if (clash == null && names != null) {
                for (String name : names) {
                    clash = clash != null ? clash : byNamespace.get(name);
                }
            }
            if (clash != null) {
                return clash;
            }
            if (names == null) {
                unpinned = p;
            } else {
                names.forEach(name -> byNamespace.put(name, p));
            }
            any = p;
            return null;
        }
    }

    /**
     * Pods of one owner are one workload with the first pod's labels. That is only sound when every selector that could
     * pick pods of that namespace picks all of them or none of them.
     */
    private static void checkOwnerLabels(ManifestSet manifests, ListedPod first, ListedPod later)
            throws ManifestException {
        Workload a = first.workload();
        Workload b = later.workload();
        Map<String, String> namespaceLabels = manifests.namespaces().stream()
                .filter(ns -> ns.name().equals(a.namespace())).map(KubeNamespace::labels).findFirst()
                .orElse(new KubeNamespace(a.namespace(), Map.of()).labels());
        List<String> distinguishing = new ArrayList<>();
        for (Policy policy : manifests.policies()) {
            boolean own = policy.namespace().equals(a.namespace());
            if (own && tellsApart(policy.podSelector(), a, b)) {
                distinguishing.add("NetworkPolicy " + policy.qualifiedName() + " (" + policy.at() + ")");
                continue;
            }
            for (boolean ingress : new boolean[]{true, false}) {
                for (Policy.Rule rule : policy.rules(ingress)) {
                    for (Policy.Peer peer : rule.peers()) {
                        boolean inNamespace = peer.namespaceSelector() == null ? own
                                : peer.namespaceSelector().matches(namespaceLabels);
                        if (peer.ipBlock() == null && inNamespace && peer.podSelector() != null
                                && tellsApart(peer.podSelector(), a, b)) {
                            distinguishing.add("NetworkPolicy " + policy.qualifiedName() + " (" + rule.at() + ")");
                        }
                    }
                }
            }
        }
        for (AdminPolicy policy : manifests.adminPolicies()) {
            List<AdminPolicy.PodsSelection> selections = new ArrayList<>();
            selections.add(policy.subject());
            for (boolean ingress : new boolean[]{true, false}) {
                for (AdminPolicy.Rule rule : policy.rules(ingress)) {
                    for (AdminPolicy.Peer peer : rule.peers()) {
                        if (peer instanceof AdminPolicy.Peer.Pods pods) {
                            selections.add(pods.selection());
                        }
                    }
                }
            }
            for (AdminPolicy.PodsSelection s : selections) {
                if (s.pods() != null && s.namespaces().matches(namespaceLabels) && tellsApart(s.pods(), a, b)) {
                    distinguishing.add(policy.displayName() + " (" + policy.at() + ")");
                    break;
                }
            }
        }
        if (!distinguishing.isEmpty()) {
            throw new ManifestException(Diagnostic.error(later.at(), "this pod and the pod at " + first.at()
                    + " belong to " + a.displayName() + " but have different labels, and "
                    + String.join(", ", distinguishing.stream().distinct().toList())
                    + " selects one and not the other, so the owner cannot be analyzed as one workload",
                    "give the pods of one owner the same labels, or leave one of them out"));
        }
    }

    private static boolean tellsApart(LabelSelector selector, Workload a, Workload b) {
        return selector.matches(a.labels()) != selector.matches(b.labels());
    }

    /** What one file holds; built without shared state so that files can be read in parallel. */
    private static final class FileContents {
        private final List<KubeNamespace> namespaces = new ArrayList<>();
        private final List<Workload> workloads = new ArrayList<>();
        private final List<ListedPod> pods = new ArrayList<>();
        private final List<Service> services = new ArrayList<>();
        private final List<Ingress> ingresses = new ArrayList<>();
        private final List<Policy> policies = new ArrayList<>();
        private final List<AdminPolicy> adminPolicies = new ArrayList<>();
        private final List<Diagnostic> warnings = new ArrayList<>();
        private final Map<String, IpRange> cidrs;
        private ManifestException error;

        private FileContents(Map<String, IpRange> cidrs) {
            this.cidrs = cidrs;
        }

        static FileContents of(String file, String text, Map<String, IpRange> cidrs) {
            FileContents contents = new FileContents(cidrs);
            try {
                contents.readDocuments(file, text);
            } catch (ManifestException e) {
                contents.error = e;
            }
            return contents;
        }

        private void readDocuments(String file, String text) throws ManifestException {
            try {
                ManifestYaml.read(text, document -> readObject(new YamlNode(file, document), null));
            } catch (BoundedYaml.Rejected e) {
                BoundedYaml.Problem problem = e.problem();
                throw new ManifestException(Diagnostic.error(new SourcePosition(file, problem.line(),
                        problem.column()), problem.message(), problem.fix()));
            }
        }

        /** Reads one object; {@code impliedKind} is the item kind of a typed list (PodList items carry no kind). */
        private void readObject(YamlNode object, String impliedKind) throws ManifestException {
            if (!object.isMapping()) {
                return; // not a Kubernetes object (e.g. a JSON array of test data): nothing to read
            }
            String kind = object.textAt("kind");
            if (kind == null) {
                kind = impliedKind;
            }
            if (kind == null) {
                return;
            }
            if (kind.endsWith("List")) {
                String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - "List".length());
                for (YamlNode item : object.itemsAt("items")) {
                    readObject(item, itemKind);
                }
                return;
            }
            String group = group(object.textAt("apiVersion"));
            String unevaluated = UnevaluatedKinds.reason(group, kind);
            if (unevaluated != null) {
                warnings.add(UnevaluatedKinds.warning(object, group, kind, unevaluated));
                return;
            }
            switch (kind) {
                case "Namespace" -> readNamespace(object);
                case "Pod" -> readPod(object);
                case "CronJob" -> readTemplated(object, kind, object.at("spec", "jobTemplate", "spec", "template"));
                case "Service" -> readService(object);
                case "Ingress" -> readIngress(object);
                case "Route" -> readRoute(object);
                case "NetworkPolicy" -> policies.add(PolicyParser.parse(object, namespaceOf(object), cidrs));
                case AdminPolicy.ANP, AdminPolicy.BANP, AdminPolicy.CNP -> {
                    if (group.isEmpty() || group.equals(NETWORK_POLICY_API_GROUP)) {
                        adminPolicies.add(new AdminPolicyParser(warnings, cidrs).parse(object, kind));
                    }
                }
                default -> {
                    if (TEMPLATED_WORKLOADS.contains(kind)) {
                        readTemplated(object, kind, object.at("spec", "template"));
                    }
                }
            }
        }

        /** The API group of an apiVersion ({@code apps/v1} -> {@code apps}; the core {@code v1} -> empty). */
        private static String group(String apiVersion) {
            if (apiVersion == null) {
                return "";
            }
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }

        private void readNamespace(YamlNode object) throws ManifestException {
            String name = requiredName(object);
            YamlNode metadata = object.get("metadata");
            namespaces.add(new KubeNamespace(name, metadata.stringMapAt("labels")));
        }

        private void readPod(YamlNode pod) throws ManifestException {
            String name = requiredName(pod);
            YamlNode metadata = pod.get("metadata");
            String ownerKind = "Pod";
            String ownerName = name;
            boolean owned = false;
            for (YamlNode owner : metadata.itemsAt("ownerReferences")) {
                if (!"true".equals(owner.textAt("controller"))) {
                    continue;
                }
                // A static pod's controller is its Node: the pod stands for itself, as netpol-analyzer counts it.
                String kind = owner.textAt("kind");
                if (!"Node".equals(kind) && owner.textAt("name") != null) {
                    ownerKind = kind == null || kind.isEmpty() ? "Pod" : kind;
                    ownerName = owner.textAt("name");
                    owned = true;
                }
                break;
            }
            pods.add(new ListedPod(new Workload(namespaceOf(pod), ownerName, ownerKind, metadata.stringMapAt("labels"),
                    containerPorts(pod.get("spec"))), owned, pod.position()));
        }

        private void readTemplated(YamlNode object, String kind, YamlNode template) throws ManifestException {
            String name = requiredName(object);
            Map<String, String> labels = template == null || template.get("metadata") == null ? Map.of()
                    : template.get("metadata").stringMapAt("labels");
            workloads.add(new Workload(namespaceOf(object), name, kind, labels,
                    containerPorts(template == null ? null : template.get("spec"))));
        }

        private static List<Workload.ContainerPort> containerPorts(YamlNode podSpec) throws ManifestException {
            List<Workload.ContainerPort> ports = new ArrayList<>();
            if (podSpec == null) {
                return ports;
            }
            for (YamlNode container : podSpec.itemsAt("containers")) {
                for (YamlNode port : container.itemsAt("ports")) {
                    YamlNode number = port.get("containerPort");
                    if (number == null) {
                        continue; // Kubernetes would reject it; such a port serves nothing
                    }
                    ports.add(new Workload.ContainerPort(port.textAt("name"), number.integer(),
                            protocol(port.get("protocol"))));
                }
            }
            return ports;
        }

        private void readService(YamlNode object) throws ManifestException {
            YamlNode spec = object.get("spec");
            List<Service.ServicePort> ports = new ArrayList<>();
            Map<String, String> selector = Map.of();
            if (spec != null) {
                selector = spec.stringMapAt("selector");
                for (YamlNode port : spec.itemsAt("ports")) {
                    YamlNode number = port.get("port");
                    if (number == null) {
                        throw port.error("service port without 'port'");
                    }
                    String target = port.textAt("targetPort");
                    ports.add(new Service.ServicePort(port.textAt("name"), number.integer(),
                            protocol(port.get("protocol")), target == null ? number.text() : target));
                }
            }
            services.add(new Service(namespaceOf(object), requiredName(object), selector, ports));
        }

        private void readIngress(YamlNode object) throws ManifestException {
            List<Ingress.Backend> backends = new ArrayList<>();
            List<String> hosts = new ArrayList<>();
            YamlNode spec = object.get("spec");
            if (spec != null) {
                addBackend(backends, spec.get("defaultBackend"));
                addBackend(backends, spec.get("backend"));
                if (spec.get("defaultBackend") != null || spec.get("backend") != null) {
                    hosts.add(""); // a default backend serves every host
                }
                for (YamlNode rule : spec.itemsAt("rules")) {
                    String host = rule.textAt("host");
                    hosts.add(host == null ? "" : host);
                    YamlNode http = rule.get("http");
                    if (http != null) {
                        for (YamlNode path : http.itemsAt("paths")) {
                            addBackend(backends, path.get("backend"));
                        }
                    }
                }
            }
            ingresses.add(new Ingress("Ingress", namespaceOf(object), requiredName(object), backends, hosts,
                    object.position()));
        }

        /** Accepts the v1 form ({@code service.name}, {@code service.port.number|name}) and the older v1beta1 form. */
        private static void addBackend(List<Ingress.Backend> backends, YamlNode backend) throws ManifestException {
            if (backend == null) {
                return;
            }
            YamlNode service = backend.get("service");
            if (service != null) {
                YamlNode port = service.get("port");
                String portText = port == null ? null
                        : port.textAt("number") != null ? port.textAt("number") : port.textAt("name");
                backends.add(new Ingress.Backend(service.textAt("name"), portText));
            } else if (backend.textAt("serviceName") != null) {
                backends.add(new Ingress.Backend(backend.textAt("serviceName"), backend.textAt("servicePort")));
            }
        }

        /**
         * An OpenShift Route: {@code spec.to} and every {@code spec.alternateBackends} entry of kind Service (or no
         * kind), each reached on {@code spec.port.targetPort}, or on every port of the Service when it is absent.
         */
        private void readRoute(YamlNode object) throws ManifestException {
            List<Ingress.Backend> backends = new ArrayList<>();
            List<String> hosts = new ArrayList<>();
            YamlNode spec = object.get("spec");
            if (spec != null) {
                String host = spec.textAt("host");
                hosts.add(host == null ? "" : host); // without a host, the router makes one up
                YamlNode port = spec.get("port");
                String targetPort = port == null ? null : port.textAt("targetPort");
                List<YamlNode> targets = new ArrayList<>();
                if (spec.get("to") != null) {
                    targets.add(spec.get("to"));
                }
                targets.addAll(spec.itemsAt("alternateBackends"));
                for (YamlNode target : targets) {
                    String kind = target.textAt("kind");
                    if ((kind == null || kind.isEmpty() || kind.equals("Service")) && target.textAt("name") != null) {
                        backends.add(new Ingress.Backend(target.textAt("name"), targetPort));
                    }
                }
            }
            ingresses.add(new Ingress("Route", namespaceOf(object), requiredName(object), backends, hosts,
                    object.position()));
        }
    }

    static Protocol protocol(YamlNode node) throws ManifestException {
        if (node == null) {
            return Protocol.TCP;
        }
        Protocol protocol = Protocol.parse(node.text());
        if (protocol == null) {
            throw node.error("unknown protocol '" + node.text() + "' (expected TCP, UDP or SCTP)");
        }
        return protocol;
    }

    private static String requiredName(YamlNode object) throws ManifestException {
        YamlNode metadata = object.get("metadata");
        String name = metadata == null ? null : metadata.textAt("name");
        if (name == null) {
            throw object.error("object without metadata.name");
        }
        return name;
    }

    static String namespaceOf(YamlNode object) throws ManifestException {
        YamlNode metadata = object.get("metadata");
        String namespace = metadata == null ? null : metadata.textAt("namespace");
        return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }
}
