package io.watasu.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes a rendered tree into a directory, owning only what it wrote.
 * <ul>
 *   <li>Every file is written to a temporary file next to it and renamed into place, so no file is ever half
 *   written. All temporary files are written before the first rename: a failure while writing leaves the previous
 *   output exactly as it was. A first render into a missing or empty folder writes the whole tree into a staging
 *   folder beside it instead and renames that into place once.</li>
 *   <li>Files whose content is already right are not touched (their modification time stays).</li>
 *   <li>Files recorded in {@code .watasu/owned.txt} that the tree no longer has are removed; anything else in the
 *   directory is never modified, and a rendered path taken by such a foreign file stops the write before it starts.</li>
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

    public OutputWriter() {
        this((step, path) -> {
        });
    }

    OutputWriter(StepListener listener) {
        this.listener = listener;
    }

    /** How {@code outDir} differs from {@code tree}; reads, never writes. */
    public OutputChanges compare(RenderedTree tree, Path outDir) {
        return OutputChanges.between(tree, readState(tree, outDir));
    }

    /**
     * Writes {@code tree} into {@code outDir}, then remembers the hash of every file with its status for the next
     * run's reuse check (see {@link StatCache}), unless every file was created just now.
     */
    public WriteResult write(RenderedTree tree, Path outDir) {
        Map<String, String> hashes = new HashMap<>();
        WriteResult result = writeFiles(tree, outDir, hashes);
        // Files created just now are too young to be remembered (see StatCache): a first render skips the statting.
        if (result.created().size() < tree.files().size()) {
            StatCache.of(outDir).ifPresent(cache -> cache.write(outDir, hashes));
        }
        return result;
    }

    /** Writes the files; {@code hashes} receives the SHA-256 of every file of the tree. */
    private WriteResult writeFiles(RenderedTree tree, Path outDir, Map<String, String> hashes) {
        OutputState state = readState(tree, outDir);
        OutputChanges changes = OutputChanges.between(tree, state);
        if (!changes.foreign().isEmpty()) {
            throw new OutputException(changes.foreign().size() + " file(s) in " + outDir + " were not written by"
                    + " watasu but would be overwritten, e.g. " + changes.foreign().get(0)
                    + "; move them away or render into another folder");
        }
        Set<String> toWritePaths = new HashSet<>(changes.created());
        toWritePaths.addAll(changes.changed());
        // Reused files are on disk already and carry their hash; hashing the others is most of the remaining
        // cost: spread it over the cores.
        List<byte[]> contents = tree.files().parallelStream()
                .map(file -> file.reused() ? null : file.content().getBytes(StandardCharsets.UTF_8)).toList();
        List<String> fileHashes = IntStream.range(0, contents.size()).parallel()
                .mapToObj(i -> tree.files().get(i).reused() ? tree.files().get(i).sha256()
                        : OutputChanges.sha256(contents.get(i)))
                .toList();
        Map<String, OwnershipRecord.Entry> newRecord = new TreeMap<>();
        Map<String, byte[]> toWrite = new TreeMap<>();
        for (int i = 0; i < contents.size(); i++) {
            RenderedFile file = tree.files().get(i);
            newRecord.put(file.relativePath(), new OwnershipRecord.Entry(Set.of(fileHashes.get(i)), file.fingerprint()));
            hashes.put(file.relativePath(), fileHashes.get(i));
            if (toWritePaths.contains(file.relativePath())) {
                toWrite.put(file.relativePath(), contents.get(i));
            }
        }
        String finalRecord = OwnershipRecord.format(newRecord);
        Path recordFile = outDir.resolve(OwnershipRecord.RELATIVE_PATH);
        try {
            if (toWrite.isEmpty() && changes.removed().isEmpty()) {
                if (!finalRecord.equals(readIfExists(recordFile))) {
                    replaceAtomically(recordFile, finalRecord.getBytes(StandardCharsets.UTF_8), "record");
                }
                return new WriteResult(List.of(), List.of(), List.of(), changes.unchanged().size(), changes.handEdited());
            }
            if (isMissingOrEmpty(outDir) && writeStaged(outDir, toWrite, finalRecord)) {
                return new WriteResult(List.copyOf(toWrite.keySet()), changes.created(), List.of(), 0, List.of());
            }
            removeLeftoverTemporaries(outDir, tree, state);
            writeTemporaries(outDir, toWrite);
            replaceAtomically(recordFile, OwnershipRecord.format(intent(state.owned(), newRecord))
                    .getBytes(StandardCharsets.UTF_8), "record");
            for (String path : toWrite.keySet()) {
                listener.beforeStep("rename", path);
                Files.move(temporary(outDir.resolve(path)), outDir.resolve(path),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            for (String path : changes.removed()) {
                listener.beforeStep("remove", path);
                Files.deleteIfExists(outDir.resolve(path));
                removeEmptyParents(outDir, outDir.resolve(path).getParent());
            }
            replaceAtomically(recordFile, finalRecord.getBytes(StandardCharsets.UTF_8), "record");
        } catch (IOException e) {
            throw new OutputException("cannot write " + outDir + ": " + e, e);
        }
        return new WriteResult(List.copyOf(toWrite.keySet()), changes.created(), changes.removed(),
                changes.unchanged().size(), changes.handEdited());
    }

    /**
     * A first render into a missing or empty folder: the whole tree and its record are written into a sibling
     * staging folder, which is then renamed into place in one step (replacing the empty folder, with its
     * permissions). Cheaper than a temporary and a rename per file, and just as all-or-nothing: a failure while
     * writing deletes the staging folder. Returns false, with nothing changed, when the final rename is refused
     * (e.g. the folder is a mount point or gained files meanwhile); the caller then writes file by file.
     */
    private boolean writeStaged(Path outDir, Map<String, byte[]> toWrite, String record) throws IOException {
        Path target = outDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            return false;
        }
        Files.createDirectories(parent);
        Path staging = parent.resolve("." + target.getFileName() + STAGING_INFIX
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        Files.createDirectory(staging);
        try {
            Set<Path> folders = new TreeSet<>();
            toWrite.keySet().forEach(path -> folders.add(staging.resolve(path).getParent()));
            folders.add(staging.resolve(OwnershipRecord.BOOKKEEPING_FOLDER));
            for (Path folder : folders) {
                Files.createDirectories(folder);
            }
            Files.writeString(staging.resolve(OwnershipRecord.RELATIVE_PATH), record, StandardCharsets.UTF_8);
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
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            deleteTree(staging);
            return false;
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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Phase one: all content lands in temporaries; on any failure they are deleted and nothing else changed. */
    private void writeTemporaries(Path outDir, Map<String, byte[]> toWrite) throws IOException {
        List<Path> written = new ArrayList<>();
        Set<Path> folders = new HashSet<>();
        try {
            for (Map.Entry<String, byte[]> file : toWrite.entrySet()) {
                listener.beforeStep("write", file.getKey());
                Path target = outDir.resolve(file.getKey());
                if (folders.add(target.getParent())) {
                    Files.createDirectories(target.getParent());
                }
                Path temp = temporary(target);
                written.add(temp);
                Files.write(temp, file.getValue());
            }
        } catch (IOException | RuntimeException e) {
            for (Path temp : written) {
                Files.deleteIfExists(temp);
            }
            throw e;
        }
    }

    private void replaceAtomically(Path target, byte[] content, String step) throws IOException {
        listener.beforeStep(step, OwnershipRecord.RELATIVE_PATH);
        Files.createDirectories(target.getParent());
        Path temp = temporary(target);
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A run killed between writing and renaming leaves {@code .<name>.watasu-tmp} files; they are Watasu's. */
    private static void removeLeftoverTemporaries(Path outDir, RenderedTree tree, OutputState state)
            throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        tree.files().forEach(f -> folders.add(outDir.resolve(f.relativePath()).getParent()));
        state.owned().keySet().forEach(p -> folders.add(outDir.resolve(p).getParent()));
        folders.add(outDir.resolve(OwnershipRecord.BOOKKEEPING_FOLDER));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, "." + "*" + TEMP_SUFFIX)) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    /** Removes folders emptied by a removal, up to (not including) the output directory. */
    private static void removeEmptyParents(Path outDir, Path folder) throws IOException {
        Path current = folder;
        while (current != null && !current.equals(outDir) && current.startsWith(outDir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(current)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }

    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + TEMP_SUFFIX);
    }

    /**
     * Old and new hashes for every path: valid whichever renames have happened when a run stops. A fingerprint is
     * kept only where it still names the one possible content.
     */
    private static Map<String, OwnershipRecord.Entry> intent(Map<String, OwnershipRecord.Entry> owned,
                                                             Map<String, OwnershipRecord.Entry> newRecord) {
        Map<String, OwnershipRecord.Entry> intent = new TreeMap<>(owned);
        newRecord.forEach((path, entry) -> intent.merge(path, entry, (old, fresh) -> {
            Set<String> hashes = new LinkedHashSet<>(old.hashes());
            hashes.addAll(fresh.hashes());
            return hashes.size() == 1 ? fresh : new OwnershipRecord.Entry(hashes, null);
        }));
        return intent;
    }

    /**
     * Reads the ownership record and the content of every path the tree or the record names, except reused files
     * the record still owns (their content is the tree's).
     */
    static OutputState readState(RenderedTree tree, Path outDir) {
        tree.files().forEach(f -> checkRelativePath(f.relativePath()));
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new OutputException(outDir + " exists and is not a folder; choose another --out");
        }
        try {
            String record = readIfExists(outDir.resolve(OwnershipRecord.RELATIVE_PATH));
            Map<String, OwnershipRecord.Entry> owned = record == null ? Map.of() : OwnershipRecord.parse(record);
            owned.keySet().forEach(OutputWriter::checkRelativePath);
            Map<String, byte[]> existing = new HashMap<>();
            Set<String> paths = new HashSet<>(owned.keySet());
            tree.files().forEach(f -> paths.add(f.relativePath()));
            // A reused file was read from this folder and matched the record a moment ago: no second read.
            tree.files().stream().filter(f -> f.reused() && owned.containsKey(f.relativePath()))
                    .forEach(f -> paths.remove(f.relativePath()));
            Map<Path, Boolean> folderExists = new HashMap<>();
            for (String path : paths) {
                Path file = outDir.resolve(path);
                // A first render into a new folder would otherwise pay one exception per file.
                if (!folderExists.computeIfAbsent(file.getParent(), Files::isDirectory)) {
                    continue;
                }
                try {
                    existing.put(path, Files.readAllBytes(file));
                } catch (NoSuchFileException e) {
                    // absent: created on write, or dropped from the record
                }
            }
            return new OutputState(owned, existing);
        } catch (IOException e) {
            throw new OutputException("cannot read " + outDir + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new OutputException("cannot read " + outDir + ": " + e.getCause(), e);
        }
    }

    private static String readIfExists(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Paths come from the renderer and the record: both must stay inside the folder and out of the bookkeeping. */
    static void checkRelativePath(String path) {
        boolean bad = path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\n")
                || path.contains("\r") || path.startsWith(OwnershipRecord.BOOKKEEPING_FOLDER + "/")
                || path.endsWith(TEMP_SUFFIX);
        for (String segment : path.split("/", -1)) {
            bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        if (bad) {
            throw new OutputException("refusing to write outside the output folder or into its bookkeeping: '"
                    + path + "'");
        }
    }
}
