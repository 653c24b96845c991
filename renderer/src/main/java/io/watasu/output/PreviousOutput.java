package io.watasu.output;

import io.watasu.concurrency.Background;
import io.watasu.files.FileProblems;
import io.watasu.files.OwnedTree;
import io.watasu.files.SymbolicLinkException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Files of an earlier render that can stand in for rendering again. The ownership record pairs each file's content
 * hash with the fingerprint of what it was rendered from (plan, templates, renderer build). A file is offered for a
 * fingerprint only when the record names that same fingerprint and the bytes on disk still hash to the recorded
 * content, so a file edited by hand, or written by another build or other templates, is rendered again.
 * <p>
 * Checking the bytes (hashing every recorded file) does not depend on what will be rendered, so it starts as soon
 * as this is created and runs in the background, on cores that loading watasu.yaml leaves idle. A file whose status
 * is unchanged since its hash was last taken (see {@link StatCache}) is not read at all, and no file's text is read
 * before something asks for it.
 * <p>
 * This trusts the record as much as ownership already does. Someone who edits a file and also rewrites its hash
 * in the record can keep the edit through a re-render; {@code render --check} therefore never reuses anything.
 */
public final class PreviousOutput {
    private static final PreviousOutput NONE = new PreviousOutput(CompletableFuture.completedFuture(Checked.NOTHING));

    /** What the record says and which of its files are unchanged, found in the background. */
    private final CompletableFuture<Checked> checked;

    /**
     * @param owned     what the record says, by path
     * @param unchanged recorded files whose bytes still hash to the record, by path
     */
    private record Checked(NavigableMap<String, OwnershipRecord.Entry> owned, Map<String, RenderedFile> unchanged) {
        static final Checked NOTHING = new Checked(new TreeMap<>(), Map.of());
    }

    private PreviousOutput(CompletableFuture<Checked> checked) {
        this.checked = checked;
    }

    /** Nothing to reuse: every file is rendered. */
    public static PreviousOutput none() {
        return NONE;
    }

    /**
     * The earlier output in {@code outDir}, checked in the background. A missing, unreadable or damaged record
     * offers nothing: this is only a shortcut, and the write that follows reports such a record properly.
     */
    public static PreviousOutput in(Path outDir) {
        return in(OwnedTree.at(outDir));
    }

    /**
     * As {@link #in(Path)}; nothing behind a symbolic link is read (such a file is simply not offered). Reading the
     * record (megabytes for a fleet) is part of the background work too.
     */
    public static PreviousOutput in(OwnedTree out) {
        return new PreviousOutput(Background.start("previous-output-check", () -> check(out)));
    }

    private static Checked check(OwnedTree out) {
        NavigableMap<String, OwnershipRecord.Entry> owned;
        try {
            byte[] record = out.readIfExists(OwnershipRecord.RELATIVE_PATH);
            if (record == null) {
                return Checked.NOTHING;
            }
            owned = OwnershipRecord.parse(new String(record, StandardCharsets.UTF_8));
            owned.keySet().forEach(OutputWriter::checkRelativePath);
        } catch (IOException | OutputException e) {
            return Checked.NOTHING;
        }
        return new Checked(owned, unchangedFiles(out, owned));
    }

    /**
     * Half the files on this thread, half on a second one: the render waits for the check once watasu.yaml is
     * loaded. Not a parallel stream: started from a thread outside the fork-join pool, one spins while it waits
     * for the pool's part (a third of a second of CPU on a 50,000-file fleet, taken from the loading).
     */
    private static Map<String, RenderedFile> unchangedFiles(OwnedTree out, Map<String, OwnershipRecord.Entry> owned) {
        Map<String, StatCache.Entry> known = StatCache.of(out.root()).map(StatCache::read).orElse(Map.of());
        List<Map.Entry<String, OwnershipRecord.Entry>> entries = List.copyOf(owned.entrySet());
        int half = entries.size() / 2;
        CompletableFuture<Map<String, RenderedFile>> second = Background.start("previous-output-check-2",
                () -> unchangedFiles(out, entries.subList(half, entries.size()), known));
        Map<String, RenderedFile> files = unchangedFiles(out, entries.subList(0, half), known);
        files.putAll(Background.join(second));
        return files;
    }

    private static Map<String, RenderedFile> unchangedFiles(OwnedTree out,
                                                            List<Map.Entry<String, OwnershipRecord.Entry>> entries,
                                                            Map<String, StatCache.Entry> known) {
        Map<String, RenderedFile> files = new HashMap<>();
        for (Map.Entry<String, OwnershipRecord.Entry> entry : entries) {
            if (entry.getValue().fingerprint() != null) {
                unchanged(out, entry.getKey(), entry.getValue(), known.get(entry.getKey()))
                        .ifPresent(file -> files.put(file.relativePath(), file));
            }
        }
        return files;
    }

    /**
     * The file as the record has it, or empty. Its status comes first: unchanged since its hash was taken (see
     * {@link StatCache}), it stands for the hash and the file is not read at all; otherwise its bytes are hashed.
     * Either way the text is read only if asked for later (see {@link #text}).
     */
    private static Optional<RenderedFile> unchanged(OwnedTree out, String relativePath, OwnershipRecord.Entry entry,
                                                    StatCache.Entry known) {
        try {
            long statusAt = StatCache.now();
            Optional<StatCache.Status> status = StatCache.Status.of(out, relativePath);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            String hash;
            if (known != null && known.status().equals(status.get())) {
                hash = known.sha256();
            } else {
                byte[] bytes = out.readIfExists(relativePath);
                if (bytes == null) {
                    return Optional.empty();
                }
                hash = OutputChanges.sha256(bytes);
            }
            // Taken before the bytes were read, a status pairs safely with their hash: a write in between moves it.
            StatCache.Status settled = status.filter(s -> s.settledAt(statusAt)).orElse(null);
            return entry.hashes().contains(hash)
                    ? Optional.of(RenderedFile.onDisk(relativePath, entry.fingerprint(), hash, settled,
                    () -> text(out, relativePath, hash, settled)))
                    : Optional.empty();
        } catch (SymbolicLinkException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text of a reused file, read when someone needs it. Unless its status is still the settled one its hash
     * was taken with, the bytes are hashed again: a file changed since the reuse check is an error, never text
     * passed off as what the record says.
     */
    private static String text(OwnedTree out, String relativePath, String sha256, StatCache.Status settled) {
        try {
            byte[] bytes = out.readIfExists(relativePath);
            boolean same = bytes != null && (settled != null
                    && StatCache.Status.of(out, relativePath).filter(settled::equals).isPresent()
                    || sha256.equals(OutputChanges.sha256(bytes)));
            if (!same) {
                throw new OutputException(out.display(relativePath) + " changed while watasu was rendering; render"
                        + " again once nothing else writes to the folder");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("cannot read the earlier output: " + FileProblems.describe(e), e);
        }
    }

    /**
     * Every file the record lists in {@code folder} (a top-level folder, e.g. a team's), if all of them were
     * rendered from {@code fingerprint} and are unchanged since. Files rendered from one fingerprint were rendered
     * from the same inputs, so together they are that folder's complete output; a file of another render, a
     * missing or edited file, or an empty folder offers nothing.
     */
    public Optional<List<RenderedFile>> folder(String folder, String fingerprint) {
        // Paths in the folder sort between "folder/" and "folder0" ('0' follows '/').
        Map<String, OwnershipRecord.Entry> recorded = checked().owned().subMap(folder + "/", folder + "0");
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        List<RenderedFile> files = new ArrayList<>(recorded.size());
        for (Map.Entry<String, OwnershipRecord.Entry> entry : recorded.entrySet()) {
            Optional<RenderedFile> file = offered(entry.getKey(), entry.getValue(), fingerprint);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            files.add(file.get());
        }
        return Optional.of(files);
    }

    /** The file {@code relativePath} if it was rendered from {@code fingerprint} and is unchanged since. */
    public Optional<RenderedFile> file(String relativePath, String fingerprint) {
        return offered(relativePath, checked().owned().get(relativePath), fingerprint);
    }

    private Optional<RenderedFile> offered(String relativePath, OwnershipRecord.Entry entry, String fingerprint) {
        if (entry == null || !fingerprint.equals(entry.fingerprint())) {
            return Optional.empty();
        }
        return Optional.ofNullable(checked().unchanged().get(relativePath));
    }

    private Checked checked() {
        try {
            return Background.join(checked);
        } catch (UncheckedIOException e) {
            throw new OutputException("cannot read the earlier output: " + FileProblems.describe(e.getCause()), e);
        }
    }
}
