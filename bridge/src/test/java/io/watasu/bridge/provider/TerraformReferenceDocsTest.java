package io.watasu.bridge.provider;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/terraform/ must be exactly what the provider's schema and the tested examples generate. After changing
 * either, regenerate with
 * {@code mvn -B -pl bridge -am test -Dtest=TerraformReferenceDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dwatasu.updateDocs=true} and review the diff.
 */
class TerraformReferenceDocsTest {
    private static final Path REPO = Path.of(System.getProperty("watasu.repoRoot"));
    private static final Path DOCS = REPO.resolve("docs").resolve("terraform");

    @Test
    void theReferencePagesMatchTheSchema() throws IOException {
        Map<String, String> pages = TerraformReferenceDocs.fromRepository(REPO).pages();
        assertEquals(List.of("index.md", "resources/app.md", "resources/app_trust.md",
                "data-sources/internal_endpoint.md"), List.copyOf(pages.keySet()));
        if (Boolean.getBoolean("watasu.updateDocs")) {
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Path file = DOCS.resolve(page.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, page.getValue());
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            assertTrue(Files.exists(file), () -> file + " is missing; regenerate the pages (see this test's comment)");
            assertEquals(page.getValue(), Files.readString(file),
                    () -> file + " differs from the provider's schema; regenerate it (see this test's comment)");
        }
        try (Stream<Path> files = Files.walk(DOCS)) {
            List<String> extra = files.filter(Files::isRegularFile).map(f -> DOCS.relativize(f).toString())
                    .filter(f -> !pages.containsKey(f)).toList();
            assertEquals(List.of(), extra, "pages the schema does not generate");
        }
    }

    @Test
    void everyAttributeIsDocumentedWithItsDescription() {
        Map<String, String> pages = TerraformReferenceDocs.fromRepository(REPO).pages();
        var schema = ProviderSchemaTest.schema();
        schema.getResourceSchemasMap().forEach((type, resource) -> resource.getBlock().getAttributesList()
                .forEach(a -> assertTrue(pages.get("resources/" + type.substring(7) + ".md")
                        .contains("- `" + a.getName() + "` ("), type + "." + a.getName())));
        assertTrue(pages.get("resources/app.md").contains("terraform import watasu_app.legacy acme/legacy-app"));
        assertTrue(pages.get("resources/app_trust.md").contains("import {\n  to = watasu_app_trust.legacy"));
    }
}
