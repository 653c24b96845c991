package io.watasu.output;

import io.watasu.concurrency.Background;
import io.watasu.files.FileProblems;
import io.watasu.files.OwnedTree;
import io.watasu.files.SymbolicLinkException;
import io.watasu.files.Temporaries;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes a rendered tree into a directory, owning only what it wrote.
 * <ul>
 *   <li>Every file is written to a temporary file next to it and renamed into place, so no file is ever half
 *   written. All temporary files are written before the first rename: a failure while writing leaves the previous
 *   output exactly as it was. A first render into a missing or empty folder writes the whole tree into a staging
 *   folder beside it instead and renames that into place once.</li>
 *   <li>Files whose content is already right are not touched (their modification time stays).</li>
 *   <li>Files recorded in {@code .watasu/owned.txt} that the tree no longer has are removed. The folders directly
 *   under the directory are watasu's (Argo CD makes a team Application of each): a file there that watasu did not
 *   write stops the write before it starts, unless the writer was asked to delete such files. Anything else in the
 *   directory (files at its top, folders starting with '.') is never touched.</li>
 *   <li>No symbolic link below the directory is followed (see {@link OwnedTree}): a link where watasu keeps its
 *   own file or folder stops the write.</li>
 *   <li>A file Watasu wrote and someone edited by hand is replaced (or removed) like any other stale file and
 *   reported: the output is generated, and a hand edit to a network policy must not survive silently.</li>
 *   <li>The ownership record is rewritten last. Before the renames it is extended with the new paths and hashes,
 *   so even a run killed between two renames leaves every file it wrote recorded as Watasu's.</li>
 * </ul>
 * Renames are atomic on one file system; durability against power loss (fsync) is left to the file system.
 */
public final class OutputWriter {
    private static final String TEMP_SUFFIX = ".watasu-tmp";
    private static final String STAGING_INFIX = ".watasu-staging-";

    /** Called before each step that changes the directory; tests use it to simulate a run dying half-way. */
    interface StepListener {
        void beforeStep(String step, String relativePath) throws IOException;
    }

    private final StepListener listener;
    private final boolean removeForeign;
    /** The paths this writer answers for; recorded files outside it are kept as they are, record entries included. */
    private final Predicate<String> scope;

    /** The scope of a writer for the whole folder; given it, nothing is narrowed. */
    public static final Predicate<String> EVERY_PATH = path -> true;

    public OutputWriter() {
        this((step, path) -> {
        });
    }

    OutputWriter(StepListener listener) {
        this(listener, false, EVERY_PATH);
    }

    private OutputWriter(StepListener listener, boolean removeForeign, Predicate<String> scope) {
        this.listener = listener;
        this.removeForeign = removeForeign;
        this.scope = scope;
    }

    /** A writer that deletes the files watasu did not write in its folders (and writes over them) instead of refusing. */
    public OutputWriter removingForeignFiles() {
        return new OutputWriter(listener, true, scope);
    }

    /**
     * A writer for part of the folder (one cluster of a fleet): the tree holds the files of {@code scope} only, and
     * files outside it, recorded or not, are neither compared, written nor removed.
     */
    public OutputWriter within(Predicate<String> newScope) {
        return new OutputWriter(listener, removeForeign, newScope);
    }

    /** How {@code outDir} differs from {@code tree}; reads, never writes (and follows no link below it). */
    public OutputChanges compare(RenderedTree tree, Path outDir) {
        return OutputChanges.between(tree, scoped(readState(tree, OwnedTree.at(outDir))));
    }

    /** The state of the paths in scope. */
    private OutputState scoped(OutputState state) {
        if (scope == EVERY_PATH) {
            return state;
        }
        Map<String, OwnershipRecord.Entry> owned = new LinkedHashMap<>(); // filtered in path order: still in order
        state.owned().forEach((path, entry) -> {
            if (scope.test(path)) {
                owned.put(path, entry);
            }
        });
        return new OutputState(owned, state.existing(), state.strays().stream().filter(scope).toList(),
                state.leftovers().stream().filter(scope).toList());
    }

    public WriteResult write(RenderedTree tree, Path outDir) {
        return write(tree, OwnedTree.at(outDir));
    }

    /**
     * Writes {@code tree} into {@code out}, and remembers the hash of every file it does not write with its status,
     * for the next run's reuse check (see {@link StatCache}).
     */
    public WriteResult write(RenderedTree tree, OwnedTree out) {
        return write(tree, out, readState(tree, out));
    }

    /**
     * Starts reading {@code outDir} as a write of {@code tree} needs it (record, strays), in the background,
     * while the caller does something else (the contract gate); nothing is changed before
     * {@link Prepared#write()}.
     */
    public Prepared prepare(RenderedTree tree, Path outDir) {
        OwnedTree out = OwnedTree.at(outDir);
        return new Prepared(tree, out, Background.inPool(() -> readState(tree, out)));
    }

    /** A write whose reading has started (see {@link #prepare}). */
    public final class Prepared {
        private final RenderedTree tree;
        private final OwnedTree out;
        private final CompletableFuture<OutputState> state;

        private Prepared(RenderedTree tree, OwnedTree out, CompletableFuture<OutputState> state) {
            this.tree = tree;
            this.out = out;
            this.state = state;
        }

        /** As {@link OutputWriter#write(RenderedTree, OwnedTree)}, with the folder as it was read. */
        public WriteResult write() {
            return OutputWriter.this.write(tree, out, Background.join(state));
        }
    }

    private WriteResult write(RenderedTree tree, OwnedTree out, OutputState whole) {
        removeStaleStaging(out);
        OutputState state = scoped(whole);
        OutputChanges changes = OutputChanges.between(tree, state);
        if (!changes.foreign().isEmpty() && !removeForeign) {
            throw new OutputException.ForeignFiles(out.display(""), changes.foreign());
        }
        Set<String> toWritePaths = new HashSet<>(changes.created());
        toWritePaths.addAll(changes.changed());
        // A foreign file at a rendered path is written over; any other is deleted.
        Set<String> rendered = changes.foreign().isEmpty() ? Set.of()
                : tree.files().stream().map(RenderedFile::relativePath).collect(Collectors.toSet());
        List<String> foreignToDelete = new ArrayList<>();
        for (String path : changes.foreign()) {
            (rendered.contains(path) ? toWritePaths : foreignToDelete).add(path);
        }
        // Reused files are on disk already and carry their hash; hashing the others is most of the remaining
        // cost: spread it over the cores.
        List<byte[]> contents = tree.files().parallelStream()
                .map(file -> file.reused() ? null : file.content().getBytes(StandardCharsets.UTF_8)).toList();
        List<String> fileHashes = IntStream.range(0, contents.size()).parallel()
                .mapToObj(i -> tree.files().get(i).reused() ? tree.files().get(i).sha256()
                        : OutputChanges.sha256(contents.get(i)))
                .toList();
        CompletableFuture<Void> remembered = remember(tree, out, fileHashes, toWritePaths);
        try {
            Map<String, OwnershipRecord.Entry> entries = new HashMap<>();
            Map<String, byte[]> toWrite = new TreeMap<>();
            for (int i = 0; i < contents.size(); i++) {
                RenderedFile file = tree.files().get(i);
                entries.put(file.relativePath(), entry(whole.owned().get(file.relativePath()), fileHashes.get(i),
                        file.fingerprint()));
                if (toWritePaths.contains(file.relativePath())) {
                    toWrite.put(file.relativePath(), contents.get(i));
                }
            }
            Map<String, OwnershipRecord.Entry> newRecord = newRecord(whole.owned(), entries);
            String finalRecord = OwnershipRecord.formatInOrder(newRecord);
            if (toWrite.isEmpty() && changes.removed().isEmpty() && foreignToDelete.isEmpty()) {
                OwnershipRecord.Read record = OwnershipRecord.read(out);
                if (record == null || !finalRecord.equals(record.text())) {
                    replaceAtomically(out, OwnershipRecord.RELATIVE_PATH, finalRecord.getBytes(StandardCharsets.UTF_8));
                }
                return new WriteResult(List.of(), List.of(), List.of(), changes.unchanged().size(),
                        changes.handEdited(), List.of());
            }
            if (isMissingOrEmpty(out.root()) && writeStaged(out.root(), toWrite, finalRecord)) {
                return new WriteResult(List.copyOf(toWrite.keySet()), changes.created(), List.of(), 0, List.of(),
                        List.of());
            }
            removeLeftoverTemporaries(out, state);
            writeTemporaries(out, toWrite);
            replaceAtomically(out, OwnershipRecord.RELATIVE_PATH, intent(state.owned(), newRecord)
                    .getBytes(StandardCharsets.UTF_8));
            for (String path : toWrite.keySet()) {
                listener.beforeStep("rename", path);
                out.rename(temporary(path), path);
            }
            List<String> removals = new ArrayList<>(changes.removed());
            removals.addAll(foreignToDelete);
            for (String path : removals) {
                listener.beforeStep("remove", path);
                out.delete(path);
                removeEmptyParents(out, OwnedTree.parent(path));
            }
            replaceAtomically(out, OwnershipRecord.RELATIVE_PATH, finalRecord.getBytes(StandardCharsets.UTF_8));
            return new WriteResult(List.copyOf(toWrite.keySet()), changes.created(), changes.removed(),
                    changes.unchanged().size(), changes.handEdited(), changes.foreign());
        } catch (SymbolicLinkException e) {
            throw new OutputException.SymbolicLink(e);
        } catch (IOException e) {
            throw new OutputException("cannot write " + out.display("") + ": " + FileProblems.describe(e)
                    + " (check that the folder is writable, or write elsewhere)", e);
        } finally {
            Background.join(remembered);
        }
    }

    /**
     * Remembers, while the files are written, the hashes of those not written now, with their status (see
     * {@link StatCache}): a reused file comes with the settled status its hash was taken with. Files written now are
     * too young to be remembered, so a first render remembers nothing.
     */
    private static CompletableFuture<Void> remember(RenderedTree tree, OwnedTree out, List<String> fileHashes,
                                                    Set<String> toWritePaths) {
        Optional<StatCache> cache = StatCache.of(out.root());
        if (cache.isEmpty() || toWritePaths.size() >= tree.files().size()) {
            return CompletableFuture.completedFuture(null);
        }
        return Background.start("remember-hashes", () -> {
            List<StatCache.Remembered> files = new ArrayList<>(tree.files().size());
            for (int i = 0; i < fileHashes.size(); i++) {
                RenderedFile file = tree.files().get(i);
                if (!toWritePaths.contains(file.relativePath())) {
                    files.add(new StatCache.Remembered(file.relativePath(), fileHashes.get(i),
                            file.reused() ? file.status() : null));
                }
            }
            cache.get().write(out, files);
            return null;
        });
    }

    /**
     * A first render into a missing or empty folder: the whole tree and its record are written into a sibling
     * staging folder, which is then renamed into place in one step (replacing the empty folder, with its
     * permissions). Cheaper than a temporary and a rename per file, and just as all-or-nothing: a failure while
     * writing deletes the staging folder. Returns false, with nothing changed, when the final rename is refused
     * (e.g. the folder is a mount point or gained files meanwhile); the caller then writes file by file. The
     * staging folder is held (see {@link Temporaries}) until it is renamed, so that a later run can tell a
     * leftover of a killed run from one still being written.
     */
    private boolean writeStaged(Path outDir, Map<String, byte[]> toWrite, String record) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            return false;
        }
        Files.createDirectories(parent);
        try (Temporaries.Held held = createStaging(parent, target)) {
            Path staging = held.path();
            ByteBuffer recordBytes = ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8));
            while (recordBytes.hasRemaining()) {
                held.channel().write(recordBytes);
            }
            Set<Path> folders = new TreeSet<>();
            toWrite.keySet().forEach(path -> folders.add(staging.resolve(path).getParent()));
            for (Path folder : folders) {
                Files.createDirectories(folder);
            }
            // Distinct files, no renames to order: both cores can write. Failures are collected, not thrown, so
            // that no write is still running when the staging folder is deleted.
            Optional<IOException> failure = toWrite.entrySet().parallelStream().map(file -> {
                try {
                    listener.beforeStep("write", file.getKey());
                    Files.write(staging.resolve(file.getKey()), file.getValue());
                    return null;
                } catch (IOException e) {
                    return e;
                }
            }).filter(Objects::nonNull).findFirst();
            if (failure.isPresent()) {
                throw failure.get();
            }
            if (Files.isDirectory(target)) {
                Files.setPosixFilePermissions(staging, Files.getPosixFilePermissions(target));
            }
            listener.beforeStep("rename", ".");
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static Temporaries.Held createStaging(Path parent, Path target) throws IOException {
        try {
            return Temporaries.createFolder(parent, staging(target), OwnershipRecord.RELATIVE_PATH);
        } catch (AccessDeniedException e) {
            // Named after the folder the user can fix, not after the staging folder that could not be made.
            throw new AccessDeniedException(parent.toString());
        }
    }

    /** How the staging folders of a first render into {@code target} are named: {@code .<name>.watasu-staging-<random>}. */
    private static Temporaries.Naming staging(Path target) {
        return new Temporaries.Naming("." + target.getFileName() + STAGING_INFIX, "");
    }

    /** Staging folders that first renders into this folder left when they were killed (none that is being written). */
    private static void removeStaleStaging(OwnedTree out) {
        Path target = out.root().toAbsolutePath().normalize();
        if (target.getParent() != null) {
            Temporaries.removeStale(target.getParent(), staging(target), OwnershipRecord.RELATIVE_PATH);
        }
    }

    /** A symbolic link is never staged over: the rename would replace the link instead of writing where it points. */
    private static boolean isMissingOrEmpty(Path folder) throws IOException {
        if (Files.isSymbolicLink(folder)) {
            return false;
        }
        if (!Files.exists(folder)) {
            return true;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Phase one: all content lands in temporaries; on any failure they are deleted and nothing else changed. */
    private void writeTemporaries(OwnedTree out, Map<String, byte[]> toWrite) throws IOException {
        List<String> written = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> file : toWrite.entrySet()) {
                listener.beforeStep("write", file.getKey());
                out.createFolders(OwnedTree.parent(file.getKey()));
                String temp = temporary(file.getKey());
                written.add(temp);
                out.write(temp, file.getValue());
            }
        } catch (IOException | RuntimeException e) {
            for (String temp : written) {
                out.delete(temp);
            }
            throw e;
        }
    }

    private void replaceAtomically(OwnedTree out, String path, byte[] content) throws IOException {
        listener.beforeStep("record", path);
        out.createFolders(OwnedTree.parent(path));
        out.write(temporary(path), content);
        out.rename(temporary(path), path);
    }

    /**
     * A run killed between writing and renaming leaves {@code .<name>.watasu-tmp} files; they are Watasu's. Those in
     * the folders were found while looking for strays; the bookkeeping folder is looked at here.
     */
    private static void removeLeftoverTemporaries(OwnedTree out, OutputState state) throws IOException {
        List<String> leftovers = new ArrayList<>(state.leftovers());
        for (String name : out.list(OwnershipRecord.BOOKKEEPING_FOLDER)) {
            String path = OwnershipRecord.BOOKKEEPING_FOLDER + "/" + name;
            if (isTemporary(name) && out.kind(path) == OwnedTree.Kind.FILE) {
                leftovers.add(path);
            }
        }
        for (String path : leftovers) {
            out.delete(path);
        }
    }

    private static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /** Removes folders emptied by a removal, up to (not including) the output directory. */
    private static void removeEmptyParents(OwnedTree out, String folder) throws IOException {
        for (String current = folder; !current.isEmpty(); current = OwnedTree.parent(current)) {
            if (!out.list(current).isEmpty()) {
                return;
            }
            out.delete(current);
        }
    }

    private static String temporary(String path) {
        String folder = OwnedTree.parent(path);
        String name = path.substring(folder.isEmpty() ? 0 : folder.length() + 1);
        return (folder.isEmpty() ? "" : folder + "/") + "." + name + TEMP_SUFFIX;
    }

    /** The record's entry for a file of {@code sha256}: the recorded one when it says just that (no new copy). */
    private static OwnershipRecord.Entry entry(OwnershipRecord.Entry recorded, String sha256, String fingerprint) {
        return recorded != null && recorded.hashes().size() == 1 && recorded.hashes().contains(sha256)
                && Objects.equals(recorded.fingerprint(), fingerprint)
                ? recorded : new OwnershipRecord.Entry(Set.of(sha256), fingerprint);
    }

    /**
     * The record while files are renamed, formatted: old and new hashes for every path, valid whichever renames
     * have happened when a run stops. A fingerprint is kept only where it still names the one possible content.
     */
    private static String intent(Map<String, OwnershipRecord.Entry> owned,
                                 Map<String, OwnershipRecord.Entry> newRecord) {
        return OwnershipRecord.formatMerged(owned, newRecord, (old, fresh) -> {
            if (old.hashes().equals(fresh.hashes())) {
                return fresh;
            }
            Set<String> hashes = new LinkedHashSet<>(old.hashes());
            hashes.addAll(fresh.hashes());
            return hashes.size() == 1 ? fresh : new OwnershipRecord.Entry(hashes, null);
        });
    }

    /**
     * The record once the tree is written, in path order: {@code recorded} (in path order) outside this writer's
     * scope, and the entries of the {@code rendered} files.
     */
    private Map<String, OwnershipRecord.Entry> newRecord(Map<String, OwnershipRecord.Entry> recorded,
                                                         Map<String, OwnershipRecord.Entry> rendered) {
        Map<String, OwnershipRecord.Entry> kept = new LinkedHashMap<>();
        recorded.forEach((path, entry) -> {
            OwnershipRecord.Entry fresh = rendered.get(path);
            if (fresh != null || !scope.test(path)) {
                kept.put(path, fresh != null ? fresh : entry);
            }
        });
        Map<String, OwnershipRecord.Entry> added = new TreeMap<>();
        rendered.forEach((path, entry) -> {
            if (!recorded.containsKey(path)) {
                added.put(path, entry);
            }
        });
        return OwnershipRecord.merge(kept, added, (old, fresh) -> fresh);
    }

    /**
     * Reads the ownership record, the content of every path the tree or the record names (except reused files the
     * record still owns: their content is the tree's), and lists the folders directly under the directory for files
     * that are neither.
     */
    static OutputState readState(RenderedTree tree, OwnedTree out) {
        tree.files().forEach(f -> checkRelativePath(f.relativePath()));
        try {
            if (!out.isFolder("")) {
                return new OutputState(Map.of(), Map.of(), List.of(), List.of());
            }
            OwnershipRecord.Read record = OwnershipRecord.read(out);
            // In path order (as parsed), looked up by hash; its paths are checked.
            Map<String, OwnershipRecord.Entry> owned = record == null ? Map.of() : record.owned();
            Map<String, byte[]> existing = new HashMap<>();
            Set<String> rendered = new HashSet<>();
            List<String> paths = new ArrayList<>();
            for (RenderedFile file : tree.files()) {
                rendered.add(file.relativePath());
                // A reused file was checked against the record and this folder a moment ago: no second read.
                if (!(file.reused() && owned.containsKey(file.relativePath()))) {
                    paths.add(file.relativePath());
                }
            }
            owned.keySet().stream().filter(path -> !rendered.contains(path)).forEach(paths::add);
            Map<String, Boolean> folderExists = new HashMap<>();
            for (String path : paths) {
                String folder = OwnedTree.parent(path);
                // A first render into a new folder would otherwise pay one exception per file.
                Boolean exists = folderExists.get(folder);
                if (exists == null) {
                    exists = out.isFolder(folder);
                    folderExists.put(folder, exists);
                }
                byte[] content = exists ? out.readIfExists(path) : null;
                if (content != null) {
                    existing.put(path, content);
                }
            }
            Predicate<String> known = path -> rendered.contains(path) || owned.containsKey(path);
            // Folder by folder on every core: a fleet's output has tens of thousands of files to look at.
            List<Unknown> unknown = out.list("").parallelStream()
                    .filter(name -> !name.startsWith("."))
                    .map(name -> Unknown.in(out, name, known))
                    .toList();
            List<String> strays = new ArrayList<>();
            List<String> leftovers = new ArrayList<>();
            for (Unknown found : unknown) {
                if (found.unreadable() != null) {
                    throw found.unreadable();
                }
                strays.addAll(found.strays());
                leftovers.addAll(found.leftovers());
            }
            strays.sort(null);
            return new OutputState(owned, existing, strays, leftovers);
        } catch (SymbolicLinkException e) {
            throw new OutputException.SymbolicLink(e);
        } catch (NotDirectoryException e) {
            throw new OutputException(FileProblems.describe(e) + "; watasu keeps its files in folders there: move it"
                    + " away or write elsewhere", e);
        } catch (IOException e) {
            throw new OutputException("cannot read " + out.display("") + ": " + FileProblems.describe(e), e);
        }
    }

    /**
     * What a folder directly under the output directory holds that is not {@code known}, or why it could not be
     * looked at.
     */
    private record Unknown(List<String> strays, List<String> leftovers, IOException unreadable) {
        static Unknown in(OwnedTree out, String name, Predicate<String> known) {
            List<String> strays = new ArrayList<>();
            List<String> leftovers = new ArrayList<>();
            try {
                if (out.kind(name) == OwnedTree.Kind.FOLDER) {
                    collectStrays(out, name, known, strays, leftovers);
                }
                return new Unknown(strays, leftovers, null);
            } catch (IOException e) {
                return new Unknown(List.of(), List.of(), e);
            }
        }
    }

    /**
     * Files in {@code folder} (and its folders) that are not {@code known} go to {@code strays}, except watasu's own
     * temporaries, which go to {@code leftovers}.
     */
    private static void collectStrays(OwnedTree out, String folder, Predicate<String> known, List<String> strays,
                                      List<String> leftovers) throws IOException {
        for (String name : out.list(folder)) {
            String path = folder + "/" + name;
            if (known.test(path)) {
                continue;
            }
            OwnedTree.Kind kind = out.kind(path);
            if (kind == OwnedTree.Kind.FOLDER) {
                collectStrays(out, path, known, strays, leftovers);
            } else if (kind == OwnedTree.Kind.FILE && isTemporary(name)) {
                leftovers.add(path);
            } else if (kind != OwnedTree.Kind.MISSING) {
                strays.add(path);
            }
        }
    }

    /**
     * Paths come from the renderer and the record: both must stay inside the folder, out of the bookkeeping and out
     * of anything hidden ({@code .git}, temporaries).
     */
    static void checkRelativePath(String path) {
        boolean bad = path.isEmpty() || path.charAt(0) == '/' || path.charAt(path.length() - 1) == '/';
        for (int i = 0; i < path.length() && !bad; i++) {
            char c = path.charAt(i);
            // Every segment is non-empty and starts with something other than '.'.
            bad = Character.isISOControl(c) || c == '\\' || (i == 0 || path.charAt(i - 1) == '/') && (c == '.' || c == '/');
        }
        if (bad) {
            throw new OutputException("refusing to write outside the output folder or into its bookkeeping: '"
                    + path.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
