package io.watasu.install;

import io.watasu.testing.Distribution;
import io.watasu.testing.Processes;
import io.watasu.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution as a user gets it: the packaged {@code watasu-<version>.tar.gz} unpacked with tar into a folder
 * of its own (with a space in its path), installed with an empty home folder, run from PATH.
 */
class DistributionIT {
    private static final String VERSION = Distribution.version();

    @TempDir
    static Path shared;
    /** The unpacked distribution, shared by the tests: its first run writes its class-data archive. */
    private static Path distribution;

    @TempDir
    Path tmp;

    @BeforeAll
    static void unpack() throws Exception {
        distribution = Distribution.unpack(Files.createDirectories(shared.resolve("unpacked here")));
    }

    private Processes.Result run(Map<String, String> environment, String... command) throws Exception {
        return Processes.run(environment, tmp, List.of(command));
    }

    /** A shell with {@code bin} on PATH runs {@code commandLine}: what a user types. */
    private Processes.Result shell(Map<String, String> environment, Path bin, String commandLine) throws Exception {
        Map<String, String> withBin = new HashMap<>(environment);
        withBin.put("PATH", bin + ":" + environment.get("PATH"));
        return run(withBin, "bash", "-c", commandLine);
    }

    private Map<String, String> emptyHome() throws IOException {
        return Processes.cleanEnvironment(Files.createDirectories(tmp.resolve("home")));
    }

    private String launcher() {
        return distribution.resolve("bin/watasu").toString();
    }

    @Test
    void theTarballHoldsTheLauncherTheJarAndTheExample() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(distribution)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".jsa"))
                    .forEach(p -> files.add(distribution.relativize(p).toString()));
        }
        assertEquals(Set.of("bin/watasu", "lib/watasu.jar", "examples/watasu.yaml"), files);
        assertTrue(Files.isExecutable(distribution.resolve("bin/watasu")));
    }

    @Test
    void installPutsWatasuOnPathAndItRunsWithoutTheUnpackedCopy() throws Exception {
        Map<String, String> environment = emptyHome();
        Path prefix = tmp.resolve("prefix");
        Processes.Result install = run(environment, launcher(), "install", "--prefix", prefix.toString());
        assertEquals(0, install.exitCode(), install.describe());
        assertTrue(install.stdout().startsWith("installed watasu " + VERSION + " in " + prefix + ":\n"),
                install.stdout());
        assertTrue(install.stdout().contains("  created " + prefix.resolve("bin/watasu")
                + " (a symbolic link to ../lib/watasu/bin/watasu)\n"), install.stdout());
        assertTrue(install.stdout().contains("checked: " + prefix.resolve("bin/watasu") + " --version prints: watasu "
                + VERSION + "\n"), install.stdout());
        assertTrue(install.stdout().contains("PATH: " + prefix.resolve("bin") + " is not on PATH; add it"),
                install.stdout());
        assertTrue(Files.isRegularFile(prefix.resolve("lib/watasu/lib/watasu.jsa")),
                "the check run prepared the class-data archive of the installed copy");

        Path copy = tmp.resolve("moved away");
        Files.move(distribution.getParent(), copy);
        try {
            Processes.Result version = shell(environment, prefix.resolve("bin"), "cd / && watasu --version");
            assertEquals(0, version.exitCode(), version.describe());
            assertEquals("watasu " + VERSION + "\n", version.stdout());
            Processes.Result validate = shell(environment, prefix.resolve("bin"),
                    "watasu validate '" + TestData.repoRoot().resolve("examples/watasu.yaml") + "'");
            assertEquals(0, validate.exitCode(), validate.describe());
            assertTrue(validate.stdout().contains("valid (2 teams, 5 apps, 0 warnings)"), validate.describe());
            assertEquals("", validate.stderr());

            Processes.Result again = shell(environment, prefix.resolve("bin"),
                    "watasu install --prefix '" + prefix + "'");
            assertEquals(0, again.exitCode(), again.describe());
            assertTrue(again.stdout().startsWith("watasu " + VERSION + " is already installed in " + prefix
                    + "; nothing changed\n"), again.stdout());
            assertTrue(again.stdout().contains("PATH: " + prefix.resolve("bin") + " is on PATH; `watasu` runs "
                    + prefix.resolve("bin/watasu")), again.stdout());
        } finally {
            Files.move(copy, distribution.getParent());
        }
    }

    @Test
    void theDefaultPrefixIsDotLocalInHome() throws Exception {
        Map<String, String> environment = emptyHome();
        Processes.Result install = run(environment, launcher(), "install");
        assertEquals(0, install.exitCode(), install.describe());
        Path home = Path.of(environment.get("HOME"));
        assertEquals("../lib/watasu/bin/watasu", Files.readSymbolicLink(home.resolve(".local/bin/watasu")).toString());
        assertTrue(install.stdout().contains("completion: bash-completion 2 loads "
                + home.resolve(".local/share/bash-completion/completions/watasu") + " by itself"), install.stdout());
    }

    @Test
    void installRefusesAWatasuThatIsNotOursAndChangesNothing() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Path theirs = Files.createDirectories(prefix.resolve("bin")).resolve("watasu");
        Files.writeString(theirs, "#!/bin/sh\necho another watasu\n");
        Processes.Result install = run(emptyHome(), launcher(), "install", "--prefix", prefix.toString());
        assertEquals(3, install.exitCode(), install.describe());
        assertEquals("watasu: error: " + theirs + " exists and was not put there by a watasu installation (a file);"
                + " move it away, or install with another --prefix\n", install.stderr());
        assertEquals("#!/bin/sh\necho another watasu\n", Files.readString(theirs));
        assertFalse(Files.exists(prefix.resolve("lib")), "nothing was created");
    }

    @Test
    void uninstallRemovesWhatInstallPutThereAndNothingElse() throws Exception {
        Map<String, String> environment = emptyHome();
        Path prefix = tmp.resolve("prefix");
        assertEquals(0, run(environment, launcher(), "install", "--prefix", prefix.toString()).exitCode());
        Path neighbour = Files.writeString(prefix.resolve("bin/other-tool"), "keep");
        Processes.Result uninstall = shell(environment, prefix.resolve("bin"),
                "watasu uninstall --prefix '" + prefix + "'");
        assertEquals(0, uninstall.exitCode(), uninstall.describe());
        assertEquals("removed " + prefix.resolve("bin/watasu") + " (a symbolic link to ../lib/watasu/bin/watasu)\n"
                + "removed " + prefix.resolve("share/bash-completion/completions/watasu") + " (a file)\n"
                + "removed " + prefix.resolve("lib/watasu") + " (watasu " + VERSION + ")\n", uninstall.stdout());
        assertFalse(Files.exists(prefix.resolve("bin/watasu"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(prefix.resolve("lib/watasu")));
        assertEquals("keep", Files.readString(neighbour));
        try (Stream<Path> left = Files.list(prefix.resolve("lib"))) {
            assertEquals(List.of(), left.toList(), "no lock file or leftover in lib/");
        }
    }

    @Test
    void theCompletionScriptIsValidBashAndCompletesCommandsAndOptions() throws Exception {
        Map<String, String> environment = emptyHome();
        Processes.Result bash = run(environment, launcher(), "completion", "bash");
        assertEquals(0, bash.exitCode(), bash.describe());
        Path script = Files.writeString(tmp.resolve("watasu.bash"), bash.stdout());
        Processes.Result syntax = run(environment, "bash", "-n", script.toString());
        assertEquals(0, syntax.exitCode(), syntax.describe());
        assertEquals(bash.stdout(), run(environment, launcher(), "completion", "zsh").stdout(),
                "one script serves both shells");

        assertEquals(Set.of("render"), complete(environment, script, "watasu", "re"));
        assertTrue(complete(environment, script, "watasu", "").containsAll(Set.of("validate", "render", "publish",
                "apps:trust", "verify", "diff", "graph", "install", "uninstall", "completion")));
        assertEquals(Set.of("--check"), complete(environment, script, "watasu", "render", "--ch"));
        assertEquals(Set.of("--prefix"), complete(environment, script, "watasu", "install", "--pre"));

        Path prefix = tmp.resolve("prefix");
        assertEquals(0, run(environment, launcher(), "install", "--prefix", prefix.toString()).exitCode());
        assertEquals(bash.stdout(), Files.readString(prefix.resolve("share/bash-completion/completions/watasu")),
                "install writes the same script");
        Processes.Result fish = run(environment, launcher(), "completion", "fish");
        assertEquals(2, fish.exitCode(), fish.describe());
    }

    /** What bash offers after the words typed, with the script sourced as bash-completion would. */
    private Set<String> complete(Map<String, String> environment, Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word).append('\'');
        }
        String line = String.join(" ", words);
        Processes.Result result = run(environment, "bash", "-c", "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + line + "';"
                + " COMP_POINT=${#COMP_LINE}\n"
                + "_complete_watasu watasu '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'"
                + " 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertEquals(0, result.exitCode(), result.describe());
        return new TreeSet<>(result.stdout().lines().filter(s -> !s.isBlank()).map(String::strip).toList());
    }
}
