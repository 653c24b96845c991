package io.watasu.output;

import java.util.Objects;

/**
 * One rendered file.
 *
 * @param relativePath '/'-separated path inside the output directory
 * @param content      the file's text (LF line ends, trailing newline)
 * @param fingerprint  what the content was rendered from (see {@link PreviousOutput}); null when unknown, which
 *                     only means the next run renders the file again
 * @param sha256       for a reused file (see {@link #reused()}), the SHA-256 of its bytes; null for a freshly
 *                     rendered one
 */
public record RenderedFile(String relativePath, String content, String fingerprint, String sha256) {
    public RenderedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(content, "content");
    }

    /**
     * True for a file taken from the output folder it is about to be written to (see {@link PreviousOutput}): its
     * content is what that folder holds, so writing it changes nothing and needs no comparison.
     */
    public boolean reused() {
        return sha256 != null;
    }

    /** A file with no fingerprint: the next render renders it again. */
    public RenderedFile(String relativePath, String content) {
        this(relativePath, content, null, null);
    }
}
