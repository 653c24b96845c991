package io.watasu.ci;

import io.watasu.testing.CliRun;
import io.watasu.testing.Schemas;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steps of the GitHub action (ci/github/pr-check.sh) and of the GitLab template (ci/gitlab/mr-check.sh), run
 * as the runner runs them: bash with the runner's environment, in a shallow checkout of a real Git repository, the
 * real watasu command, an event JSON shaped like GitHub's, and a stand-in comment API on loopback that records the
 * calls. What a hosted runner adds (the action's YAML wiring, setup-java) is not run here.
 */
class PullRequestCheckTest {
    private static final String TOKEN = "ghs_standInToken0123456789";
    private static final String MARKER = "<!-- watasu-access-review file=watasu.yaml -->";

    @TempDir
    Path tmp;
    private StandInForge forge;
    private Path watasu;
    private String baseSha;
    private String headSha;

    @BeforeEach
    void start() throws IOException {
        forge = new StandInForge();
        // The real command line, from the classes under test.
        watasu = tmp.resolve("bin/watasu");
        Files.createDirectories(watasu.getParent());
        Files.writeString(watasu, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dslf4j.internal.verbosity=ERROR -cp '"
                + System.getProperty("java.class.path") + "' io.watasu.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(watasu, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stop() {
        forge.close();
    }

    private static String review(String name) throws IOException {
        return Files.readString(TestData.repoRoot().resolve("renderer/src/test/resources/review/" + name));
    }

    /**
     * A repository whose main has {@code base} and whose pull request has {@code head}, each with its rendered
     * folder (the head's left stale when asked), cloned one commit deep as actions/checkout does.
     */
    private Path checkout(String base, String head, boolean renderHead) throws Exception {
        Path origin = tmp.resolve("origin");
        git(tmp, "init", "-q", "-b", "main", origin.toString());
        Files.writeString(origin.resolve("watasu.yaml"), base);
        render(origin);
        git(origin, "add", "-A");
        git(origin, "commit", "-q", "-m", "base");
        baseSha = git(origin, "rev-parse", "HEAD").strip();
        Files.writeString(origin.resolve("watasu.yaml"), head);
        if (renderHead) {
            render(origin);
        }
        git(origin, "commit", "-q", "-a", "-m", "head");
        headSha = git(origin, "rev-parse", "HEAD").strip();
        Path checkout = tmp.resolve("checkout");
        git(tmp, "clone", "-q", "--depth", "1", "file://" + origin, checkout.toString());
        return checkout;
    }

    private static void render(Path repo) {
        CliRun run = CliRun.of("render", repo.resolve("watasu.yaml").toString(), "--out",
                repo.resolve("rendered").toString(), "--quiet");
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.stderr());
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Dev", "-c",
                "user.email=dev@example.com", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
        return output;
    }

    record Run(int exitCode, String stdout, String stderr, Map<String, String> outputs) {
        String all() {
            return stdout + stderr;
        }
    }

    private Run githubCheck(Path checkout, Map<String, String> extra) throws Exception {
        Path event = tmp.resolve("event.json");
        Files.writeString(event, Files.readString(TestData.repoRoot()
                        .resolve("renderer/src/test/resources/ci/github-pull-request-event.json"))
                .replace("${BASE_SHA}", baseSha).replace("${HEAD_SHA}", headSha));
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_EVENT_PATH", event.toString());
        env.put("GITHUB_API_URL", forge.url());
        env.put("GITHUB_REPOSITORY", "acme/platform");
        env.put("GITHUB_SERVER_URL", "https://github.example");
        env.put("GITHUB_RUN_ID", "1234");
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("WATASU_RENDERED", "rendered");
        env.putAll(extra);
        return script("ci/github/pr-check.sh", checkout, env);
    }

    private Run script(String script, Path checkout, Map<String, String> env) throws Exception {
        Path outputs = tmp.resolve("outputs-" + System.nanoTime());
        Path summary = tmp.resolve("summary.md");
        Files.deleteIfExists(summary);
        Path runnerTemp = Files.createDirectories(tmp.resolve("runner-temp"));
        ProcessBuilder builder = new ProcessBuilder("bash", TestData.repoRoot().resolve(script).toString())
                .directory(checkout.toFile());
        builder.environment().put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GITHUB_OUTPUT", outputs.toString());
        builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        builder.environment().put("RUNNER_TEMP", runnerTemp.toString());
        builder.environment().put("WATASU", watasu.toString());
        builder.environment().putAll(env);
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the script did not finish");
        Map<String, String> values = new HashMap<>();
        if (Files.exists(outputs)) {
            for (String line : Files.readAllLines(outputs)) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Run run = new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr), values);
        assertFalse(run.all().contains(TOKEN), "the token was printed: " + run.all());
        return run;
    }

    @Test
    void wideningWithoutTheLabelIsCommentedOnAndFails() throws Exception {
        Path checkout = checkout(review("trust-grant/base.yaml"), review("trust-grant/head.yaml"), true);
        Run run = githubCheck(checkout, Map.of());

        assertEquals(1, run.exitCode(), run.all());
        assertEquals(List.of("GET /repos/acme/platform/issues/42/comments", "POST /repos/acme/platform/issues/42/comments",
                "GET /repos/acme/platform/issues/42/labels"), forge.routes());
        StandInForge.Call post = forge.calls().get(1);
        assertEquals("Bearer " + TOKEN, post.authorization());
        String body = post.json().get("body").asText();
        assertTrue(body.startsWith(MARKER + "\n## Access widened: 1 connection granted, 0 revoked\n"), body);
        assertTrue(body.contains("- `billing-app -> grpc-app:grpc-tcp 50051/TCP` (team acme)"), body);
        assertTrue(body.contains("[watasu access review](https://github.example/acme/platform/actions/runs/1234)"), body);
        assertTrue(run.stdout().contains("::error title=watasu::this change grants new connections"), run.stdout());
        assertEquals("true", run.outputs().get("widened"));
        assertEquals("https://forge.example/comment/9001", run.outputs().get("comment-url"));
        assertTrue(Files.readString(Path.of(run.outputs().get("report"))).startsWith("## Access widened"));
        assertTrue(Files.readString(tmp.resolve("summary.md")).startsWith("## Access widened"));
        // The shallow checkout lacked the base commit; the script fetched it.
        assertEquals(baseSha + "\n", git(checkout, "rev-parse", baseSha + "^{commit}"));
    }

    @Test
    void theEarlierCommentIsUpdatedAndTheLabelApproves() throws Exception {
        for (long id = 1; id <= 100; id++) {
            // A page of other comments, among them one quoting the marker, by someone else: not to be edited.
            forge.comments.add(new StandInForge.Comment(id, id == 50 ? "mallory" : "octocat",
                    id == 50 ? "look: " + MARKER : "LGTM " + id));
        }
        forge.comments.add(new StandInForge.Comment(777, "github-actions[bot]", MARKER + "\nold report"));
        forge.labels.add("access-approved");
        Path checkout = checkout(review("trust-grant/base.yaml"), review("trust-grant/head.yaml"), true);
        Run run = githubCheck(checkout, Map.of());

        assertEquals(0, run.exitCode(), run.all());
        assertEquals(List.of("GET /repos/acme/platform/issues/42/comments", "GET /repos/acme/platform/issues/42/comments",
                "PATCH /repos/acme/platform/issues/comments/777", "GET /repos/acme/platform/issues/42/labels"),
                forge.routes());
        assertTrue(forge.calls().get(1).path().contains("page=2"), forge.calls().get(1).path());
        assertTrue(forge.calls().get(2).json().get("body").asText().contains("Access widened"));
        assertTrue(run.stdout().contains("::notice title=watasu::this change grants new connections; approved by the"
                + " label access-approved"), run.stdout());
    }

    @Test
    void narrowingNeedsNoApproval() throws Exception {
        Path checkout = checkout(review("trust-revoke/base.yaml"), review("trust-revoke/head.yaml"), true);
        Run run = githubCheck(checkout, Map.of());

        assertEquals(0, run.exitCode(), run.all());
        assertEquals(List.of("GET /repos/acme/platform/issues/42/comments", "POST /repos/acme/platform/issues/42/comments"),
                forge.routes(), "no label check");
        assertTrue(forge.calls().get(1).json().get("body").asText().contains("## Access narrowed"));
        assertEquals("false", run.outputs().get("widened"));
    }

    @Test
    void invalidHeadIsAnnotatedAndTheCommentSaysSo() throws Exception {
        String base = review("trust-grant/base.yaml");
        Path checkout = checkout(base, base.replace("trust: [api-app]", "trust: [api-ap]"), false);
        Run run = githubCheck(checkout, Map.of());

        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.stdout().contains("::error file=watasu.yaml,line=9,"), run.stdout());
        assertTrue(run.stdout().contains("trusts unknown app 'api-ap'"), run.stdout());
        String body = forge.calls().get(1).json().get("body").asText();
        assertTrue(body.contains("## watasu.yaml is invalid"), body);
        assertFalse(forge.routes().contains("GET /repos/acme/platform/issues/42/labels"));
    }

    @Test
    void aStaleRenderedFolderFailsEvenWhenApproved() throws Exception {
        forge.labels.add("access-approved");
        Path checkout = checkout(review("trust-grant/base.yaml"), review("trust-grant/head.yaml"), false);
        Run run = githubCheck(checkout, Map.of());

        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.stdout().contains("::error file=rendered/acme/grpc-app.yaml,title=watasu%3A rendered output is"
                + " up to date::changed: not what watasu.yaml renders"), run.stdout());
    }

    @Test
    void aReadOnlyTokenStillChecksAndGates() throws Exception {
        forge.createStatus = 403;
        Path checkout = checkout(review("trust-grant/base.yaml"), review("trust-grant/head.yaml"), true);
        Run run = githubCheck(checkout, Map.of());

        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.stdout().contains("::warning title=watasu::the token may not comment"), run.stdout());
        assertTrue(run.stdout().contains("::error title=watasu::this change grants new connections"), run.stdout());
    }

    @Test
    void outsideAPullRequestOnlyTheChecksRun() throws Exception {
        Path checkout = checkout(review("trust-grant/base.yaml"), review("trust-grant/head.yaml"), true);
        Path push = Files.writeString(tmp.resolve("push.json"), "{\"ref\": \"refs/heads/main\"}");
        Run run = script("ci/github/pr-check.sh", checkout, Map.of("GITHUB_EVENT_PATH", push.toString(),
                "GITHUB_REPOSITORY", "acme/platform", "GITHUB_API_URL", forge.url(), "GITHUB_TOKEN", TOKEN,
                "WATASU_RENDERED", "rendered"));
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(List.of(), forge.routes());
    }

    private Run gitlabCheck(Path checkout, String labelsAtStart) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CI_API_V4_URL", forge.url() + "/api/v4");
        env.put("CI_PROJECT_ID", "12");
        env.put("CI_MERGE_REQUEST_IID", "7");
        env.put("CI_MERGE_REQUEST_DIFF_BASE_SHA", baseSha);
        env.put("CI_MERGE_REQUEST_LABELS", labelsAtStart);
        env.put("CI_JOB_URL", "https://gitlab.example/acme/platform/-/jobs/99");
        env.put("WATASU_GITLAB_TOKEN", TOKEN);
        env.put("WATASU_RENDERED", "rendered");
        env.put("WATASU_REPORTS", tmp.resolve("reports").toString());
        return script("ci/gitlab/mr-check.sh", checkout, env);
    }

    @Test
    void gitlabNoteIsPostedThenUpdatedAndTheCurrentLabelsDecide() throws Exception {
        Path checkout = checkout(review("trust-grant/base.yaml"), review("trust-grant/head.yaml"), true);
        // The label was there when the pipeline started, and has been taken off since.
        Run first = gitlabCheck(checkout, "access-approved");
        assertEquals(1, first.exitCode(), first.all());
        assertEquals(List.of("GET /api/v4/projects/12/merge_requests/7/notes", "POST /api/v4/projects/12/merge_requests/7/notes",
                "GET /api/v4/projects/12/merge_requests/7"), forge.routes());
        assertEquals(TOKEN, forge.calls().get(1).authorization());
        String body = forge.calls().get(1).json().get("body").asText();
        assertTrue(body.startsWith(MARKER + "\n## Access widened"), body);
        assertTrue(first.stderr().contains("watasu: error: this change grants new connections"), first.stderr());
        String junit = Files.readString(tmp.resolve("reports/watasu-checks.xml"));
        assertEquals(List.of(), Schemas.junitProblems(junit));
        assertTrue(junit.contains("failures=\"0\""), junit);
        assertTrue(Files.readString(tmp.resolve("reports/watasu-access-review.md")).startsWith("## Access widened"));

        forge.comments.add(new StandInForge.Comment(31, "project_12_bot", body));
        forge.labels.add("access-approved");
        Run second = gitlabCheck(checkout, "");
        assertEquals(0, second.exitCode(), second.all());
        assertTrue(forge.routes().contains("PUT /api/v4/projects/12/merge_requests/7/notes/31"), forge.routes().toString());
    }
}
