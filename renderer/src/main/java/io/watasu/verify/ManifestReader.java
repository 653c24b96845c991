package io.watasu.verify;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;
import io.watasu.yaml.ManifestYaml;
import io.watasu.yaml.RenderedYaml;
import io.watasu.yaml.WholeTextReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests (YAML or JSON, multi-document, {@code List}/{@code PodList}/{@code NamespaceList}) into
 * a {@link ManifestSet}. Kinds that do not affect connectivity are skipped; a malformed file or object is an error
 * naming its file and line. Listed Pods are folded into their owning workload, so that a ReplicaSet's pods appear once.
 */
public final class ManifestReader {
    private static final Set<String> TEMPLATED_WORKLOADS =
            Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController");
    private static final String DEFAULT_NAMESPACE = "default";
    private static final LoaderOptions LOADER_OPTIONS = loaderOptions();

    private final Map<String, KubeNamespace> namespaces = new LinkedHashMap<>();
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final List<Policy> policies = new ArrayList<>();

    private ManifestReader() {
    }

    /** Reads every .yaml/.yml/.json file under {@code root}, in path order so that results are stable. */
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
        ManifestReader reader = new ManifestReader();
        for (Path file : files) {
            reader.readDocuments(file.toString(), Files.readString(file));
        }
        return reader.result();
    }

    /** Parses manifests given as (file name, text) pairs, in iteration order. */
    public static ManifestSet parse(Map<String, String> filesByName) throws ManifestException {
        ManifestReader reader = new ManifestReader();
        for (Map.Entry<String, String> file : filesByName.entrySet()) {
            reader.readDocuments(file.getKey(), file.getValue());
        }
        return reader.result();
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        // Rendered platforms are big and may sit in a single file.
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private ManifestSet result() {
        return new ManifestSet(List.copyOf(namespaces.values()), List.copyOf(workloads.values()), services, ingresses,
                policies);
    }

    private void readDocuments(String file, String text) throws ManifestException {
        // Rendered output is read by the fast reader, which builds the tree SnakeYAML would; it declines the rest.
        List<Node> documents = RenderedYaml.documents(text);
        if (documents != null) {
            for (Node document : documents) {
                readObject(new YamlNode(file, document), null);
            }
            return;
        }
        try {
            // A bare composer: a whole Yaml instance (constructor, representer) per file costs more than small files.
            Composer composer = ManifestYaml.composer(new ParserImpl(new WholeTextReader(text), LOADER_OPTIONS),
                    LOADER_OPTIONS);
            while (composer.checkNode()) {
                Node document = composer.getNode();
                if (document != null) {
                    readObject(new YamlNode(file, document), null);
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            SourcePosition at = mark == null ? new SourcePosition(file, 1, 1)
                    : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : "unreadable YAML";
            throw new ManifestException(Diagnostic.error(at, "not valid YAML/JSON: " + problem,
                    "fix the syntax or move the file out of the directory"));
        } catch (ReaderException e) {
            int[] at = WholeTextReader.lineAndColumn(text, e.getPosition());
            throw new ManifestException(Diagnostic.error(new SourcePosition(file, at[0] + 1, at[1] + 1),
                    "not valid YAML/JSON: the character " + String.format("U+%04X", e.getCodePoint())
                            + " is not allowed", "fix the file or move it out of the directory"));
        } catch (YAMLException e) {
            throw new ManifestException(Diagnostic.error(new SourcePosition(file, 1, 1),
                    "not valid YAML/JSON: " + e.getMessage(), "fix the syntax or move the file out of the directory"));
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
        switch (kind) {
            case "Namespace" -> readNamespace(object);
            case "Pod" -> readPod(object);
            case "CronJob" -> readTemplated(object, kind, object.at("spec", "jobTemplate", "spec", "template"));
            case "Service" -> readService(object);
            case "Ingress" -> readIngress(object);
            case "NetworkPolicy" -> policies.add(PolicyParser.parse(object, namespaceOf(object)));
            default -> {
                if (TEMPLATED_WORKLOADS.contains(kind)) {
                    readTemplated(object, kind, object.at("spec", "template"));
                }
            }
        }
    }

    private void readNamespace(YamlNode object) throws ManifestException {
        String name = requiredName(object);
        YamlNode metadata = object.get("metadata");
        namespaces.put(name, new KubeNamespace(name, metadata.stringMapAt("labels")));
    }

    private void readPod(YamlNode pod) throws ManifestException {
        String name = requiredName(pod);
        YamlNode metadata = pod.get("metadata");
        String ownerKind = "Pod";
        String ownerName = name;
        List<YamlNode> owners = metadata.itemsAt("ownerReferences");
        YamlNode owner = owners.stream().filter(ManifestReader::isController).findFirst()
                .orElse(owners.isEmpty() ? null : owners.get(0));
        if (owner != null && owner.textAt("kind") != null && owner.textAt("name") != null) {
            ownerKind = owner.textAt("kind");
            ownerName = owner.textAt("name");
        }
        addWorkload(new Workload(namespaceOf(pod), ownerName, ownerKind, metadata.stringMapAt("labels"),
                containerPorts(pod.get("spec"))));
    }

    private static boolean isController(YamlNode ownerReference) {
        try {
            return "true".equals(ownerReference.textAt("controller"));
        } catch (ManifestException e) {
            return false;
        }
    }

    private void readTemplated(YamlNode object, String kind, YamlNode template) throws ManifestException {
        String name = requiredName(object);
        Map<String, String> labels = template == null || template.get("metadata") == null ? Map.of()
                : template.get("metadata").stringMapAt("labels");
        addWorkload(new Workload(namespaceOf(object), name, kind, labels,
                containerPorts(template == null ? null : template.get("spec"))));
    }

    private void addWorkload(Workload workload) {
        workloads.putIfAbsent(workload.displayName(), workload);
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
                ports.add(new Service.ServicePort(port.textAt("name"), number.integer(), protocol(port.get("protocol")),
                        target == null ? number.text() : target));
            }
        }
        services.add(new Service(namespaceOf(object), requiredName(object), selector, ports));
    }

    private void readIngress(YamlNode object) throws ManifestException {
        List<Ingress.Backend> backends = new ArrayList<>();
        YamlNode spec = object.get("spec");
        if (spec != null) {
            addBackend(backends, spec.get("defaultBackend"));
            addBackend(backends, spec.get("backend"));
            for (YamlNode rule : spec.itemsAt("rules")) {
                YamlNode http = rule.get("http");
                if (http != null) {
                    for (YamlNode path : http.itemsAt("paths")) {
                        addBackend(backends, path.get("backend"));
                    }
                }
            }
        }
        ingresses.add(new Ingress(namespaceOf(object), requiredName(object), backends));
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

    private static String namespaceOf(YamlNode object) throws ManifestException {
        YamlNode metadata = object.get("metadata");
        String namespace = metadata == null ? null : metadata.textAt("namespace");
        return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }
}
