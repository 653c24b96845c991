package io.watasu.output;

import io.watasu.testing.Sentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputWriterTest {
    @TempDir
    Path out;
    @TempDir
    Path elsewhere;

    private static RenderedTree tree(String... pathsAndContents) {
        List<RenderedFile> files = new ArrayList<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.add(new RenderedFile(pathsAndContents[i], pathsAndContents[i + 1], null, null));
        }
        return new RenderedTree(files);
    }

    private static final RenderedTree FIRST = tree("acme/_team.yaml", "team: 1\n", "acme/a.yaml", "a: 1\n",
            "acme/b.yaml", "b: 1\n", "globex/_team.yaml", "team: 2\n");
    private static final RenderedTree SECOND = tree("acme/_team.yaml", "team: 1\n", "acme/a.yaml", "a: 2\n",
            "acme/c.yaml", "c: 1\n", "globex/_team.yaml", "team: 2\n");

    /** Every regular file below the output folder and its content, bookkeeping excluded. */
    private Map<String, String> contents() throws IOException {
        return contentsOf(out);
    }

    private static Map<String, String> contentsOf(Path out) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String relative = out.relativize(p).toString().replace('\\', '/');
                if (!relative.startsWith(".watasu/")) {
                    files.put(relative, Files.readString(p));
                }
            }
        }
        return files;
    }

    private static Map<String, String> asMap(RenderedTree tree) {
        Map<String, String> files = new TreeMap<>();
        tree.files().forEach(f -> files.put(f.relativePath(), f.content()));
        return files;
    }

    @Test
    void firstWriteCreatesEverythingAndRecordsOwnership() throws IOException {
        WriteResult result = new OutputWriter().write(FIRST, out);
        assertEquals(List.of("acme/_team.yaml", "acme/a.yaml", "acme/b.yaml", "globex/_team.yaml"), result.written());
        assertEquals(asMap(FIRST), contents());
        String record = Files.readString(out.resolve(".watasu/owned.txt"));
        assertEquals(4, record.lines().filter(l -> !l.startsWith("#")).count());
        assertTrue(record.contains(" acme/b.yaml\n"));
        assertTrue(new OutputWriter().compare(FIRST, out).upToDate());
    }

    @Test
    void rewriteTouchesOnlyChangedFilesAndRemovesStaleOwnedOnes() throws IOException {
        new OutputWriter().write(FIRST, out);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        for (String path : List.of("acme/_team.yaml", "acme/a.yaml", "globex/_team.yaml")) {
            Files.setLastModifiedTime(out.resolve(path), old);
        }
        WriteResult result = new OutputWriter().write(SECOND, out);
        assertEquals(List.of("acme/a.yaml", "acme/c.yaml"), result.written());
        assertEquals(List.of("acme/b.yaml"), result.removed());
        assertEquals(2, result.unchanged());
        assertEquals(old, Files.getLastModifiedTime(out.resolve("acme/_team.yaml")), "unchanged file rewritten");
        assertEquals(old, Files.getLastModifiedTime(out.resolve("globex/_team.yaml")), "unchanged file rewritten");
        assertEquals(asMap(SECOND), contents());
        assertTrue(new OutputWriter().compare(SECOND, out).upToDate());
    }

    @Test
    void aPreparedWriteReadsFirstAndWritesOnlyWhenAsked() throws IOException {
        new OutputWriter().write(FIRST, out);
        OutputWriter.Prepared prepared = new OutputWriter().prepare(SECOND, out);
        assertEquals(asMap(FIRST), contents(), "nothing changed before write()");

        WriteResult result = prepared.write();
        assertEquals(List.of("acme/a.yaml", "acme/c.yaml"), result.written());
        assertEquals(List.of("acme/b.yaml"), result.removed());
        assertEquals(asMap(SECOND), contents());
        assertTrue(new OutputWriter().compare(SECOND, out).upToDate());
    }

    @Test
    void aSecondIdenticalWriteWritesNothing() throws IOException {
        new OutputWriter().write(FIRST, out);
        List<String> steps = new ArrayList<>();
        WriteResult result = new OutputWriter((step, path) -> steps.add(step + " " + path)).write(FIRST, out);
        assertEquals(List.of(), result.written());
        assertEquals(4, result.unchanged());
        assertEquals(List.of(), steps);
    }

    /** Files at the top of the folder and hidden folders are not Argo CD's and never touched. */
    @Test
    void filesOutsideWatasusFoldersAreNeverTouched() throws IOException {
        Files.createDirectories(out.resolve(".github"));
        Files.writeString(out.resolve("README.md"), "mine\n");
        Files.writeString(out.resolve(".github/ci.yaml"), "mine too\n");
        new OutputWriter().write(FIRST, out);
        new OutputWriter().write(SECOND, out);
        new OutputWriter().write(tree("other/_team.yaml", "x\n"), out);
        assertEquals("mine\n", Files.readString(out.resolve("README.md")));
        assertEquals("mine too\n", Files.readString(out.resolve(".github/ci.yaml")));
        assertFalse(Files.exists(out.resolve("acme")), "emptied folders go");
        assertFalse(Files.exists(out.resolve("globex")));
        assertTrue(new OutputWriter().compare(tree("other/_team.yaml", "x\n"), out).upToDate());
    }

    /**
     * A file nobody rendered in a folder directly under the output (a team folder, argocd/, any other: Argo CD's
     * ApplicationSet makes a team Application of each) would be applied with the team's objects: the write refuses
     * to start, --check reports it, and only a writer asked to remove such files deletes them.
     */
    @Test
    void foreignFilesInWatasusFoldersStopTheWriteUntilRemovedOnRequest() throws IOException {
        new OutputWriter().write(FIRST, out);
        Files.writeString(out.resolve("acme/zz-allow-all.yaml"), "kind: NetworkPolicy\n");
        Files.createDirectories(out.resolve("extras/nested"));
        Files.writeString(out.resolve("extras/nested/extra.yaml"), "kind: Secret\n");
        Files.createDirectories(out.resolve("empty"));
        Files.writeString(out.resolve("README.md"), "mine\n");
        Map<String, String> before = contents();

        OutputChanges check = new OutputWriter().compare(FIRST, out);
        assertFalse(check.upToDate());
        assertEquals(List.of("not written by watasu: acme/zz-allow-all.yaml",
                "not written by watasu: extras/nested/extra.yaml"), check.describe());
        OutputException.ForeignFiles refused = assertThrows(OutputException.ForeignFiles.class,
                () -> new OutputWriter().write(SECOND, out));
        assertEquals(List.of("acme/zz-allow-all.yaml", "extras/nested/extra.yaml"), refused.paths());
        assertTrue(refused.getMessage().contains("acme/zz-allow-all.yaml"), refused.getMessage());
        assertEquals(before, contents(), "nothing written when refusing");

        WriteResult result = new OutputWriter().removingForeignFiles().write(SECOND, out);
        assertEquals(List.of("acme/zz-allow-all.yaml", "extras/nested/extra.yaml"), result.foreign());
        Map<String, String> expected = new TreeMap<>(asMap(SECOND));
        expected.put("README.md", "mine\n");
        assertEquals(expected, contents());
        assertFalse(Files.exists(out.resolve("extras")), "folders emptied by the removal go");
        assertTrue(Files.isDirectory(out.resolve("empty")), "an empty folder holds nothing to apply: left alone");
        assertTrue(new OutputWriter().compare(SECOND, out).upToDate());
    }

    @Test
    void aForeignFileAtARenderedPathIsWrittenOverOnlyOnRequest() throws IOException {
        Files.createDirectories(out.resolve("other"));
        Files.writeString(out.resolve("other/extra.yaml"), "foreign\n");
        Files.writeString(out.resolve("README.md"), "mine\n");
        RenderedTree tree = tree("other/_team.yaml", "y\n", "other/extra.yaml", "z\n");
        OutputException e = assertThrows(OutputException.ForeignFiles.class, () -> new OutputWriter().write(tree, out));
        assertTrue(e.getMessage().contains("other/extra.yaml"), e.getMessage());
        assertEquals("foreign\n", Files.readString(out.resolve("other/extra.yaml")));
        assertFalse(Files.exists(out.resolve("other/_team.yaml")), "nothing written when refusing");

        new OutputWriter().removingForeignFiles().write(tree, out);
        assertEquals("z\n", Files.readString(out.resolve("other/extra.yaml")));
        assertTrue(new OutputWriter().compare(tree, out).upToDate());
    }

    /**
     * A symbolic link where watasu keeps its own folder or file, pointing outside: the write, the comparison and the
     * reuse check refuse to go through it, name it, and leave everything outside (and inside) as it was.
     */
    @Test
    void symbolicLinksWhereWatasuKeepsItsFilesAreNeverFollowed() throws IOException {
        Sentinel sentinel = Sentinel.plant(elsewhere.resolve("outside"));
        record Case(String link, Path target) {
        }
        List<Case> cases = List.of(
                new Case("acme", sentinel.folder().resolve("acme")),            // a team folder
                new Case("globex", sentinel.folder().resolve("empty")),         // a team folder SECOND keeps
                new Case("acme/a.yaml", sentinel.file()),                       // a file SECOND rewrites
                new Case("acme/b.yaml", sentinel.file()),                       // a file SECOND removes
                new Case("acme/_team.yaml", sentinel.file()),                   // a file SECOND leaves as it is
                new Case(".watasu", sentinel.folder()),                         // the bookkeeping folder
                new Case(".watasu/owned.txt", sentinel.file()));                // the record
        for (Case link : cases) {
            Path target = out.resolve("case-" + cases.indexOf(link));
            new OutputWriter().write(withFingerprints(FIRST, "1"), target);
            Path planted = target.resolve(link.link());
            Sentinel.replaceWithLink(planted, link.target());
            Map<String, String> inside = contentsOf(target);

            OutputException.SymbolicLink write = assertThrows(OutputException.SymbolicLink.class,
                    () -> new OutputWriter().write(withFingerprints(SECOND, "2"), target), link.link());
            assertEquals(target.resolve(link.link()).toString(), write.path());
            assertTrue(write.getMessage().contains(target.resolve(link.link()) + " is a symbolic link"),
                    write.getMessage());
            assertThrows(OutputException.SymbolicLink.class, () -> new OutputWriter().compare(SECOND, target));
            assertThrows(OutputException.SymbolicLink.class,
                    () -> new OutputWriter().removingForeignFiles().write(SECOND, target));
            assertTrue(Files.isSymbolicLink(planted), "the link itself stays");
            assertEquals(inside, contentsOf(target));
            sentinel.assertUntouched();
        }
    }

    /** The reuse check does not read through a link, even one to a folder holding exactly the recorded bytes. */
    @Test
    void theReuseCheckDoesNotReadThroughALink() throws IOException {
        new OutputWriter().write(withFingerprints(FIRST, "1"), out);
        Path copy = Files.createDirectories(elsewhere.resolve("copy"));
        for (String name : List.of("_team.yaml", "a.yaml", "b.yaml")) {
            Files.copy(out.resolve("acme").resolve(name), copy.resolve(name));
        }
        Sentinel.replaceWithLink(out.resolve("acme"), copy);
        PreviousOutput previous = PreviousOutput.in(out);
        assertTrue(previous.folder("acme", "1").isEmpty());
        assertTrue(previous.file("acme/a.yaml", "1").isEmpty());
        assertTrue(previous.file("globex/_team.yaml", "1").isPresent(), "a real folder is still reused");
    }

    /** An ownership record listing paths outside watasu's folders (.git, a temporary) is refused, not obeyed. */
    @Test
    void aRecordClaimingHiddenPathsIsRefused() throws IOException {
        new OutputWriter().write(FIRST, out);
        Files.createDirectories(out.resolve(".git"));
        Files.writeString(out.resolve(".git/config"), "[core]\n");
        Path record = out.resolve(".watasu/owned.txt");
        Files.writeString(record, Files.readString(record) + "0000 .git/config\n");
        OutputException e = assertThrows(OutputException.class, () -> new OutputWriter().write(SECOND, out));
        assertTrue(e.getMessage().contains(".git/config"), e.getMessage());
        assertEquals("[core]\n", Files.readString(out.resolve(".git/config")));
    }

    /** A run that dies while writing (before any rename) leaves the previous output exactly as it was. */
    @Test
    void failureWhileWritingLeavesPreviousOutputIntact() throws IOException {
        new OutputWriter().write(FIRST, out);
        String recordBefore = Files.readString(out.resolve(".watasu/owned.txt"));
        OutputWriter dying = new OutputWriter((step, path) -> {
            if (step.equals("write") && path.equals("acme/c.yaml")) {
                throw new IOException("disk full");
            }
        });
        assertThrows(OutputException.class, () -> dying.write(SECOND, out));
        assertEquals(asMap(FIRST), contents());
        assertEquals(recordBefore, Files.readString(out.resolve(".watasu/owned.txt")));
        try (Stream<Path> walk = Files.walk(out)) {
            assertEquals(List.of(), walk.filter(p -> p.toString().endsWith(".watasu-tmp")).toList());
        }
    }

    /**
     * A run killed between two renames leaves only whole files (old or new), every one of them still recorded as
     * Watasu's, so the next run completes the change without treating any file as foreign.
     */
    @Test
    void killBetweenRenamesLeavesWholeFilesAndTheNextRunFinishes() throws IOException {
        new OutputWriter().write(FIRST, out);
        OutputWriter killed = new OutputWriter((step, path) -> {
            if (step.equals("rename") && path.equals("acme/c.yaml")) {
                throw new IOException("killed");
            }
        });
        assertThrows(OutputException.class, () -> killed.write(SECOND, out));
        Map<String, String> midway = contents();
        assertEquals("a: 2\n", midway.get("acme/a.yaml"), "renamed before the kill");
        assertEquals("b: 1\n", midway.get("acme/b.yaml"), "old file still whole");
        assertFalse(midway.containsKey("acme/c.yaml"));

        OutputChanges pending = new OutputWriter().compare(SECOND, out);
        assertEquals(List.of(), pending.foreign());
        assertEquals(List.of(), pending.handEdited(), "interrupted run is not mistaken for hand edits");
        WriteResult resumed = new OutputWriter().write(SECOND, out);
        assertEquals(List.of("acme/c.yaml"), resumed.written());
        assertEquals(List.of("acme/b.yaml"), resumed.removed());
        assertEquals(asMap(SECOND), contents());
        try (Stream<Path> walk = Files.walk(out)) {
            assertEquals(List.of(), walk.filter(p -> p.toString().endsWith(".watasu-tmp")).toList());
        }
    }

    /** A kill after the temporaries were written but before the renames leaves leftovers the next run removes. */
    @Test
    void leftoverTemporariesAreCleanedUp() throws IOException {
        new OutputWriter().write(FIRST, out);
        OutputWriter killed = new OutputWriter((step, path) -> {
            if (step.equals("rename")) {
                throw new IOException("killed");
            }
        });
        assertThrows(OutputException.class, () -> killed.write(SECOND, out));
        assertTrue(Files.exists(out.resolve("acme/.c.yaml.watasu-tmp")));
        assertEquals(asMap(FIRST), contents().entrySet().stream().filter(e -> !e.getKey().endsWith(".watasu-tmp"))
                .collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        // Killed while replacing the record, or inside a folder of a team the tree no longer has.
        Files.writeString(out.resolve(".watasu/.owned.txt.watasu-tmp"), "half a record");
        Files.createDirectories(out.resolve("acme/old"));
        Files.writeString(out.resolve("acme/old/.d.yaml.watasu-tmp"), "half a file");
        new OutputWriter().write(SECOND, out);
        assertEquals(asMap(SECOND), contents());
        assertFalse(Files.exists(out.resolve(".watasu/.owned.txt.watasu-tmp")));
        assertFalse(Files.exists(out.resolve("acme/old/.d.yaml.watasu-tmp")));
    }

    @Test
    void aFirstWriteIntoAMissingFolderIsStagedBesideItAndRenamedIntoPlace() throws IOException {
        Path target = out.resolve("nested/new");
        WriteResult result = new OutputWriter().write(FIRST, target);
        assertEquals(4, result.written().size());
        assertTrue(new OutputWriter().compare(FIRST, target).upToDate());
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            assertEquals(List.of(target), siblings.toList(), "no staging folder left behind");
        }
    }

    @Test
    void aFailedStagedWriteLeavesNothingAtAll() throws IOException {
        Path target = out.resolve("new");
        OutputWriter dying = new OutputWriter((step, path) -> {
            if (step.equals("write") && path.equals("acme/b.yaml")) {
                throw new IOException("disk full");
            }
        });
        assertThrows(OutputException.class, () -> dying.write(FIRST, target));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
        OutputWriter killedBeforeRename = new OutputWriter((step, path) -> {
            if (step.equals("rename")) {
                throw new IOException("killed");
            }
        });
        assertThrows(OutputException.class, () -> killedBeforeRename.write(FIRST, target));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aStagedWriteIntoAnEmptyFolderKeepsItsPermissions() throws IOException {
        Path target = Files.createDirectory(out.resolve("empty"));
        Set<PosixFilePermission> restricted = PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(target, restricted);
        new OutputWriter().write(FIRST, target);
        assertEquals(asMap(FIRST), contentsOf(target));
        assertEquals(restricted, Files.getPosixFilePermissions(target));
    }

    @Test
    void aLinkToAnEmptyFolderIsWrittenThroughNotReplaced() throws IOException {
        Path real = Files.createDirectory(out.resolve("real"));
        Path link = Files.createSymbolicLink(out.resolve("link"), real);
        new OutputWriter().write(FIRST, link);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(asMap(FIRST), contentsOf(real));
    }

    /** A fingerprint names one content: while a file may hold its old or new content, the record keeps none. */
    @Test
    void anInterruptedWriteKeepsFingerprintsOnlyWhereTheContentIsCertain() throws IOException {
        new OutputWriter().write(withFingerprints(FIRST, "1"), out);
        OutputWriter killed = new OutputWriter((step, path) -> {
            if (step.equals("rename")) {
                throw new IOException("killed");
            }
        });
        assertThrows(OutputException.class, () -> killed.write(withFingerprints(SECOND, "2"), out));
        Map<String, OwnershipRecord.Entry> record =
                OwnershipRecord.parse(Files.readString(out.resolve(".watasu/owned.txt")));
        assertEquals(2, record.get("acme/a.yaml").hashes().size());
        assertEquals(null, record.get("acme/a.yaml").fingerprint());
        assertEquals("2", record.get("acme/_team.yaml").fingerprint(), "unchanged content, new fingerprint");
        assertEquals("1", record.get("acme/b.yaml").fingerprint(), "still there until removed");
    }

    private static RenderedTree withFingerprints(RenderedTree tree, String fingerprint) {
        return new RenderedTree(tree.files().stream()
                .map(f -> new RenderedFile(f.relativePath(), f.content(), fingerprint, null)).toList());
    }

    @Test
    void handEditedFilesAreReportedAndReplaced() throws IOException {
        new OutputWriter().write(FIRST, out);
        Files.writeString(out.resolve("acme/_team.yaml"), "team: hacked\n");
        Files.writeString(out.resolve("acme/b.yaml"), "b: hacked\n");
        OutputChanges changes = new OutputWriter().compare(SECOND, out);
        assertEquals(List.of("acme/_team.yaml", "acme/a.yaml"), changes.changed());
        assertEquals(List.of("acme/_team.yaml", "acme/b.yaml"), changes.handEdited());
        WriteResult result = new OutputWriter().write(SECOND, out);
        assertEquals(List.of("acme/_team.yaml", "acme/b.yaml"), result.handEdited());
        assertEquals(asMap(SECOND), contents());
    }

    @Test
    void compareReportsEveryKindOfStaleness() throws IOException {
        assertEquals(List.of("missing: acme/_team.yaml", "missing: acme/a.yaml", "missing: acme/b.yaml",
                "missing: globex/_team.yaml"), new OutputWriter().compare(FIRST, out).describe());
        new OutputWriter().write(FIRST, out);
        Files.writeString(out.resolve("globex/_team.yaml"), "edited\n");
        Files.writeString(out.resolve("acme/c.yaml"), "someone else's\n");
        Files.writeString(out.resolve("acme/d.yaml"), "someone else's\n");
        OutputChanges changes = new OutputWriter().compare(SECOND, out);
        assertFalse(changes.upToDate());
        assertEquals(List.of("changed: acme/a.yaml", "changed: globex/_team.yaml (edited by hand)",
                "stale: acme/b.yaml", "not written by watasu: acme/c.yaml", "not written by watasu: acme/d.yaml"),
                changes.describe());
        assertEquals(asMap(FIRST).keySet().size() + 2, contents().size(), "compare writes nothing");
    }

    @Test
    void pathsLeavingTheFolderAreRefused() {
        for (String path : List.of("../x.yaml", "/etc/x", "a/../../x", ".watasu/owned.txt", "a//b", "a\\b",
                ".git/hooks/post-checkout", "acme/.x.yaml.watasu-tmp", "a/b\nc", "a/")) {
            assertThrows(OutputException.class, () -> new OutputWriter().write(tree(path, "x\n"), out), path);
        }
    }

    @Test
    void ownershipRecordIsSortedTextWithHashes() throws IOException {
        new OutputWriter().write(tree("b/x.yaml", "x\n", "a/y.yaml", "y\n"), out);
        List<String> lines = Files.readAllLines(out.resolve(".watasu/owned.txt"), StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("#"));
        assertTrue(lines.get(1).matches("[0-9a-f]{64} a/y\\.yaml"), lines.get(1));
        assertTrue(lines.get(2).endsWith(" b/x.yaml"));
    }
}
