package io.watasu.files;

import io.watasu.cli.Main;
import io.watasu.testing.ChildJvm;
import io.watasu.testing.CliRun;
import io.watasu.testing.Sentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers killed with {@code kill -9} at random moments, in JVMs of their own, writing the way {@code apps:trust}
 * and a first {@code render} do ({@link io.watasu.testing.WriteLoop}): the file stays whole, and the next run of the
 * real command removes exactly the temporaries they left (once older than {@link Temporaries#GRACE}), never a live
 * run's, never a file that merely looks like one, never anything behind a link.
 */
class KilledRunsTest {
    private static final Pattern TRUST_TEMPORARY = Pattern.compile("\\.watasu\\.yaml\\.[0-9a-f]+\\.tmp");
    private static final Pattern STAGING = Pattern.compile("\\.out\\.watasu-staging-[0-9a-f]+");
    /** Kills until a leftover was made (at most this often), so that the clean-up has work to do. */
    private static final int MAX_TRIALS = 20;

    @TempDir
    Path dir;
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    private static final String CONFIG = """
            version: 1
            teams:
              acme:
                apps:
                  grpc-app:
                    processes: { grpc-tcp: { command: bin/grpc, port: 50051 } }
                    trust: [api-app]
                  api-app:
                    processes: { web: bin/api }
                  billing-app:
                    processes: { worker: bin/billing }
            """;

    @Test
    void appsTrustKilledAtRandomMomentsLeavesAWholeFileAndTheNextRunRemovesItsTemporaries() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path file = work.resolve("watasu.yaml");
        // A long comment makes each write take long enough for kills to land while a temporary exists.
        String before = CONFIG + "# " + "padding ".repeat(32_000) + "\n";
        String after = before.replace("trust: [api-app]", "trust: [api-app, billing-app]");
        Files.writeString(file, before);
        Path other = Files.writeString(dir.resolve("other.yaml"), after);
        Sentinel sentinel = Sentinel.plant(dir.resolve("outside"));
        List<Path> lookalikes = plantLookalikes(work, ".watasu.yaml.", ".tmp", sentinel);
        ChildJvm jvm = new ChildJvm(work, dir.resolve("home"), Map.of());

        int kills = killUntilALeftover(work, TRUST_TEMPORARY, () -> {
            killAtARandomMoment(jvm.start("io.watasu.testing.WriteLoop", "trust", file.toString(), other.toString()));
            String text = Files.readString(file);
            assertTrue(text.equals(before) || text.equals(after), "watasu.yaml is whole after a kill (seed " + seed + ")");
        });

        String[] toggle = Files.readString(file).equals(after)
                ? new String[] {"apps:trust", "--remove", "billing-app", "--app", "grpc-app"}
                : new String[] {"apps:trust", "billing-app", "--app", "grpc-app"};
        assertOnlyLeftoversRemoved(jvm.watasu(toggle), work, TRUST_TEMPORARY, kills, lookalikes, sentinel);
    }

    @Test
    void aFirstRenderKilledAtRandomMomentsLeavesNoStagingFolderAfterTheNextRender() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path file = work.resolve("watasu.yaml");
        Files.writeString(file, platform(30, 10));
        Path out = work.resolve("out");
        Path trash = Files.createDirectories(dir.resolve("trash"));
        Sentinel sentinel = Sentinel.plant(dir.resolve("outside"));
        List<Path> lookalikes = plantLookalikes(work, ".out.watasu-staging-", "", sentinel);
        ChildJvm jvm = new ChildJvm(work, dir.resolve("home"), Map.of());

        int kills = killUntilALeftover(work, STAGING, () -> {
            killAtARandomMoment(jvm.start("io.watasu.testing.WriteLoop", "render", file.toString(), out.toString(),
                    trash.toString()));
            Sentinel.deleteTree(out);   // what the loop would have done next: the next render is a first one
        });

        assertOnlyLeftoversRemoved(jvm.watasu("render", file.toString(), "--out", out.toString()), work, STAGING,
                kills, lookalikes, sentinel);
        assertEquals(0, Main.run("render", file.toString(), "--out", out.toString(), "--check"));
    }

    /**
     * A temporary that a live process holds is never removed, however old it looks; once that process is killed,
     * the next run removes it.
     */
    @Test
    void aTemporaryHeldByALiveProcessIsKeptUntilThatProcessDies() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path file = work.resolve("watasu.yaml");
        Files.writeString(file, CONFIG);
        Path out = work.resolve("out");
        ChildJvm jvm = new ChildJvm(work, dir.resolve("home"), Map.of());
        ChildJvm.Child trustHolder = jvm.start("io.watasu.testing.HoldTemporary", work.toString(), ".watasu.yaml.",
                ".tmp");
        ChildJvm.Child stagingHolder = jvm.start("io.watasu.testing.HoldTemporary", work.toString(),
                ".out.watasu-staging-", "", ".watasu/owned.txt");
        try {
            trustHolder.awaitLines(1);
            stagingHolder.awaitLines(1);
            List<Path> held = Stream.concat(matching(work, TRUST_TEMPORARY).stream(), matching(work, STAGING).stream())
                    .toList();
            assertEquals(2, held.size(), held.toString());
            backdate(held);

            assertEquals(0, jvm.watasu("apps:trust", "billing-app", "--app", "grpc-app").exitCode());
            assertEquals(0, jvm.watasu("render", "watasu.yaml", "--out", "out").exitCode());
            Sentinel.deleteTree(out);
            assertEquals(0, Main.run("render", file.toString(), "--out", out.toString()), "in this JVM too");
            Sentinel.deleteTree(out);
            held.forEach(path -> assertTrue(Files.exists(path), path + " is held by a live process"));

            trustHolder.kill();
            stagingHolder.kill();
            assertEquals(0, jvm.watasu("apps:trust", "--remove", "billing-app", "--app", "grpc-app").exitCode());
            assertEquals(0, jvm.watasu("render", "watasu.yaml", "--out", "out").exitCode());
            held.forEach(path -> assertFalse(Files.exists(path), path + " was left by a killed process"));
        } finally {
            trustHolder.kill();
            stagingHolder.kill();
        }
    }

    /** A step that may fail like a test does. */
    private interface Trial {
        void run() throws Exception;
    }

    /**
     * Runs {@code trial} (start a writer, kill it) until a temporary named like {@code temporaries} is left in
     * {@code folder}, then lets time pass for it (older than the grace period); returns the number of kills.
     */
    private static int killUntilALeftover(Path folder, Pattern temporaries, Trial trial) throws Exception {
        for (int kills = 1; kills <= MAX_TRIALS; kills++) {
            trial.run();
            List<Path> leftovers = matching(folder, temporaries);
            if (!leftovers.isEmpty()) {
                backdate(leftovers);
                return kills;
            }
        }
        throw new AssertionError("no kill landed while a temporary existed, in " + MAX_TRIALS + " kills");
    }

    /** The next run succeeded and removed the killed runs' temporaries, and nothing else. */
    private static void assertOnlyLeftoversRemoved(CliRun next, Path folder, Pattern temporaries, int kills,
                                                   List<Path> lookalikes, Sentinel sentinel) throws IOException {
        assertEquals(0, next.exitCode(), next.stderr());
        assertEquals(List.of(), matching(folder, temporaries), "leftovers of " + kills + " kill(s)");
        lookalikes.forEach(path -> assertTrue(Files.exists(path, LinkOption.NOFOLLOW_LINKS), path + " kept"));
        sentinel.assertUntouched();
    }

    /**
     * Lets the looping child finish two runs (past start-up and warm), then kills it ({@code kill -9}) at a random
     * moment of a run as long as the last one.
     */
    private void killAtARandomMoment(ChildJvm.Child loop) throws IOException, InterruptedException {
        try {
            loop.awaitLines(1);
            long start = System.nanoTime();
            loop.awaitLines(2);
            long period = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            Thread.sleep(random.nextLong(period));
        } finally {
            loop.kill();
        }
    }

    /** {@code teams} teams of {@code apps} apps, each with a public and a private process: many files to write. */
    private static String platform(int teams, int apps) {
        StringBuilder yaml = new StringBuilder("version: 1\nteams:\n");
        for (int t = 0; t < teams; t++) {
            yaml.append("  team").append(t).append(":\n    apps:\n");
            for (int a = 0; a < apps; a++) {
                yaml.append("      t").append(t).append("-app").append(a).append(":\n        processes: { web: bin/web,"
                        + " grpc-tcp: { command: bin/grpc, port: 50051 } }\n");
            }
        }
        return yaml.toString();
    }

    /**
     * Entries named almost like the temporaries, or exactly like them but of another kind (a folder for a file, a
     * file for a folder, a link), all old: the clean-up must leave every one alone.
     */
    private static List<Path> plantLookalikes(Path folder, String prefix, String suffix, Sentinel sentinel)
            throws IOException {
        List<Path> planted = new ArrayList<>();
        planted.add(Files.writeString(folder.resolve(prefix + "notes" + suffix), "not hex\n"));
        planted.add(Files.writeString(folder.resolve(prefix.substring(1) + "1234" + suffix), "no leading dot\n"));
        planted.add(Files.writeString(folder.resolve(".other" + prefix.substring(prefix.indexOf('.', 1)) + "abc"
                + suffix), "another name\n"));
        planted.add(Files.createSymbolicLink(folder.resolve(prefix + "98" + suffix), sentinel.folder()));
        if (suffix.isEmpty()) {
            planted.add(Files.writeString(folder.resolve(prefix + "99"), "a file where a folder is expected\n"));
        } else {
            planted.add(Files.createDirectories(folder.resolve(prefix + "99" + suffix)));
            Files.writeString(planted.get(planted.size() - 1).resolve("inside"), "a folder\n");
        }
        backdate(planted);
        return planted;
    }

    /** Temporaries in {@code folder}: named like {@code name}, and neither a link nor one of the planted lookalikes. */
    private static List<Path> matching(Path folder, Pattern name) throws IOException {
        Predicate<Path> matches = path -> name.matcher(path.getFileName().toString()).matches()
                && !path.getFileName().toString().matches(".*[.-](98|99)(\\.tmp)?");
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(matches).sorted().toList();
        }
    }

    private static void backdate(List<Path> paths) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(Temporaries.GRACE.multipliedBy(60)));
        for (Path path : paths) {
            if (!Files.isSymbolicLink(path)) {
                Files.setLastModifiedTime(path, old);
            }
        }
    }
}
