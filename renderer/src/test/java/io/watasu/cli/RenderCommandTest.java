package io.watasu.cli;

import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import io.watasu.testing.PeerTemplates;
import io.watasu.testing.Sentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    @TempDir
    Path dir;

    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    private String stdout() {
        return last.stdout();
    }

    private String stderr() {
        return last.stderr();
    }

    private String example() {
        return Examples.exampleFile().toString();
    }

    @Test
    void rendersTheExampleAndReportsProgress() {
        Path target = dir.resolve("out");
        assertEquals(0, run("render", example(), "--out", target.toString()));
        assertEquals("watasu: rendered 5 apps in 2 teams: 5 written, 0 removed, 0 unchanged\n", stderr());
        assertTrue(Files.exists(target.resolve("acme/grpc-app.yaml")));
        assertTrue(Files.exists(target.resolve(".watasu/owned.txt")));
        assertEquals(0, run("render", example(), "--out", target.toString()));
        assertEquals("watasu: rendered 5 apps in 2 teams: 0 written, 0 removed, 5 unchanged\n", stderr());
    }

    @Test
    void fileDefaultsToWatasuYamlInTheWorkingDirectory() {
        assertEquals(1, run("render", "--out", dir.resolve("out").toString()));
        assertTrue(stderr().startsWith("watasu.yaml:1:1: error: file not found"), stderr());
    }

    @Test
    void checkPassesWhenUpToDateAndListsEveryStaleFile() throws IOException {
        Path target = dir.resolve("out");
        assertEquals(1, run("render", example(), "--out", target.toString(), "--check"));
        assertTrue(stdout().contains("missing: acme/_team.yaml\n"), stdout());
        assertFalse(Files.exists(target), "--check writes nothing");
        assertEquals(0, run("render", example(), "--out", target.toString(), "--quiet"));
        assertEquals("", stderr());
        assertEquals(0, run("render", example(), "--out", target.toString(), "--check"));
        Files.writeString(target.resolve("acme/grpc-app.yaml"), "edited\n");
        assertEquals(1, run("render", example(), "--out", target.toString(), "--check"));
        assertEquals("changed: acme/grpc-app.yaml (edited by hand)\n", stdout());
        assertTrue(stderr().contains("is stale (1 difference(s)); run 'watasu render"), stderr());
    }

    /** A render may reuse files the record vouches for; --check must compare with a full render regardless. */
    @Test
    void checkRendersEverythingEvenWhereTheRecordVouchesForAFile() throws IOException {
        Path target = dir.resolve("out");
        assertEquals(0, run("render", example(), "--out", target.toString(), "--quiet"));
        Path file = target.resolve("acme/grpc-app.yaml");
        Path record = target.resolve(".watasu/owned.txt");
        String oldHash = sha256(Files.readAllBytes(file));
        Files.writeString(file, "edited\n");
        Files.writeString(record, Files.readString(record).replace(oldHash, sha256("edited\n".getBytes())));
        assertEquals(0, run("render", example(), "--out", target.toString(), "--quiet"));
        assertEquals("edited\n", Files.readString(file), "the render took the record's word");
        assertEquals(1, run("render", example(), "--out", target.toString(), "--check"));
        assertEquals("changed: acme/grpc-app.yaml\n", stdout());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void invalidInputPrintsPositionedErrorsAndWritesNothing() throws IOException {
        Path input = dir.resolve("watasu.yaml");
        Files.writeString(input, "version: 1\nteams:\n  acme:\n    apps:\n      Bad_App:\n        processes: {web: x}\n");
        Path target = dir.resolve("out");
        assertEquals(1, run("render", input.toString(), "--out", target.toString()));
        assertTrue(stderr().startsWith(input + ":5:7: error: "), stderr());
        assertTrue(stderr().endsWith("nothing written\n"), stderr());
        assertFalse(Files.exists(target));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("render", example()));
        assertTrue(stderr().contains("Missing required option: '--out=DIR'"), stderr());
        assertEquals(2, run("render", example(), "--out", "x", "--bogus"));
    }

    @Test
    void helpDescribesTheCommand() {
        assertEquals(0, run("render", "--help"));
        assertTrue(stdout().contains("--out=DIR"), stdout());
        assertTrue(stdout().contains("--check"), stdout());
        assertTrue(stdout().contains("Exit codes:"), stdout());
    }

    @Test
    void argoCdWiringIsOptionalAndRefusesCredentialsWithoutEchoingThem() {
        Path target = dir.resolve("out");
        assertEquals(0, run("render", example(), "--out", target.toString(), "--argocd-repo",
                "https://git.example.com/gitops.git", "--argocd-path", "clusters/prod"));
        assertTrue(Files.exists(target.resolve("argocd/applicationset.yaml")));
        assertEquals(2, run("render", example(), "--out", dir.resolve("other").toString(), "--argocd-repo",
                "https://bot:s3cret-token@git.example.com/gitops.git"));
        assertFalse(stderr().contains("s3cret-token"), stderr());
        assertTrue(stderr().contains("carries credentials"), stderr());
        assertFalse(Files.exists(dir.resolve("other")));
    }

    @Test
    void foreignFileInTheWayIsAOneLineFailure() throws IOException {
        Path target = dir.resolve("out");
        Files.createDirectories(target.resolve("acme"));
        Files.writeString(target.resolve("acme/grpc-app.yaml"), "mine\n");
        assertEquals(1, run("render", example(), "--out", target.toString()));
        assertEquals(1, stderr().lines().count(), stderr());
        assertTrue(stderr().startsWith("watasu: error: 1 file(s) in " + target + " were not written by watasu: "
                + "acme/grpc-app.yaml;"), stderr());
        assertTrue(stderr().contains("run again with --remove-foreign"), stderr());
        assertEquals("mine\n", Files.readString(target.resolve("acme/grpc-app.yaml")));
    }

    /**
     * A NetworkPolicy allowing everything, added by hand to a team folder, would be deployed by Argo CD with the
     * team's objects: --check fails naming it, render refuses to write, and --remove-foreign deletes it (only it).
     */
    @Test
    void aHandAddedFileInATeamFolderFailsTheCheckAndStopsTheRender() throws IOException {
        Path target = dir.resolve("out");
        String[] render = {"render", example(), "--out", target.toString(), "--argocd-repo",
                "https://git.example.com/gitops.git"};
        assertEquals(0, run(render));
        Path allowAll = target.resolve("acme/zz-allow-all.yaml");
        Files.writeString(allowAll, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n");
        Files.writeString(target.resolve("argocd/extra-app.yaml"), "kind: Application\n");
        Files.writeString(target.resolve("NOTES.md"), "notes at the top are not Argo CD's\n");

        assertEquals(1, run(append(render, "--check")));
        assertEquals("not written by watasu: acme/zz-allow-all.yaml\nnot written by watasu: argocd/extra-app.yaml\n",
                stdout());
        assertTrue(stderr().contains("keep your own objects in a folder outside " + target), stderr());

        assertEquals(1, run(render));
        assertTrue(stderr().contains("2 file(s) in " + target + " were not written by watasu: "
                + "acme/zz-allow-all.yaml, argocd/extra-app.yaml"), stderr());
        assertTrue(Files.exists(allowAll));

        assertEquals(0, run(append(render, "--remove-foreign")));
        assertTrue(stderr().contains("watasu: warning: " + allowAll + " was not written by watasu; removed"),
                stderr());
        assertFalse(Files.exists(allowAll));
        assertFalse(Files.exists(target.resolve("argocd/extra-app.yaml")));
        assertTrue(Files.exists(target.resolve("NOTES.md")));
        assertEquals(0, run(append(render, "--check")));
    }

    /** A team folder that is a link to elsewhere: render and --check refuse, name it, and touch nothing outside. */
    @Test
    void aSymbolicLinkInTheOutputIsRefusedAndNothingOutsideIsTouched() throws IOException {
        Path target = dir.resolve("out");
        assertEquals(0, run("render", example(), "--out", target.toString()));
        Sentinel sentinel = Sentinel.plant(dir.resolve("outside"));
        Sentinel.replaceWithLink(target.resolve("acme"), sentinel.folder().resolve("acme"));
        Sentinel.replaceWithLink(target.resolve("globex/meet-app.yaml"), sentinel.file());

        for (String[] args : List.of(new String[] {"render", example(), "--out", target.toString()},
                new String[] {"render", example(), "--out", target.toString(), "--check"},
                new String[] {"render", example(), "--out", target.toString(), "--remove-foreign"})) {
            assertEquals(1, run(args), String.join(" ", args));
            assertTrue(stderr().contains("watasu: error: " + target.resolve("acme") + " is a symbolic link"),
                    stderr());
            sentinel.assertUntouched();
        }
        Files.delete(target.resolve("acme"));
        assertEquals(1, run("render", example(), "--out", target.toString()));
        assertTrue(stderr().contains(target.resolve("globex/meet-app.yaml") + " is a symbolic link"), stderr());
        sentinel.assertUntouched();
    }

    @Test
    void anArgoCdPathGitOrArgoCdWouldReadDifferentlyIsAUsageError() {
        for (String path : List.of("clusters/.git/hooks", "clusters/.GIT", "a//b", "../x", "/abs", "a\\b",
                "clusters/prod\nwatasu: all good", ".watasu", "clusters/*")) {
            Path target = dir.resolve("out");
            assertEquals(2, run("render", example(), "--out", target.toString(), "--argocd-repo",
                    "https://git.example.com/gitops.git", "--argocd-path", path), path);
            assertTrue(stderr().contains("--argocd-path: "), stderr());
            assertFalse(stderr().contains("\nwatasu: all good"), "a control character is shown escaped: " + stderr());
            assertFalse(Files.exists(target));
        }
    }

    /** Failures of the output folder read as a path and a cause, never as a Java exception. */
    @Test
    void anUnusableOutputFolderIsAPlainMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x\n");
        assertEquals(3, run("render", example(), "--out", file.resolve("out").toString()));
        assertEquals("watasu: error: cannot read " + file.resolve("out") + ": " + file.resolve("out")
                + ": Not a directory\n", stderr());
        assertEquals(3, run("render", example(), "--out", file.toString()));
        assertTrue(stderr().startsWith("watasu: error: " + file + " is not a folder"), stderr());
        for (String text : List.of(stderr())) {
            assertFalse(text.matches("(?s).*(java\\.|Exception).*"), text);
        }
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void brokenTemplateOverrideFailsWithItsNameAndWritesNothing() throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("namespace.yaml.hbs"), "kind: Namespace\nmetadata: [\n");
        Path target = dir.resolve("out");
        assertEquals(1, run("render", example(), "--out", target.toString(), "--templates", templates.toString()));
        assertTrue(stderr().startsWith("watasu: error: template namespace.yaml.hbs produced invalid YAML"), stderr());
        assertFalse(Files.exists(target));
    }

    /**
     * A template override that still renders valid objects but lets a pod of ANY namespace that copies the callers'
     * labels into a *-tcp process: the independent verifier must stop it before anything is written.
     */
    @Test
    void overrideThatWeakensTheContractIsRefusedByTheVerifier() throws IOException {
        String builtIn = Files.readString(Path.of(System.getProperty("watasu.repoRoot"), "templates",
                "networkpolicy.yaml.hbs"));
        String anyNamespacePeer = "    - namespaceSelector: {}\n      podSelector: {{yamlSelector podSelector}}\n";
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("networkpolicy.yaml.hbs"),
                PeerTemplates.withPeers(builtIn, PeerTemplates.PLATFORM_PEER, anyNamespacePeer));
        Path target = dir.resolve("out");

        assertEquals(ExitCodes.INVALID_INPUT,
                run("render", example(), "--out", target.toString(), "--templates", templates.toString()));
        assertTrue(stderr().contains("contract violation: ") && stderr().contains("grpc-app:grpc-tcp"), stderr());
        assertTrue(stderr().contains("contract violation(s) in the rendered output; nothing written"), stderr());
        assertFalse(Files.exists(target));
    }

    @Test
    void validateAndRenderRefuseFiftyThousandTeamsAlike() throws IOException {
        StringBuilder text = new StringBuilder("version: 1\nteams:\n");
        for (int i = 1; i <= 50_000; i++) {
            text.append("  team-").append(i).append(": {apps: {app-").append(i).append(": {processes: {web: run}}}}\n");
        }
        Path file = dir.resolve("watasu.yaml");
        Files.writeString(file, text);
        String diagnostic = file + ":10003:3: error: more than 10000 teams (50000): the Argo CD AppProject lists every"
                + " team namespace and would outgrow what Kubernetes stores (10000 namespaces is also the most a"
                + " cluster is tested with) (split the platform: one watasu.yaml per cluster)\n";

        CliRun validate = CliRun.of("validate", file.toString());
        assertEquals(1, validate.exitCode());
        assertEquals(diagnostic, validate.stderr());

        Path out = dir.resolve("out");
        CliRun render = CliRun.of("render", file.toString(), "--out", out.toString(), "--argocd-repo",
                "https://git.example.com/platform/gitops.git");
        assertEquals(1, render.exitCode());
        assertEquals(diagnostic + "watasu: 1 error(s) in " + file + "; nothing written\n", render.stderr());
        assertFalse(Files.exists(out));
    }
}
