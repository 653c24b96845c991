package io.watasu.bridge.provider;

import io.grpc.stub.StreamObserver;
import io.watasu.bridge.proto.tfplugin6.GetProviderSchema;
import io.watasu.bridge.proto.tfplugin6.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema against the rules Terraform core checks before using it (configschema's internal validation). */
class ProviderSchemaTest {
    static GetProviderSchema.Response schema() {
        List<GetProviderSchema.Response> replies = new ArrayList<>();
        new WatasuProvider(settings -> {
            throw new AssertionError("the schema needs no repository");
        }, Map.of()).getProviderSchema(GetProviderSchema.Request.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(GetProviderSchema.Response value) {
                replies.add(value);
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        return replies.get(0);
    }

    @Test
    void everyBlockFollowsCoresRules() {
        GetProviderSchema.Response response = schema();
        assertTrue(response.hasProvider(), "Terraform requires a provider schema");
        assertEquals(List.of("watasu_app", "watasu_app_trust"),
                response.getResourceSchemasMap().keySet().stream().sorted().toList());
        assertEquals(List.of("watasu_internal_endpoint"), List.copyOf(response.getDataSourceSchemasMap().keySet()));
        checkBlock("provider", response.getProvider().getBlock());
        response.getResourceSchemasMap().forEach((name, schema) -> checkBlock(name, schema.getBlock()));
        response.getDataSourceSchemasMap().forEach((name, schema) -> checkBlock(name, schema.getBlock()));
        assertTrue(response.getServerCapabilities().getPlanDestroy());
        assertTrue(response.getServerCapabilities().getGetProviderSchemaOptional());
    }

    @Test
    void secretsAndComputedIdentifiersAreMarked() {
        GetProviderSchema.Response response = schema();
        assertTrue(attribute(response.getProvider().getBlock().getAttributesList(), "token").getSensitive());
        Schema.Attribute processes = attribute(
                response.getResourceSchemasOrThrow("watasu_app").getBlock().getAttributesList(), "processes");
        assertEquals(Schema.Object.NestingMode.MAP, processes.getNestedType().getNesting());
        Schema.Attribute port = attribute(processes.getNestedType().getAttributesList(), "port");
        assertTrue(port.getOptional() && port.getComputed(), "port defaults when unset");
    }

    private static Schema.Attribute attribute(List<Schema.Attribute> attributes, String name) {
        return attributes.stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void checkBlock(String where, Schema.Block block) {
        assertFalse(block.getDescription().isBlank(), where + " needs a description");
        checkAttributes(where, block.getAttributesList());
    }

    private static void checkAttributes(String where, List<Schema.Attribute> attributes) {
        for (Schema.Attribute a : attributes) {
            String name = where + "." + a.getName();
            assertTrue(a.getName().matches("[a-z0-9_]+"), name + ": names are [a-z0-9_]+");
            assertTrue(a.getRequired() || a.getOptional() || a.getComputed(), name + ": needs a mode");
            assertFalse(a.getRequired() && (a.getOptional() || a.getComputed()), name + ": required stands alone");
            assertTrue(a.getType().isEmpty() != !a.hasNestedType(), name + ": exactly one of type and nested_type");
            assertFalse(a.getDescription().isBlank(), name + " needs a description");
            if (a.hasNestedType()) {
                checkAttributes(name, a.getNestedType().getAttributesList());
            }
        }
    }
}
