package io.watasu.verify;

import io.watasu.config.ConfigLoader;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the intent check on a rendered platform, in one thread, split into reading the manifests and judging them:
 * {@code IntentCheckProfile watasu.yaml [rounds]}; run by bench/intent-check-profile.sh.
 */
public final class IntentCheckProfile {
    public static void main(String[] args) throws Exception {
        WatasuConfig config = ConfigLoader.load(Path.of(args[0])).config();
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile f : Renderer.render(config, RenderOptions.defaults()).files()) {
            files.put(f.relativePath(), f.content());
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int i = 0; i < rounds; i++) {
            long reading = 0;
            long judging = 0;
            int violations = 0;
            for (Team team : config.teams()) {
                Map<String, String> teamFiles = new LinkedHashMap<>();
                files.forEach((path, content) -> {
                    if (path.startsWith(team.name() + "/")) {
                        teamFiles.put(path, content);
                    }
                });
                long start = System.nanoTime();
                ManifestSet manifests = ManifestReader.parse(teamFiles);
                long parsed = System.nanoTime();
                violations += IntentCheck.check(new WatasuConfig(config.version(), config.platform(), List.of(team)),
                        manifests).size();
                reading += parsed - start;
                judging += System.nanoTime() - parsed;
            }
            System.out.printf("round %d: reading %d ms, judging %d ms, %d violations%n", i, reading / 1_000_000,
                    judging / 1_000_000, violations);
        }
    }
}
