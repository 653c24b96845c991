package io.watasu.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The official Kubernetes (standalone-strict), Argo CD, network-policy-api and SARIF JSON schemas, and the JUnit
 * XML schema, under
 * testdata/third-party. The Kubernetes files carry the versionless {@code http://json-schema.org/schema#}, which the
 * validator cannot resolve offline, so every file's marker is dropped and draft-07 is chosen explicitly.
 */
public final class Schemas {
    /** Kubernetes versions whose schemas are kept; objects are checked against each supported one. */
    public static final List<String> KUBERNETES_VERSIONS = List.of("v1.30.0", "v1.32.2");
    private static final String DEFAULT_KUBERNETES = "v1.32.2";
    private static final Map<String, String> KUBERNETES_FILE_BY_KIND = Map.of(
            "Namespace", "namespace-v1.json",
            "NetworkPolicy", "networkpolicy-networking-v1.json",
            "Service", "service-v1.json",
            "Ingress", "ingress-networking-v1.json",
            "ConfigMap", "configmap-v1.json",
            "ValidatingAdmissionPolicy", "validatingadmissionpolicy-admissionregistration-v1.json",
            "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybinding-admissionregistration-v1.json");
    private static final Map<String, String> OTHER_FILE_BY_KIND = Map.of(
            "ApplicationSet", "argocd/applicationset_v1alpha1.json",
            "AppProject", "argocd/appproject_v1alpha1.json",
            "Application", "argocd/application_v1alpha1.json",
            "AdminNetworkPolicy", "network-policy-api/adminnetworkpolicy_v1alpha1.json",
            "BaselineAdminNetworkPolicy", "network-policy-api/baselineadminnetworkpolicy_v1alpha1.json",
            "ClusterNetworkPolicy", "network-policy-api/clusternetworkpolicy_v1alpha2.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final SchemaRegistry DRAFT_4_REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

    private final Map<String, Schema> byKind = new HashMap<>();

    /** Schemas of the default Kubernetes version (the newest kept). */
    public Schemas() {
        this(DEFAULT_KUBERNETES);
    }

    /** @param kubernetesVersion one of {@link #KUBERNETES_VERSIONS} */
    public Schemas(String kubernetesVersion) {
        Path root = TestData.schemas();
        Path kubernetes = root.resolve("kubernetes").resolve(kubernetesVersion + "-standalone-strict");
        KUBERNETES_FILE_BY_KIND.forEach((kind, file) -> byKind.put(kind, load(kubernetes.resolve(file))));
        OTHER_FILE_BY_KIND.forEach((kind, file) -> byKind.put(kind, load(root.resolve(file))));
    }

    /** The SARIF 2.1.0 schema, for reports rather than Kubernetes objects; it is written in draft-04. */
    public static Schema sarif() {
        return load(TestData.schemas().resolve("sarif/sarif-schema-2.1.0.json"), DRAFT_4_REGISTRY);
    }

    /** The JSON Schema of watasu's own versioned report, as documented (docs/schemas). */
    public static Schema watasuReport() {
        return load(TestData.repoRoot().resolve("docs/schemas/watasu-report-v1.schema.json"));
    }

    /** Problems of an XML document against the JUnit XML schema Jenkins' xUnit plugin checks reports with. */
    public static List<String> junitProblems(String xml) {
        try {
            javax.xml.validation.Schema schema = SchemaFactory
                    .newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(TestData.schemas().resolve("junit/junit-10.xsd").toFile());
            List<String> problems = new ArrayList<>();
            Validator validator = schema.newValidator();
            validator.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) {
                    problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    problems.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }
            });
            validator.validate(new StreamSource(new StringReader(xml)));
            return problems;
        } catch (SAXException e) {
            return List.of("not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema load(Path file) {
        return load(file, REGISTRY);
    }

    private static Schema load(Path file, SchemaRegistry registry) {
        try (InputStream in = Files.newInputStream(file)) {
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            schema.remove("$schema");
            return registry.getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
    }

    /** Problems of one object against the schema of its kind; an unknown kind is itself a problem. */
    public List<String> problems(Map<String, Object> object) {
        Schema schema = byKind.get(String.valueOf(object.get("kind")));
        if (schema == null) {
            return List.of("no schema for kind " + object.get("kind"));
        }
        return problems(schema, JSON.valueToTree(object));
    }

    /** Problems of a JSON document against a schema, sorted. */
    public static List<String> problems(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).sorted().toList();
    }
}
