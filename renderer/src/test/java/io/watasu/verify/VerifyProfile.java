package io.watasu.verify;

import io.watasu.config.ConfigLoader;
import io.watasu.cli.Main;
import io.watasu.config.LoadResult;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The phases of {@code watasu verify DIR --config watasu.yaml} one after the other in one JVM, with the process's CPU
 * time of each (all threads: reading and the check are parallel): loading watasu.yaml, reading the rendered folder,
 * the check. The first round is what a command pays (the platform is rendered by another JVM beforehand); later
 * rounds show the warmed-up cost.
 * {@code VerifyProfile watasu.yaml [rounds]}; run by bench/verify-profile.sh.
 */
public final class VerifyProfile {
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path rendered = Files.createTempDirectory("watasu-verify-profile");
        // Rendered by another JVM, so that the first round finds the reading code as cold as a command does.
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process render = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "render", config.toString(), "--out", rendered.toString(), "--quiet").inheritIO().start();
        if (render.waitFor() != 0) {
            throw new IllegalStateException("render failed");
        }
        System.out.println("rendered into " + rendered + " (deleted at the end)");
        try {
            for (int i = 0; i < rounds; i++) {
                long[] start = now();
                LoadResult loaded = ConfigLoader.load(config);
                long[] loadedAt = now();
                ManifestSet manifests = ManifestReader.read(rendered);
                long[] readAt = now();
                int violations = IntentCheck.check(loaded.config(), manifests).size();
                long[] checkedAt = now();
                System.out.printf("round %d (wall/CPU ms): watasu.yaml %s, reading %s, check %s; %d violations%n", i,
                        between(start, loadedAt), between(loadedAt, readAt), between(readAt, checkedAt), violations);
            }
        } finally {
            try (var walk = Files.walk(rendered)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long[] now() {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new long[]{System.nanoTime(), cpu};
    }

    private static String between(long[] from, long[] to) {
        return (to[0] - from[0]) / 1_000_000 + "/" + (to[1] - from[1]) / 1_000_000;
    }
}
