package io.watasu.render;

import io.watasu.model.Platform;
import io.watasu.model.WatasuConfig;
import io.watasu.testing.EverySetting;
import io.watasu.testing.Models;
import io.watasu.testing.PeerTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateOverrideTest {
    @TempDir
    Path dir;

    private static String builtIn(String name) throws IOException {
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private RenderOptions overriding() {
        return RenderOptions.defaults().withTemplatesDir(dir);
    }

    @Test
    void aTemplateOfTheSameNameReplacesTheBuiltInOne() throws IOException {
        Files.writeString(dir.resolve("namespace.yaml.hbs"),
                builtIn("namespace.yaml.hbs").replace("  labels:\n", "  labels:\n    extra: \"1\"\n"));
        String team = Renderer.render(Models.example(), overriding()).file("acme/_team.yaml").orElseThrow().content();
        assertTrue(team.startsWith("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: acme\n  labels:\n    extra: \"1\"\n"),
                team);
    }

    /** The loop form that tests weaken one kind of peer in renders, unweakened, what the built-in helper renders. */
    @Test
    void theSelectorPeersAsALoopRenderTheSameBytes() throws IOException {
        Files.writeString(dir.resolve("networkpolicy.yaml.hbs"), PeerTemplates.withPeers(
                builtIn("networkpolicy.yaml.hbs"), PeerTemplates.PLATFORM_PEER, PeerTemplates.OWN_NAMESPACE_PEER));
        WatasuConfig config = EverySetting.on(Models.example(), EverySetting.platform(Platform.defaults(), true));
        assertEquals(Renderer.render(config, RenderOptions.defaults()).files().stream()
                        .map(f -> f.relativePath() + "\n" + f.content()).toList(),
                Renderer.render(config, overriding()).files().stream()
                        .map(f -> f.relativePath() + "\n" + f.content()).toList());
    }

    /** Built-in templates compile when first applied; each of them must compile. */
    @Test
    void everyBuiltInTemplateCompiles() {
        Templates templates = Templates.builtIn();
        for (String name : Templates.NAMES) {
            // A model without the template's variables: compiling succeeded when applying fails on a variable.
            RenderException e = assertThrows(RenderException.class, () -> templates.apply(name, new Object()), name);
            assertTrue(e.getMessage().startsWith("template " + name + " failed: "), e.getMessage());
        }
    }

    /** An override is compiled when loaded: a broken one stops the render before any file is rendered. */
    @Test
    void aBrokenOverrideIsRefusedWhenLoaded() throws IOException {
        Files.writeString(dir.resolve("argocd-project.yaml.hbs"), "{{#if x}}never closed\n");
        RenderException e = assertThrows(RenderException.class, () -> Templates.load(java.util.Optional.of(dir)));
        assertTrue(e.getMessage().startsWith("template " + dir.resolve("argocd-project.yaml.hbs")
                + " does not compile: "), e.getMessage());
    }

    @Test
    void invalidYamlNamesTheTemplateAndTheLine() throws IOException {
        Files.writeString(dir.resolve("service.yaml.hbs"), builtIn("service.yaml.hbs").replace("  type: {{yaml type}}",
                "  type: [{{yaml type}}"));
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(Models.example(), overriding()));
        assertTrue(e.getMessage().startsWith("template service.yaml.hbs produced invalid YAML ("), e.getMessage());
        assertTrue(e.getMessage().endsWith(" for Service api-app-admin-web at line 15, column 11 of its output"),
                e.getMessage());
    }

    @Test
    void aliasesAndTagsAreRejected() throws IOException {
        Files.writeString(dir.resolve("namespace.yaml.hbs"), builtIn("namespace.yaml.hbs")
                .replace("  labels:\n", "  extra: !!binary aGk=\n  labels:\n"));
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(Models.example(), overriding()));
        assertTrue(e.getMessage().startsWith("template namespace.yaml.hbs produced YAML with an explicit tag"),
                e.getMessage());
        Files.writeString(dir.resolve("namespace.yaml.hbs"), builtIn("namespace.yaml.hbs")
                .replace("  labels:\n", "  first: &a x\n  second: *a\n  labels:\n"));
        e = assertThrows(RenderException.class, () -> Renderer.render(Models.example(), overriding()));
        assertTrue(e.getMessage().startsWith("template namespace.yaml.hbs produced YAML with an alias"), e.getMessage());
    }

    @Test
    void aTemplateRenderingAnotherKindIsRejected() throws IOException {
        Files.writeString(dir.resolve("ingress.yaml.hbs"), builtIn("ingress.yaml.hbs").replace("kind: Ingress", "kind: Service"));
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(Models.example(), overriding()));
        assertEquals("template ingress.yaml.hbs must render one Ingress named api-app-admin-web with kind and"
                + " metadata.name set", e.getMessage());
    }

    @Test
    void anUnknownVariableFailsInsteadOfRenderingEmpty() throws IOException {
        Files.writeString(dir.resolve("namespace.yaml.hbs"), builtIn("namespace.yaml.hbs").replace("{{yaml name}}", "{{yaml nmae}}"));
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(Models.example(), overriding()));
        assertTrue(e.getMessage().startsWith("template namespace.yaml.hbs failed: "), e.getMessage());
    }

    @Test
    void aFileOverridingNothingIsATypo() throws IOException {
        Files.writeString(dir.resolve("networkpolicies.yaml.hbs"), "x");
        RenderException e = assertThrows(RenderException.class, () -> Renderer.render(Models.example(), overriding()));
        assertTrue(e.getMessage().contains("networkpolicies.yaml.hbs overrides nothing"), e.getMessage());
    }
}
