package io.watasu.render;

import io.watasu.config.SourcePosition;
import io.watasu.model.App;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedTree;
import io.watasu.output.WriteResult;
import io.watasu.plan.Label;
import io.watasu.plan.PlannedFile;
import io.watasu.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reuse of earlier output keyed on fingerprints. Reuse is made visible by planting a file whose content no render
 * would produce, with its hash recorded as if Watasu had written it: a run that reuses keeps it, a run that renders
 * replaces it.
 */
class RenderReuseTest {
    private static final String PLANTED = "planted: true\n";
    private static final String GRPC = "acme/grpc-app.yaml";
    private static final String API = "acme/api-app.yaml";
    private static final String OTHER_TEAM = "beta/ledger-app.yaml";

    @TempDir
    Path out;
    @TempDir
    Path templates;

    private WriteResult renderInto(WatasuConfig config, RenderOptions options) {
        RenderedTree tree = Renderer.render(config, options, PreviousOutput.in(out));
        return new OutputWriter().write(tree, out);
    }

    private String fullRender(WatasuConfig config, RenderOptions options, String path) {
        return Renderer.render(config, options).file(path).orElseThrow().content();
    }

    private String onDisk(String path) throws IOException {
        return Files.readString(out.resolve(path));
    }

    /** Replaces the file and its recorded hash, keeping its fingerprint. */
    private void plant(String path) throws IOException {
        Path record = out.resolve(".watasu/owned.txt");
        String oldHash = sha256(Files.readAllBytes(out.resolve(path)));
        Files.writeString(out.resolve(path), PLANTED);
        String text = Files.readString(record);
        assertTrue(text.contains(oldHash + "+"), "the record pairs the hash with a fingerprint");
        Files.writeString(record, text.replace(oldHash, sha256(PLANTED.getBytes(StandardCharsets.UTF_8))));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WatasuConfig withTrust(WatasuConfig config, String appName, List<String> trust) {
        List<Team> teams = config.teams().stream().map(team -> new Team(team.name(), team.apps().stream()
                .map(app -> app.name().equals(appName) ? new App(app.team(), app.name(), app.processes(), trust) : app)
                .toList())).toList();
        return new WatasuConfig(config.version(), config.platform(), teams);
    }

    private static WatasuConfig withSecondTeam(WatasuConfig config) {
        List<Team> teams = new ArrayList<>(config.teams());
        teams.add(new Team("beta", List.of(Models.app("beta", "ledger-app", List.of(), Models.process("db-tcp", 5432)))));
        return new WatasuConfig(config.version(), config.platform(), teams);
    }

    @Test
    void anUnchangedPlanReusesTheRecordedFile() throws IOException {
        WatasuConfig config = Models.example();
        renderInto(config, RenderOptions.defaults());
        plant(GRPC);
        WriteResult result = renderInto(config, RenderOptions.defaults());
        assertEquals(PLANTED, onDisk(GRPC), "reused, not rendered again");
        assertEquals(List.of(), result.written());
    }

    @Test
    void aChangedTeamIsRenderedAgainWholeWhileOtherTeamsAreReused() throws IOException {
        WatasuConfig config = withSecondTeam(Models.example());
        renderInto(config, RenderOptions.defaults());
        plant(GRPC);
        plant(API);
        plant(OTHER_TEAM);
        WatasuConfig changed = withTrust(config, "grpc-app", List.of("api-app"));
        WriteResult result = renderInto(changed, RenderOptions.defaults());
        assertEquals(fullRender(changed, RenderOptions.defaults(), GRPC), onDisk(GRPC));
        assertNotEquals(fullRender(config, RenderOptions.defaults(), GRPC), onDisk(GRPC));
        assertEquals(fullRender(changed, RenderOptions.defaults(), API), onDisk(API),
                "every file of the changed team is rendered again");
        assertEquals(PLANTED, onDisk(OTHER_TEAM), "an unchanged team is reused");
        assertEquals(List.of(API, GRPC), result.written());
    }

    @Test
    void aChangedAppRewritesOnlyItsOwnFile() throws IOException {
        WatasuConfig config = withSecondTeam(Models.example());
        renderInto(config, RenderOptions.defaults());
        WriteResult result = renderInto(withTrust(config, "grpc-app", List.of("api-app")), RenderOptions.defaults());
        assertEquals(List.of(GRPC), result.written());
    }

    @Test
    void aTeamFolderMissingAFileIsRenderedAgain() throws IOException {
        WatasuConfig config = withSecondTeam(Models.example());
        renderInto(config, RenderOptions.defaults());
        plant(GRPC);
        Files.delete(out.resolve(API));
        WriteResult result = renderInto(config, RenderOptions.defaults());
        assertEquals(fullRender(config, RenderOptions.defaults(), GRPC), onDisk(GRPC));
        assertEquals(List.of(API, GRPC), result.written());
    }

    @Test
    void aChangedTemplateRendersEveryFileItFeedsAgain() throws IOException {
        WatasuConfig config = Models.example();
        RenderOptions overriding = RenderOptions.defaults().withTemplatesDir(templates);
        renderInto(config, overriding);
        plant(GRPC);
        Files.writeString(templates.resolve("service.yaml.hbs"),
                builtIn("service.yaml.hbs").replace("  labels:\n", "  labels:\n    extra: \"1\"\n"));
        renderInto(config, overriding);
        String rendered = onDisk(GRPC);
        assertEquals(fullRender(config, overriding, GRPC), rendered);
        assertTrue(rendered.contains("    extra: \"1\"\n"), rendered);
    }

    @Test
    void aHandEditedFileIsRenderedAgainAndReported() throws IOException {
        WatasuConfig config = Models.example();
        renderInto(config, RenderOptions.defaults());
        Files.writeString(out.resolve(GRPC), onDisk(GRPC).replace("50051", "50052"));
        WriteResult result = renderInto(config, RenderOptions.defaults());
        assertEquals(fullRender(config, RenderOptions.defaults(), GRPC), onDisk(GRPC));
        assertEquals(List.of(GRPC), result.handEdited());
    }

    @Test
    void aRecordWithoutFingerprintsRendersEverything() throws IOException {
        WatasuConfig config = Models.example();
        renderInto(config, RenderOptions.defaults());
        plant(GRPC);
        Path record = out.resolve(".watasu/owned.txt");
        Files.writeString(record, Files.readString(record).replaceAll("\\+[0-9a-f]{64} ", " "));
        renderInto(config, RenderOptions.defaults());
        assertEquals(fullRender(config, RenderOptions.defaults(), GRPC), onDisk(GRPC));
    }

    @Test
    void fingerprintsDependOnTemplatesAndPlan() {
        PlannedFile file = new PlannedFile("acme/a.yaml", List.of());
        Fingerprints builtIn = new Fingerprints("a");
        assertEquals(builtIn.of(file), new Fingerprints("a").of(file));
        assertNotEquals(builtIn.of(file), new Fingerprints("b").of(file));
        assertNotEquals(builtIn.of(file), builtIn.of(new PlannedFile("acme/b.yaml", List.of())));
    }

    @Test
    void theCanonicalEncodingIsUnambiguous() {
        assertNotEquals(encoded(List.of(new Label("ab", "c"))), encoded(List.of(new Label("a", "bc"))));
        assertNotEquals(encoded(List.of("a", "b")), encoded(List.of(List.of("a"), "b")));
        assertNotEquals(encoded(new Label("a", null)), encoded(new Label("a", "")));
        assertNotEquals(encoded(Map.of("ab", "c")), encoded(Map.of("a", "bc")));
        assertThrows(IllegalArgumentException.class, () -> encoded(Set.of("a")));
        assertThrows(IllegalArgumentException.class, () -> encoded(new SourcePosition("f", 1, 1)));
    }

    /**
     * Label maps of the model are immutable maps whose iteration order is chosen anew in every JVM: the encoding must
     * not follow it, or a platform with two pod labels would never be reused from one run to the next.
     */
    @Test
    void mapsEncodeTheSameWhateverTheirIterationOrder() {
        Map<String, String> oneOrder = new java.util.LinkedHashMap<>();
        oneOrder.put("app", "ingress");
        oneOrder.put("component", "controller");
        Map<String, String> otherOrder = new java.util.LinkedHashMap<>();
        otherOrder.put("component", "controller");
        otherOrder.put("app", "ingress");
        assertEquals(encoded(oneOrder), encoded(otherOrder));
    }

    private static String encoded(Object value) {
        StringBuilder out = new StringBuilder();
        Fingerprints.encode(value, out);
        return out.toString();
    }

    private static String builtIn(String name) throws IOException {
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
