package io.watasu.render;

import io.watasu.config.Diagnostic;
import io.watasu.config.ModelValidator;
import io.watasu.config.SourceMap;
import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.plan.ArgoCdPlanner;
import io.watasu.plan.NetworkPolicyObject;
import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validate and render agree at the edge: a model at every limit of {@link ModelValidator} (with the longest names)
 * is valid, and each of its largest objects renders, passes the parse-back and stays within what Kubernetes stores.
 */
class ModelLimitsTest {
    /** etcd's default request size limit: no stored object can be larger. */
    private static final int LARGEST_OBJECT_BYTES = 3 * 512 * 1024;
    /** Kubernetes' limit on the total size of an object's annotations. */
    private static final int LARGEST_ANNOTATIONS_BYTES = 256 * 1024;
    private static final Templates TEMPLATES = Templates.builtIn();

    /** A DNS label of exactly {@code length} characters, different for every {@code i}. */
    private static String name(char first, int i, int length) {
        String digits = Integer.toString(i);
        return first + "x".repeat(length - 1 - digits.length()) + digits;
    }

    /** Renders every object of the file the way the renderer does, checking each; returns the largest document. */
    private static String largestDocument(PlannedFile file) {
        String largest = "";
        for (PlannedObject object : file.objects()) {
            String document = TEMPLATES.apply(object.template(), object);
            DocumentCheck.check(document.endsWith("\n") ? document : document + "\n", object);
            largest = document.length() > largest.length() ? document : largest;
        }
        return largest;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void theAppProjectOfTheMostTeamsFits() {
        List<String> teams = new ArrayList<>();
        int length = ModelValidator.MAX_TEAM_NAME_CHARACTERS / ModelValidator.MAX_TEAMS;
        for (int i = 0; i < ModelValidator.MAX_TEAMS; i++) {
            teams.add(name('t', i, length));
        }
        WatasuConfig config = new WatasuConfig(1, Platform.defaults(),
                teams.stream().map(t -> new Team(t, List.of())).toList());
        assertEquals(List.of(), errors(config));

        PlannedFile project = ArgoCdPlanner.plan(teams, "https://git.example.com/platform/gitops.git", "main",
                "clusters/production").stream().filter(f -> f.relativePath().endsWith("project.yaml")).findFirst()
                .orElseThrow();
        String document = largestDocument(project);
        assertTrue(bytes(document) < LARGEST_OBJECT_BYTES, bytes(document) + " bytes");
    }

    @Test
    void theLargestTeamFits() {
        // Every platform setting at its limit, with the longest names, and a *-tcp process trusted by the most apps.
        List<String> cidrs = new ArrayList<>(List.of("169.254.0.0/16", "fe80::/10"));
        for (int i = 0; cidrs.size() < ModelValidator.MAX_CLUSTER_CIDRS; i++) {
            cidrs.add(i % 2 == 0 ? "10." + i + ".1.1/32" : "2001:db8:" + Integer.toHexString(i) + "::1/128");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < ModelValidator.MAX_POD_LABELS; i++) {
            labels.put("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61)
                    + "/" + name('k', i, 63), name('v', i, 63));
        }
        Platform platform = Platform.defaults().withClusterCidrs(cidrs)
                .withIngress(Platform.defaults().ingress().withPods(new PodSelector("ingress", labels)))
                .withDns(Platform.defaults().dns().withPods(new PodSelector("dns", labels)));
        List<String> callers = new ArrayList<>();
        List<App> apps = new ArrayList<>();
        for (int i = 0; i < ModelValidator.MAX_TRUST_ENTRIES; i++) {
            callers.add(name('c', i, 63));
            apps.add(new App("team", callers.get(i), List.of(), List.of()));
        }
        String app = name('a', 0, 63 - "-grpc-tcp".length());
        apps.add(new App("team", app, List.of(new Process("grpc-tcp", "run", 50051),
                new Process("web", "run", 5000), new Process("voip-rtc", "run", 40000)), callers));
        Team team = new Team(name('t', 0, 63), apps);
        WatasuConfig config = new WatasuConfig(1, platform, List.of(team));
        assertEquals(List.of(), errors(config));

        for (PlannedFile file : PolicyPlanner.planTeam(team, platform).files()) {
            String document = largestDocument(file);
            assertTrue(bytes(document) < LARGEST_OBJECT_BYTES, file.relativePath() + ": " + bytes(document));
        }
        for (PlannedObject object : PolicyPlanner.planTeam(team, platform).files().stream()
                .flatMap(f -> f.objects().stream()).toList()) {
            if (object instanceof NetworkPolicyObject policy) {
                assertTrue(bytes(policy.reason()) < LARGEST_ANNOTATIONS_BYTES / 2, policy.name());
            }
        }
    }

    private static List<String> errors(WatasuConfig config) {
        return ModelValidator.validate(config, SourceMap.empty("w.yaml")).stream().filter(Diagnostic::isError)
                .map(Diagnostic::format).toList();
    }
}
