package io.watasu.ci;

import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parts of action.yml and the GitLab template that no runner checks here: the action's shape (composite,
 * every run step with a shell, the script it calls), every input it declares wired to the script and every
 * variable the script reads given by the action; the GitLab job's rules, script and JUnit report.
 */
class CiDefinitionsTest {
    private static Map<String, Object> yaml(String path) throws Exception {
        return new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(TestData.repoRoot().resolve(path)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (T) current;
    }

    @Test
    void theActionIsACompositeThatRunsTheTestedScript() throws Exception {
        Map<String, Object> action = yaml("action.yml");
        assertEquals("composite", at(action, "runs", "using"));
        List<Map<String, Object>> steps = at(action, "runs", "steps");
        for (Map<String, Object> step : steps) {
            if (step.containsKey("run")) {
                assertEquals("bash", step.get("shell"), "a composite run step needs a shell: " + step);
            }
        }
        Map<String, Object> review = steps.stream().filter(s -> "review".equals(s.get("id"))).findFirst().orElseThrow();
        assertEquals("\"$GITHUB_ACTION_PATH/ci/github/pr-check.sh\"", review.get("run"));
        Map<String, String> env = at(review, "env");
        Map<String, Object> inputs = at(action, "inputs");
        // Every input reaches the steps, and every variable the script reads is given.
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("inputs\\.([a-z-]+)").matcher(Files.readString(TestData.repoRoot().resolve("action.yml")));
        while (m.find()) {
            used.add(m.group(1));
        }
        assertEquals(new TreeSet<>(inputs.keySet()), used);
        String script = Files.readString(TestData.repoRoot().resolve("ci/github/pr-check.sh"))
                + Files.readString(TestData.repoRoot().resolve("ci/lib/review.sh"));
        Set<String> read = new TreeSet<>();
        Matcher variables = Pattern.compile("\\$\\{?(WATASU_[A-Z_]+|GITHUB_TOKEN)").matcher(script);
        while (variables.find()) {
            read.add(variables.group(1));
        }
        read.remove("WATASU_MAX_LENGTH"); // set by the script itself
        assertEquals(read, new TreeSet<>(env.keySet().stream().filter(k -> !k.equals("WATASU")).toList()));
        Map<String, Object> outputs = at(action, "outputs");
        assertTrue(outputs.keySet().containsAll(Set.of("widened", "comment-url", "report")), outputs.toString());
        assertTrue(Files.isExecutable(TestData.repoRoot().resolve("ci/github/pr-check.sh")));
        String doc = Files.readString(TestData.repoRoot().resolve("docs/ci.md"));
        inputs.keySet().forEach(input -> assertTrue(doc.contains("| `" + input + "` |"), "docs/ci.md lacks " + input));
    }

    @Test
    void theGitlabJobRunsOnMergeRequestsAndReportsJunit() throws Exception {
        Map<String, Object> ci = yaml("ci/gitlab/watasu.gitlab-ci.yml");
        Map<String, Object> job = at(ci, "watasu-access-review");
        List<Map<String, Object>> rules = at(job, "rules");
        assertEquals("$CI_PIPELINE_SOURCE == \"merge_request_event\"", rules.get(0).get("if"));
        assertEquals("watasu-reports/watasu-checks.xml", at(job, "artifacts", "reports", "junit"));
        List<String> script = at(job, "script");
        assertTrue(script.get(0).endsWith("/.watasu-tool/ci/gitlab/mr-check.sh\""), script.toString());
        assertEquals(0, (int) at(job, "variables", "GIT_DEPTH"));
        assertTrue(Files.isExecutable(TestData.repoRoot().resolve("ci/gitlab/mr-check.sh")));
        assertTrue(Files.readString(Path.of(TestData.repoRoot().toString(), "ci/gitlab/mr-check.sh"))
                .contains("CI_MERGE_REQUEST_DIFF_BASE_SHA"));
    }
}
