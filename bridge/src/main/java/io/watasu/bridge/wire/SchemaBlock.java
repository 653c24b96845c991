package io.watasu.bridge.wire;

import com.google.protobuf.ByteString;
import io.watasu.bridge.proto.tfplugin6.Schema;
import io.watasu.bridge.proto.tfplugin6.StringKind;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schema block (attributes only; this provider has no nested blocks): the single source for both what Terraform is
 * told ({@link #toProto}) and the type values are encoded with ({@link #type}). Descriptions are Markdown.
 */
public record SchemaBlock(String description, List<Attribute> attributes) {
    public SchemaBlock {
        Objects.requireNonNull(description, "description");
        attributes = List.copyOf(attributes);
    }

    public CtyType.ObjectOf type() {
        return objectType(attributes);
    }

    public Schema toProto(long version) {
        Schema.Block.Builder block = Schema.Block.newBuilder()
                .setDescription(description)
                .setDescriptionKind(StringKind.MARKDOWN);
        attributes.forEach(a -> block.addAttributes(a.toProto()));
        return Schema.newBuilder().setVersion(version).setBlock(block).build();
    }

    private static CtyType.ObjectOf objectType(List<Attribute> attributes) {
        Map<String, CtyType> types = new LinkedHashMap<>();
        attributes.forEach(a -> types.put(a.name(), a.type()));
        return new CtyType.ObjectOf(types);
    }

    /** How the user may set an attribute: Terraform accepts exactly these combinations. */
    public enum Mode {
        REQUIRED, OPTIONAL, COMPUTED, OPTIONAL_COMPUTED
    }

    /**
     * An attribute with either a plain type or, when {@code nestedMap} is set, a map of objects whose own attributes
     * may be optional and computed (a plain {@code map(object)} type cannot express that).
     */
    public record Attribute(String name, CtyType plainType, List<Attribute> nestedMap, Mode mode, boolean sensitive,
                            String description) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(description, "description");
            if ((plainType == null) == (nestedMap == null)) {
                throw new IllegalArgumentException(name + ": exactly one of a type or nested attributes is needed");
            }
            nestedMap = nestedMap == null ? null : List.copyOf(nestedMap);
        }

        public static Attribute of(String name, CtyType type, Mode mode, String description) {
            return new Attribute(name, type, null, mode, false, description);
        }

        public static Attribute mapOfObjects(String name, List<Attribute> attributes, Mode mode, String description) {
            return new Attribute(name, null, attributes, mode, false, description);
        }

        public Attribute asSensitive() {
            return new Attribute(name, plainType, nestedMap, mode, true, description);
        }

        public CtyType type() {
            return plainType != null ? plainType : new CtyType.MapOf(objectType(nestedMap));
        }

        Schema.Attribute toProto() {
            Schema.Attribute.Builder proto = Schema.Attribute.newBuilder()
                    .setName(name)
                    .setDescription(description)
                    .setDescriptionKind(StringKind.MARKDOWN)
                    .setRequired(mode == Mode.REQUIRED)
                    .setOptional(mode == Mode.OPTIONAL || mode == Mode.OPTIONAL_COMPUTED)
                    .setComputed(mode == Mode.COMPUTED || mode == Mode.OPTIONAL_COMPUTED)
                    .setSensitive(sensitive);
            if (plainType != null) {
                proto.setType(ByteString.copyFrom(plainType.json(), StandardCharsets.UTF_8));
            } else {
                Schema.Object.Builder nested = Schema.Object.newBuilder().setNesting(Schema.Object.NestingMode.MAP);
                nestedMap.forEach(a -> nested.addAttributes(a.toProto()));
                proto.setNestedType(nested);
            }
            return proto.build();
        }
    }
}
