package io.watasu.render;

import io.watasu.config.ConfigLoader;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.OutputWriter;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;
import io.watasu.verify.IntentCheck;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The phases of a cold {@code watasu render} one after the other in one thread, with the process's CPU time of each
 * (garbage collection and compilation included, as a render pays them): loading watasu.yaml, planning, applying the
 * templates, parsing every document back, and the contract check's reading and judging, team by team; then writing
 * the files into a scratch folder. Round 0 is what a cold render pays, later rounds the warmed-up cost.
 * {@code RenderPhasesProfile watasu.yaml [rounds]}; run by bench/render-phases-profile.sh, on both platforms of
 * bench/render-settings-bench.sh to see where the difference goes.
 */
public final class RenderPhasesProfile {
    private static final String[] PHASES = {"load", "plan", "templates", "document check", "contract read",
            "contract judge", "write"};

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 0; round < rounds; round++) {
            long[] cpu = new long[PHASES.length];
            long start = cpuNow();
            WatasuConfig config = ConfigLoader.load(Path.of(args[0])).config();
            cpu[0] = lap(start);

            start = cpuNow();
            List<PlannedFile> planned = new ArrayList<>();
            config.teams().forEach(team -> planned.addAll(PolicyPlanner.planTeam(team, config.platform()).files()));
            Templates templates = Templates.builtIn();
            cpu[1] = lap(start);

            start = cpuNow();
            List<List<String>> documents = new ArrayList<>();
            for (PlannedFile file : planned) {
                List<String> texts = new ArrayList<>();
                file.objects().forEach(object -> texts.add(templates.apply(object.template(), object)));
                documents.add(texts);
            }
            cpu[2] = lap(start);

            start = cpuNow();
            int objects = 0;
            long characters = 0;
            List<RenderedFile> files = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                List<PlannedObject> plannedObjects = planned.get(i).objects();
                for (int j = 0; j < plannedObjects.size(); j++) {
                    DocumentCheck.check(documents.get(i).get(j), plannedObjects.get(j));
                }
                String content = String.join("---\n", documents.get(i));
                objects += plannedObjects.size();
                characters += content.length();
                files.add(new RenderedFile(planned.get(i).relativePath(), content));
            }
            documents = null;
            cpu[3] = lap(start);

            int violations = 0;
            for (Team team : config.teams()) {
                Map<String, String> teamFiles = new LinkedHashMap<>();
                files.stream().filter(f -> f.relativePath().startsWith(team.name() + "/"))
                        .forEach(f -> teamFiles.put(f.relativePath(), f.content()));
                start = cpuNow();
                ManifestSet manifests = ManifestReader.parse(teamFiles);
                cpu[4] += lap(start);
                start = cpuNow();
                violations += IntentCheck.check(config.withTeams(List.of(team)), manifests).size();
                cpu[5] += lap(start);
            }

            Path out = Files.createTempDirectory("watasu-render-phases");
            try {
                start = cpuNow();
                new OutputWriter().write(new RenderedTree(files), out.resolve("out"));
                cpu[6] = lap(start);
            } finally {
                try (var walk = Files.walk(out)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }

            StringBuilder line = new StringBuilder("round " + round + " (CPU ms):");
            long total = 0;
            for (int i = 0; i < PHASES.length; i++) {
                line.append(i == 0 ? " " : ", ").append(PHASES[i]).append(' ').append(cpu[i] / 1_000_000);
                total += cpu[i];
            }
            System.out.printf("%s; total %d; %d objects, %d MB, %d violations%n", line, total / 1_000_000, objects,
                    characters >> 20, violations);
        }
    }

    private static long cpuNow() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long lap(long start) {
        return cpuNow() - start;
    }
}
