package io.watasu.install;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.watasu.install.Installer.Action.CREATED;
import static io.watasu.install.Installer.Action.LEFT_ALONE;
import static io.watasu.install.Installer.Action.REMOVED;
import static io.watasu.install.Installer.Action.REPLACED;
import static io.watasu.install.Installer.Action.UNCHANGED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What install and uninstall do to a prefix, and what they refuse to touch. */
class InstallerTest {
    private static final String COMPLETION = "complete -F _complete_watasu watasu\n";

    @TempDir
    Path tmp;
    private Path distribution;
    private Path prefix;

    @BeforeEach
    void distribution() throws IOException {
        distribution = tmp.resolve("watasu-1.0");
        Files.createDirectories(distribution.resolve("bin"));
        Files.createDirectories(distribution.resolve("lib"));
        Files.createDirectories(distribution.resolve("examples"));
        Files.writeString(distribution.resolve("bin/watasu"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(distribution.resolve("bin/watasu"), PosixFilePermissions.fromString("rwx------"));
        Files.writeString(distribution.resolve("lib/watasu.jar"), "jar 1.0");
        Files.writeString(distribution.resolve("lib/watasu.jsa"), "an archive for this folder only");
        Files.writeString(distribution.resolve("examples/watasu.yaml"), "version: 1\n");
        prefix = tmp.resolve("prefix");
    }

    private Installer installer(String version, String completion) {
        return new Installer(distribution, prefix, version, completion);
    }

    private static Map<Path, Installer.Action> actions(List<Installer.Change> changes) {
        return changes.stream().collect(Collectors.toMap(Installer.Change::path,
                Installer.Change::action));
    }

    @Test
    void aFirstInstallCreatesTheFolderTheLinkAndTheCompletion() throws Exception {
        List<Installer.Change> changes = installer("1.0", COMPLETION).install();
        assertEquals(Map.of(prefix.resolve("lib/watasu"), CREATED, prefix.resolve("bin/watasu"), CREATED,
                prefix.resolve("share/bash-completion/completions/watasu"), CREATED), actions(changes));
        assertEquals("../lib/watasu/bin/watasu", Files.readSymbolicLink(prefix.resolve("bin/watasu")).toString());
        assertEquals("#!/bin/sh\n", Files.readString(prefix.resolve("bin/watasu")), "the link leads to the launcher");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(prefix.resolve("lib/watasu/bin/watasu"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(prefix.resolve("lib/watasu/lib/watasu.jar"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(prefix.resolve("lib/watasu"))), "usable by every user");
        assertFalse(Files.exists(prefix.resolve("lib/watasu/lib/watasu.jsa")),
                "the class-data archive is made for one path; the installed copy makes its own");
        assertEquals(COMPLETION, Files.readString(prefix.resolve("share/bash-completion/completions/watasu")));
        assertTrue(Files.readString(prefix.resolve("lib/watasu/installed-files.txt"))
                .contains("bin/watasu link ../lib/watasu/bin/watasu\n"));
    }

    @Test
    void installingAgainChangesNothing() throws Exception {
        installer("1.0", COMPLETION).install();
        Files.writeString(prefix.resolve("lib/watasu/lib/watasu.jsa"), "made by the launcher");
        List<Installer.Change> again = installer("1.0", COMPLETION).install();
        assertTrue(again.stream().allMatch(c -> c.action() == UNCHANGED), again.toString());
        assertEquals("made by the launcher", Files.readString(prefix.resolve("lib/watasu/lib/watasu.jsa")));
    }

    @Test
    void installingFromTheInstalledCopyChangesNothing() throws Exception {
        installer("1.0", COMPLETION).install();
        List<Installer.Change> again = new Installer(prefix.resolve("lib/watasu"), prefix, "1.0", COMPLETION).install();
        assertTrue(again.stream().allMatch(c -> c.action() == UNCHANGED), again.toString());
        assertEquals("jar 1.0", Files.readString(prefix.resolve("lib/watasu/lib/watasu.jar")));
    }

    @Test
    void aNewVersionReplacesWhatTheOldOneInstalled() throws Exception {
        installer("1.0", COMPLETION).install();
        Files.writeString(distribution.resolve("lib/watasu.jar"), "jar 2.0");
        Files.delete(distribution.resolve("examples/watasu.yaml"));
        List<Installer.Change> changes = installer("2.0", COMPLETION + "# 2.0\n").install();
        assertEquals(Map.of(prefix.resolve("lib/watasu"), REPLACED, prefix.resolve("bin/watasu"), UNCHANGED,
                prefix.resolve("share/bash-completion/completions/watasu"), REPLACED), actions(changes));
        assertEquals("jar 2.0", Files.readString(prefix.resolve("lib/watasu/lib/watasu.jar")));
        assertFalse(Files.exists(prefix.resolve("lib/watasu/examples/watasu.yaml")), "the folder is replaced whole");
        assertEquals(COMPLETION + "# 2.0\n",
                Files.readString(prefix.resolve("share/bash-completion/completions/watasu")));
        try (Stream<Path> lib = Files.list(prefix.resolve("lib"))) {
            assertEquals(List.of("watasu"), lib.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(".watasu-install.lock")).toList(), "no copy is left behind");
        }
    }

    @Test
    void somebodyElsesWatasuIsNeverOverwritten() throws Exception {
        Path theirs = Files.createDirectories(prefix.resolve("bin")).resolve("watasu");
        Files.writeString(theirs, "#!/bin/sh\necho theirs\n");
        InstallException refused = assertThrows(InstallException.class, () -> installer("1.0", COMPLETION).install());
        assertTrue(refused.getMessage().startsWith(theirs + " exists and was not put there by a watasu installation"),
                refused.getMessage());
        assertEquals("#!/bin/sh\necho theirs\n", Files.readString(theirs));
        assertFalse(Files.exists(prefix.resolve("lib")), "a refusal changes nothing, not even a lock file");
    }

    /** A link planted where the completion script goes must not turn the install into a write elsewhere. */
    @Test
    void aPlantedSymbolicLinkIsRefusedAndItsTargetUntouched() throws Exception {
        Path victim = Files.writeString(tmp.resolve("bashrc"), "user's file\n");
        Path completions = Files.createDirectories(prefix.resolve("share/bash-completion/completions"));
        Files.createSymbolicLink(completions.resolve("watasu"), victim);
        assertThrows(InstallException.class, () -> installer("1.0", COMPLETION).install());
        assertEquals("user's file\n", Files.readString(victim));
    }

    @Test
    void aCompletionScriptEditedByHandIsRefused() throws Exception {
        installer("1.0", COMPLETION).install();
        Path completion = prefix.resolve("share/bash-completion/completions/watasu");
        Files.writeString(completion, COMPLETION + "# my change\n");
        InstallException refused = assertThrows(InstallException.class,
                () -> installer("2.0", COMPLETION + "# 2.0\n").install());
        assertTrue(refused.getMessage().contains("not put there by a watasu installation"), refused.getMessage());
        assertEquals(COMPLETION + "# my change\n", Files.readString(completion));
        assertEquals("jar 1.0", Files.readString(prefix.resolve("lib/watasu/lib/watasu.jar")),
                "nothing changed before the refusal");
    }

    @Test
    void aLibFolderThatIsNotAnInstallationIsRefused() throws Exception {
        Path theirs = Files.createDirectories(prefix.resolve("lib/watasu"));
        Files.writeString(theirs.resolve("data"), "theirs");
        assertThrows(InstallException.class, () -> installer("1.0", COMPLETION).install());
        assertEquals("theirs", Files.readString(theirs.resolve("data")));

        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.delete(theirs.resolve("data"));
        Files.delete(theirs);
        Files.createSymbolicLink(theirs, elsewhere);
        assertThrows(InstallException.class, () -> installer("1.0", COMPLETION).install());
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing is written through a linked lib/watasu");
        }
    }

    @Test
    void anEmptyLibFolderIsTakenOver() throws Exception {
        Files.createDirectories(prefix.resolve("lib/watasu"));
        installer("1.0", COMPLETION).install();
        assertEquals("jar 1.0", Files.readString(prefix.resolve("lib/watasu/lib/watasu.jar")));
    }

    /** A run killed while swapping leaves a folder marked by its receipt; the next run clears it. */
    @Test
    void leftoversOfAKilledRunAreCleared() throws Exception {
        installer("1.0", COMPLETION).install();
        Path leftover = Files.createDirectories(prefix.resolve("lib/.watasu-install-123"));
        Files.writeString(leftover.resolve(Installer.RECEIPT), "version 0.9\n");
        Path notOurs = Files.createDirectories(prefix.resolve("lib/.watasu-install-mine"));
        installer("1.0", COMPLETION).install();
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(notOurs), "a folder without a receipt is not ours");
    }

    @Test
    void uninstallRemovesWhatIsUnchangedAndNamesWhatItLeaves() throws Exception {
        installer("1.0", COMPLETION).install();
        Path completion = prefix.resolve("share/bash-completion/completions/watasu");
        Files.writeString(completion, "edited\n");
        Path neighbour = Files.writeString(prefix.resolve("bin/other"), "keep");
        List<Installer.Change> changes = Installer.at(prefix).uninstall();
        assertEquals(Map.of(prefix.resolve("bin/watasu"), REMOVED, completion, LEFT_ALONE,
                prefix.resolve("lib/watasu"), REMOVED), actions(changes));
        assertFalse(Files.exists(prefix.resolve("bin/watasu"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(prefix.resolve("lib/watasu")));
        assertEquals("edited\n", Files.readString(completion));
        assertEquals("keep", Files.readString(neighbour));
        assertFalse(Files.exists(prefix.resolve("lib/.watasu-install.lock")));
        assertEquals(List.of(), Installer.at(prefix).uninstall(), "nothing left to remove");
    }

    /** The receipt decides what uninstall removes: paths it names beyond the known entries are ignored. */
    @Test
    void aTamperedReceiptCannotMakeUninstallRemoveOtherFiles() throws Exception {
        installer("1.0", COMPLETION).install();
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        String fingerprint = Installer.fingerprintOf(victim);
        Path receipt = prefix.resolve("lib/watasu/" + Installer.RECEIPT);
        Files.writeString(receipt, Files.readString(receipt) + "../victim " + fingerprint + "\n");
        Installer.at(prefix).uninstall();
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void uninstallRefusesAFolderThatIsNotAnInstallation() throws Exception {
        Path theirs = Files.createDirectories(prefix.resolve("lib/watasu"));
        Files.writeString(theirs.resolve("data"), "theirs");
        assertThrows(InstallException.class, () -> Installer.at(prefix).uninstall());
        assertEquals("theirs", Files.readString(theirs.resolve("data")));
    }

    @Test
    void anIncompleteDistributionIsRefused() throws Exception {
        Files.delete(distribution.resolve("lib/watasu.jar"));
        InstallException refused = assertThrows(InstallException.class, () -> installer("1.0", COMPLETION).install());
        assertTrue(refused.getMessage().contains("is not a watasu distribution"), refused.getMessage());
        assertFalse(Files.exists(prefix));
    }

    @Test
    void twoInstallsAtOnceBothSucceed() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            Thread thread = new Thread(() -> {
                try {
                    installer("1.0", COMPLETION).install();
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        assertEquals("jar 1.0", Files.readString(prefix.resolve("lib/watasu/lib/watasu.jar")));
    }
}
