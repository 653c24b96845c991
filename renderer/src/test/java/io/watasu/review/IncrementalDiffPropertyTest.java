package io.watasu.review;

import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.edit.EditRefusedException;
import io.watasu.edit.ProcessSpec;
import io.watasu.edit.WatasuYamlEditor;
import io.watasu.model.App;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.testing.ModelYaml;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental diff (only the teams a change touches are rendered and evaluated) gives the same report, byte for
 * byte, as rendering and evaluating every team, on seeded random platforms and random edits of their watasu.yaml:
 * trust lists, processes and ports, apps and teams added and removed, a team renamed, platform settings, comments,
 * the file added or deleted.
 */
class IncrementalDiffPropertyTest {
    private static final int CASES = 400;
    private final AccessReview review = new AccessReview(Renderer.of(RenderOptions.defaults()));

    @Test
    void incrementalAndFullDiffsAreTheSame() {
        int compared = 0;
        int partial = 0;
        int widened = 0;
        for (long seed = 1; seed <= CASES; seed++) {
            Random random = new Random(seed);
            String base = ModelYaml.write(RandomPlatforms.generate(seed * 7919));
            String head = base;
            int edits = 1 + random.nextInt(3);
            List<String> applied = new ArrayList<>();
            for (int i = 0; i < edits; i++) {
                head = edit(head, random, applied);
            }
            WatasuConfig before = load(base);
            WatasuConfig after = load(head);
            if (after == null) {
                continue; // an edit made the file invalid (a trust entry naming a removed app): diff exits 1
            }
            int presence = random.nextInt(20);
            if (presence == 0) {
                before = null; // the change adds the file
            } else if (presence == 1) {
                after = null; // the change deletes the file
            }
            AccessDiff incremental = review.diff("watasu.yaml", "base", before, "head", after);
            AccessDiff full = review.fullDiff("watasu.yaml", "base", before, "head", after);
            String context = "seed " + seed + ", edits " + applied + "\n--- base\n" + base + "--- head\n" + head;
            assertEquals(DiffReport.markdown(full), DiffReport.markdown(incremental), context);
            assertEquals(DiffReport.json(full), DiffReport.json(incremental), context);
            compared++;
            Set<String> rendered = AccessReview.teamsToCompare(before, after);
            if (after != null && rendered.size() < after.teams().size()) {
                partial++;
            }
            if (full.widened()) {
                widened++;
            }
        }
        // The property must have been exercised: most cases valid, many rendering only some teams, many widening.
        assertTrue(compared > CASES * 3 / 4, "only " + compared + " valid cases");
        assertTrue(partial > CASES / 4, "only " + partial + " cases rendered a subset of the teams");
        assertTrue(widened > CASES / 4, "only " + widened + " cases widened access");
    }

    private static WatasuConfig load(String text) {
        LoadResult loaded = ConfigLoader.parse("watasu.yaml", text);
        return loaded.ok() ? loaded.config() : null;
    }

    /** One random edit of the text, by the comment-preserving editor where it has the operation. */
    private static String edit(String text, Random random, List<String> applied) {
        WatasuConfig config = load(text);
        if (config == null) {
            return text;
        }
        List<App> apps = config.apps().toList();
        if (apps.isEmpty()) {
            applied.add("add team0/first-app");
            return WatasuYamlEditor.upsertApp("watasu.yaml", text, "team0", "first-app", randomProcesses(random));
        }
        App app = apps.get(random.nextInt(apps.size()));
        Team team = config.team(app.team()).orElseThrow();
        try {
            switch (random.nextInt(9)) {
                case 0, 1 -> {
                    List<String> trust = new ArrayList<>();
                    team.apps().stream().map(App::name).filter(n -> random.nextBoolean()).forEach(trust::add);
                    applied.add("trust " + app.name() + " " + trust);
                    return WatasuYamlEditor.setTrust("watasu.yaml", text, app.name(), trust);
                }
                case 2 -> {
                    Map<String, ProcessSpec> processes = randomProcesses(random);
                    applied.add("processes " + app.name() + " " + processes.keySet());
                    return WatasuYamlEditor.upsertApp("watasu.yaml", text, app.team(), app.name(), processes);
                }
                case 3 -> {
                    String team2 = random.nextBoolean() ? app.team() : "newteam" + random.nextInt(3);
                    String name = "new-app" + random.nextInt(1000);
                    applied.add("add " + team2 + "/" + name);
                    return WatasuYamlEditor.upsertApp("watasu.yaml", text, team2, name, randomProcesses(random));
                }
                case 4 -> {
                    applied.add("remove " + app.name());
                    String removed = WatasuYamlEditor.removeApp("watasu.yaml", text, app.name());
                    // Take the app off every trust list that named it, as a real change would.
                    for (App other : config.apps().toList()) {
                        if (other.trust().contains(app.name()) && !other.name().equals(app.name())) {
                            List<String> trust = new ArrayList<>(other.trust());
                            trust.remove(app.name());
                            removed = WatasuYamlEditor.setTrust("watasu.yaml", removed, other.name(), trust);
                        }
                    }
                    return removed;
                }
                case 5 -> {
                    applied.add("rename team " + team.name());
                    return text.replace("\n  " + team.name() + ":\n", "\n  renamed-" + team.name() + ":\n");
                }
                case 6 -> {
                    String change = random.nextBoolean() ? "domain" : "clusterCidrs";
                    applied.add("platform " + change);
                    return change.equals("domain")
                            ? text.replaceFirst("(?m)^  domain: .*$", "  domain: changed.example.net")
                            : text.replaceFirst("(?m)^  clusterCidrs: \\[", "  clusterCidrs: [100.64.0.0/10, ");
                }
                case 7 -> {
                    applied.add("comment");
                    return text.replaceFirst("\nteams:\n", "\n# reviewed\nteams:\n");
                }
                default -> {
                    applied.add("no change");
                    return text;
                }
            }
        } catch (EditRefusedException e) {
            applied.add("refused");
            return text;
        }
    }

    private static Map<String, ProcessSpec> randomProcesses(Random random) {
        String[] kinds = {"web", "api-web", "grpc-tcp", "db-tcp", "media-rtc", "worker"};
        Map<String, ProcessSpec> processes = new LinkedHashMap<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String kind = kinds[random.nextInt(kinds.length)];
            int port = kind.endsWith("-rtc") ? 30000 + random.nextInt(1000) : 1024 + random.nextInt(60000);
            processes.put(kind, new ProcessSpec("run " + kind, port));
        }
        return processes;
    }
}
