package io.watasu.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The official Kubernetes (v1.32.2 standalone-strict) and Argo CD JSON schemas under testdata/third-party. The files
 * name no draft (the Kubernetes ones carry the versionless {@code http://json-schema.org/schema#}, which the
 * validator cannot resolve offline), so that marker is dropped and draft-07 is chosen explicitly.
 */
public final class Schemas {
    private static final Map<String, String> FILE_BY_KIND = Map.of(
            "Namespace", "kubernetes/v1.32.2-standalone-strict/namespace-v1.json",
            "NetworkPolicy", "kubernetes/v1.32.2-standalone-strict/networkpolicy-networking-v1.json",
            "Service", "kubernetes/v1.32.2-standalone-strict/service-v1.json",
            "Ingress", "kubernetes/v1.32.2-standalone-strict/ingress-networking-v1.json",
            "ApplicationSet", "argocd/applicationset_v1alpha1.json",
            "AppProject", "argocd/appproject_v1alpha1.json",
            "Application", "argocd/application_v1alpha1.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonSchema> byKind = new HashMap<>();

    public Schemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        Path schemas = TestData.schemas();
        FILE_BY_KIND.forEach((kind, file) -> {
            try (InputStream in = Files.newInputStream(schemas.resolve(file))) {
                ObjectNode schema = (ObjectNode) JSON.readTree(in);
                schema.remove("$schema");
                byKind.put(kind, factory.getSchema(schema));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + file, e);
            }
        });
    }

    /** Problems of one object against the schema of its kind; an unknown kind is itself a problem. */
    public List<String> problems(Map<String, Object> object) {
        JsonSchema schema = byKind.get(String.valueOf(object.get("kind")));
        if (schema == null) {
            return List.of("no schema for kind " + object.get("kind"));
        }
        JsonNode node = JSON.valueToTree(object);
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
