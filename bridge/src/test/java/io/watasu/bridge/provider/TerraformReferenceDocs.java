package io.watasu.bridge.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watasu.bridge.proto.tfplugin6.GetProviderSchema;
import io.watasu.bridge.proto.tfplugin6.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Terraform reference pages under {@code docs/terraform/}, laid out as registry providers lay theirs out
 * ({@code index.md}, {@code resources/<name>.md}, {@code data-sources/<name>.md}), generated from what
 * {@code GetProviderSchema} tells Terraform and from the example configurations the acceptance tests apply. Pure:
 * schema and example texts in, page texts out.
 */
final class TerraformReferenceDocs {
    static final String PROVIDER = "watasu";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GetProviderSchema.Response schema;
    private final String grpcExample;
    private final String importBlocks;

    /**
     * @param grpcExample  {@code terraform-examples/grpc-app/main.tf}: the usage examples
     * @param importBlocks {@code terraform-examples/import/imports.tf}: the import examples
     */
    TerraformReferenceDocs(GetProviderSchema.Response schema, String grpcExample, String importBlocks) {
        this.schema = schema;
        this.grpcExample = grpcExample;
        this.importBlocks = importBlocks;
    }

    static TerraformReferenceDocs fromRepository(Path repoRoot) {
        try {
            Path examples = repoRoot.resolve("terraform-examples");
            return new TerraformReferenceDocs(ProviderSchemaTest.schema(),
                    Files.readString(examples.resolve("grpc-app/main.tf")),
                    Files.readString(examples.resolve("import/imports.tf")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Page path under {@code docs/terraform/} to its Markdown. */
    Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("index.md", index());
        schema.getResourceSchemasMap().keySet().stream().sorted().forEach(type ->
                pages.put("resources/" + shortName(type) + ".md", resource(type)));
        schema.getDataSourceSchemasMap().keySet().stream().sorted().forEach(type ->
                pages.put("data-sources/" + shortName(type) + ".md", dataSource(type)));
        pages.replaceAll((path, text) -> text.strip() + "\n");
        return pages;
    }

    private String index() {
        StringBuilder page = header(PROVIDER + " Provider", "The Watasu provider manages apps and trust lists in "
                + "watasu.yaml, one Git commit per change.");
        page.append("# ").append(PROVIDER).append(" Provider\n\n")
                .append("The Watasu provider manages the apps and trust lists of `watasu.yaml`, the network model of "
                        + "the Watasu platform. ")
                .append(schema.getProvider().getBlock().getDescription()).append(" Terraform never talks to "
                        + "Kubernetes: the Git history shows who changed which access, and when.\n\n")
                .append("Installing the provider, how a change lands, and troubleshooting: "
                        + "[the provider guide](../terraform.md).\n\n")
                .append("## Example Usage\n\n")
                .append(hcl(block(grpcExample, "terraform {") + "\n\n" + block(grpcExample, "variable \"repository\" {")
                        + "\n\n" + block(grpcExample, "provider \"watasu\" {")))
                .append("An empty repository, or a branch without the file, is a valid start: the first change "
                        + "creates the branch and `watasu.yaml` (`version: 1` and the teams it needs) in one "
                        + "commit.\n\n")
                .append("Resources: ");
        List<String> links = new ArrayList<>();
        schema.getResourceSchemasMap().keySet().stream().sorted().forEach(type ->
                links.add("[`" + type + "`](resources/" + shortName(type) + ".md)"));
        schema.getDataSourceSchemasMap().keySet().stream().sorted().forEach(type ->
                links.add("data source [`" + type + "`](data-sources/" + shortName(type) + ".md)"));
        page.append(String.join(", ", links)).append(".\n\n");
        attributes(page, schema.getProvider().getBlock().getAttributesList(), "## Schema", "###");
        return page.toString();
    }

    private String resource(String type) {
        Schema.Block block = schema.getResourceSchemasOrThrow(type).getBlock();
        StringBuilder page = header(type + " Resource - " + PROVIDER, firstSentence(block.getDescription()));
        page.append("# ").append(type).append(" (Resource)\n\n").append(block.getDescription()).append("\n\n")
                .append("## Example Usage\n\n").append(hcl(block(grpcExample, "resource \"" + type + "\" ")));
        attributes(page, block.getAttributesList(), "## Schema", "###");
        String importBlock = block(importBlocks, "import {", text -> text.contains("to = " + type + "."));
        Matcher to = Pattern.compile("to = (\\S+)\\s+id = \"([^\"]+)\"").matcher(importBlock);
        if (!to.find()) {
            throw new IllegalStateException("the import block of " + type + " has no to and id");
        }
        page.append("## Import\n\n")
                .append("In Terraform 1.5 and later, an `import` block adopts an existing entry of `watasu.yaml` "
                        + "during the next plan and apply:\n\n")
                .append(hcl(importBlock))
                .append("With older versions, or once, the `terraform import` command does the same:\n\n")
                .append("```shell\nterraform import ").append(to.group(1)).append(' ').append(to.group(2))
                .append("\n```\n");
        return page.toString();
    }

    private String dataSource(String type) {
        Schema.Block block = schema.getDataSourceSchemasOrThrow(type).getBlock();
        StringBuilder page = header(type + " Data Source - " + PROVIDER, firstSentence(block.getDescription()));
        page.append("# ").append(type).append(" (Data Source)\n\n").append(block.getDescription()).append("\n\n")
                .append("## Example Usage\n\n")
                .append(hcl(block(grpcExample, "data \"" + type + "\" ") + "\n\n" + block(grpcExample, "output ")));
        attributes(page, block.getAttributesList(), "## Schema", "###");
        return page.toString();
    }

    private static StringBuilder header(String title, String description) {
        return new StringBuilder("---\n")
                .append("# Generated from the provider schema by TerraformReferenceDocsTest; do not edit by hand.\n")
                .append("page_title: \"").append(title).append("\"\n")
                .append("description: |-\n  ").append(description).append("\n---\n\n");
    }

    /** Required, Optional and Read-Only lists, then one section per nested attribute type. */
    private void attributes(StringBuilder page, List<Schema.Attribute> attributes, String heading, String level) {
        page.append(heading).append("\n\n");
        List<Schema.Attribute> nested = new ArrayList<>();
        group(page, level + " Required", attributes, Schema.Attribute::getRequired, nested);
        group(page, level + " Optional", attributes, a -> a.getOptional(), nested);
        group(page, level + " Read-Only", attributes, a -> a.getComputed() && !a.getOptional(), nested);
        for (Schema.Attribute attribute : nested) {
            page.append("<a id=\"nestedatt--").append(attribute.getName()).append("\"></a>\n")
                    .append(level).append(" Nested Schema for `").append(attribute.getName()).append("`\n\n");
            List<Schema.Attribute> inner = attribute.getNestedType().getAttributesList();
            group(page, "Required:", inner, Schema.Attribute::getRequired, new ArrayList<>());
            group(page, "Optional:", inner, a -> a.getOptional(), new ArrayList<>());
        }
    }

    private void group(StringBuilder page, String title, List<Schema.Attribute> attributes,
                       Predicate<Schema.Attribute> member, List<Schema.Attribute> nested) {
        List<Schema.Attribute> selected = attributes.stream().filter(member)
                .sorted(java.util.Comparator.comparing(Schema.Attribute::getName)).toList();
        if (selected.isEmpty()) {
            return;
        }
        page.append(title).append("\n\n");
        for (Schema.Attribute attribute : selected) {
            page.append("- `").append(attribute.getName()).append("` (").append(typeName(attribute))
                    .append(attribute.getSensitive() ? ", Sensitive" : "").append(") ")
                    .append(attribute.getDescription());
            if (attribute.hasNestedType()) {
                nested.add(attribute);
                page.append(" (see [below for nested schema](#nestedatt--").append(attribute.getName()).append("))");
            }
            page.append('\n');
        }
        page.append('\n');
    }

    private static String typeName(Schema.Attribute attribute) {
        if (attribute.hasNestedType()) {
            return "Attributes " + capitalize(attribute.getNestedType().getNesting().name().toLowerCase());
        }
        try {
            return typeName(JSON.readTree(attribute.getType().toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typeName(JsonNode type) {
        if (type.isTextual()) {
            return capitalize(type.asText());
        }
        return capitalize(type.get(0).asText()) + " of " + typeName(type.get(1));
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String shortName(String type) {
        return type.substring(PROVIDER.length() + 1);
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return (end < 0 ? text : text.substring(0, end + 1)).replace("`", "");
    }

    private static String hcl(String code) {
        return "```terraform\n" + code.strip() + "\n```\n\n";
    }

    private static String block(String file, String start) {
        return block(file, start, text -> true);
    }

    /**
     * The first top-level block of {@code file} whose first line starts with {@code start} and whose text passes
     * {@code filter} (comments above it speak of the file, so they stay out). The examples are formatted by
     * {@code terraform fmt}: a top-level block ends at the first line that is a lone "}".
     */
    private static String block(String file, String start, Predicate<String> filter) {
        List<String> lines = file.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(start)) {
                continue;
            }
            int end = i;
            while (!lines.get(end).equals("}") && !(end == i && lines.get(end).endsWith("}"))) {
                end++;
            }
            String text = String.join("\n", lines.subList(i, end + 1));
            if (filter.test(text)) {
                return text;
            }
        }
        throw new IllegalStateException("no block starting with " + start + " in the example");
    }
}
