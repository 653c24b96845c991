package io.watasu.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Files of an earlier render that can stand in for rendering again. The ownership record pairs each file's content
 * hash with the fingerprint of what it was rendered from (plan, templates, renderer build). A file is offered for a
 * fingerprint only when the record names that same fingerprint and the bytes on disk still hash to the recorded
 * content, so a file edited by hand, or written by another build or other templates, is rendered again.
 * <p>
 * This trusts the record as much as ownership already does. Someone who edits a file and also rewrites its hash
 * in the record can keep the edit through a re-render; {@code render --check} therefore never reuses anything.
 */
public final class PreviousOutput {
    private static final PreviousOutput NONE = new PreviousOutput(null, Map.of());

    private final Path outDir;
    private final NavigableMap<String, OwnershipRecord.Entry> owned;

    private PreviousOutput(Path outDir, Map<String, OwnershipRecord.Entry> owned) {
        this.outDir = outDir;
        this.owned = new TreeMap<>(owned);
    }

    /** Nothing to reuse: every file is rendered. */
    public static PreviousOutput none() {
        return NONE;
    }

    /**
     * The earlier output in {@code outDir}. A missing, unreadable or damaged record offers nothing: this is only a
     * shortcut, and the write that follows reports such a record properly.
     */
    public static PreviousOutput in(Path outDir) {
        try {
            String record = Files.readString(outDir.resolve(OwnershipRecord.RELATIVE_PATH), StandardCharsets.UTF_8);
            return new PreviousOutput(outDir, OwnershipRecord.parse(record));
        } catch (IOException | OutputException e) {
            return NONE;
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
        List<String> paths = List.copyOf(owned.subMap(folder + "/", folder + "0").keySet());
        if (paths.isEmpty() || !paths.stream().allMatch(path -> fingerprint.equals(owned.get(path).fingerprint()))) {
            return Optional.empty();
        }
        List<RenderedFile> files = new ArrayList<>(paths.size());
        for (String path : paths) {
            Optional<RenderedFile> file = file(path, fingerprint);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            files.add(file.get());
        }
        return Optional.of(files);
    }

    /** The file {@code relativePath} if it was rendered from {@code fingerprint} and is unchanged since. */
    public Optional<RenderedFile> file(String relativePath, String fingerprint) {
        OwnershipRecord.Entry entry = owned.get(relativePath);
        if (entry == null || !fingerprint.equals(entry.fingerprint())) {
            return Optional.empty();
        }
        OutputWriter.checkRelativePath(relativePath);
        try {
            byte[] bytes = Files.readAllBytes(outDir.resolve(relativePath));
            String hash = OutputChanges.sha256(bytes);
            return entry.hashes().contains(hash)
                    ? Optional.of(new RenderedFile(relativePath, new String(bytes, StandardCharsets.UTF_8), fingerprint,
                    hash))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new OutputException("cannot read " + outDir.resolve(relativePath) + ": " + e, e);
        }
    }
}
