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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * @param paths     the recorded paths, in path order
     * @param entries   what the record says of each
     * @param unchanged each recorded file whose bytes still hash to the record, null for the others
     */
    private record Checked(String[] paths, OwnershipRecord.Entry[] entries, RenderedFile[] unchanged) {
        static final Checked NOTHING = new Checked(new String[0], new OwnershipRecord.Entry[0], new RenderedFile[0]);

        /** Where {@code path} is, or would be, in {@link #paths}. */
        int indexOf(String path) {
            int index = Arrays.binarySearch(paths, path);
            return index < 0 ? -index - 1 : index;
        }
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
        Map<String, OwnershipRecord.Entry> owned;
        try {
            OwnershipRecord.Read record = OwnershipRecord.read(out);
            if (record == null) {
                return Checked.NOTHING;
            }
            owned = record.owned();
        } catch (IOException | OutputException e) {
            return Checked.NOTHING;
        }
        // The record's order is path order: arrays searched by halves are smaller than a sorted map's nodes.
        String[] paths = owned.keySet().toArray(String[]::new);
        OwnershipRecord.Entry[] entries = owned.values().toArray(OwnershipRecord.Entry[]::new);
        return new Checked(paths, entries, unchangedFiles(out, paths, entries));
    }

    /**
     * Half the files on this thread, half on a second one: the render waits for the check once watasu.yaml is
     * loaded. Not a parallel stream: started from a thread outside the fork-join pool, one spins while it waits
     * for the pool's part (a third of a second of CPU on a 50,000-file fleet, taken from the loading).
     */
    private static RenderedFile[] unchangedFiles(OwnedTree out, String[] paths, OwnershipRecord.Entry[] entries) {
        StatCache.Known known = StatCache.of(out.root()).map(StatCache::read).orElse(StatCache.Known.NOTHING);
        RenderedFile[] files = new RenderedFile[paths.length];
        int half = paths.length / 2;
        CompletableFuture<Void> second = Background.start("previous-output-check-2", () -> {
            unchangedFiles(out, paths, entries, known.cursor(), files, half, paths.length);
            return null;
        });
        unchangedFiles(out, paths, entries, known.cursor(), files, 0, half);
        Background.join(second);
        return files;
    }

    /** Fills {@code files[from..to)}; the two threads write apart. */
    private static void unchangedFiles(OwnedTree out, String[] paths, OwnershipRecord.Entry[] entries,
                                       StatCache.Known.Cursor known, RenderedFile[] files, int from, int to) {
        for (int i = from; i < to; i++) {
            if (entries[i].fingerprint() != null) {
                files[i] = unchanged(out, paths[i], entries[i], known).orElse(null);
            }
        }
    }

    /**
     * The file as the record has it, or empty. Its status comes first: unchanged since its hash was taken (see
     * {@link StatCache}), it stands for the hash and the file is not read at all; otherwise its bytes are hashed.
     * Either way the text is read only if asked for later (see {@link #text}).
     */
    private static Optional<RenderedFile> unchanged(OwnedTree out, String relativePath, OwnershipRecord.Entry entry,
                                                    StatCache.Known.Cursor known) {
        try {
            long statusAt = StatCache.now();
            Optional<StatCache.Status> status = StatCache.Status.of(out, relativePath);
            if (status.isEmpty()) {
                return Optional.empty();
            }
            String recorded = entry.hashes().iterator().next(); // a fingerprinted entry has one
            String hash = known.remembers(relativePath, status.get(), recorded) ? recorded : hashOf(out, relativePath);
            if (hash == null) {
                return Optional.empty();
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

    /** The SHA-256 of the file's bytes; null when it is gone. */
    private static String hashOf(OwnedTree out, String relativePath) throws IOException {
        byte[] bytes = out.readIfExists(relativePath);
        return bytes == null ? null : OutputChanges.sha256(bytes);
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
        Checked checked = checked();
        // The folder's paths are together, from where "folder/" would be.
        String prefix = folder + "/";
        List<RenderedFile> files = new ArrayList<>();
        for (int i = checked.indexOf(prefix); i < checked.paths().length && checked.paths()[i].startsWith(prefix);
             i++) {
            Optional<RenderedFile> file = offered(checked, i, fingerprint);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            files.add(file.get());
        }
        return files.isEmpty() ? Optional.empty() : Optional.of(files);
    }

    /** The file {@code relativePath} if it was rendered from {@code fingerprint} and is unchanged since. */
    public Optional<RenderedFile> file(String relativePath, String fingerprint) {
        Checked checked = checked();
        int index = checked.indexOf(relativePath);
        return index < checked.paths().length && checked.paths()[index].equals(relativePath)
                ? offered(checked, index, fingerprint) : Optional.empty();
    }

    private static Optional<RenderedFile> offered(Checked checked, int index, String fingerprint) {
        if (!fingerprint.equals(checked.entries()[index].fingerprint())) {
            return Optional.empty();
        }
        return Optional.ofNullable(checked.unchanged()[index]);
    }

    private Checked checked() {
        try {
            return Background.join(checked);
        } catch (UncheckedIOException e) {
            throw new OutputException("cannot read the earlier output: " + FileProblems.describe(e.getCause()), e);
        }
    }
}
