package io.watasu.output;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One rendered file: its path, its text, what it was rendered from, and for a file taken from the earlier output
 * the hash of its bytes. The text of such a file is read from the output folder only when asked for: a re-render
 * reuses tens of thousands of files whose text nothing but the contract check of a changed team ever looks at.
 */
public final class RenderedFile {
    private final String relativePath;
    private final String fingerprint;
    private final String sha256;
    /** The status the reuse check saw the file with, settled, and which its hash belongs to; null when unknown. */
    private final StatCache.Status status;
    private Supplier<String> source;
    private String content;

    /**
     * @param relativePath '/'-separated path inside the output directory
     * @param content      the file's text (LF line ends, trailing newline)
     * @param fingerprint  what the content was rendered from (see {@link PreviousOutput}); null when unknown, which
     *                     only means the next run renders the file again
     * @param sha256       for a reused file (see {@link #reused()}), the SHA-256 of its bytes; null for a freshly
     *                     rendered one
     */
    public RenderedFile(String relativePath, String content, String fingerprint, String sha256) {
        this(relativePath, fingerprint, sha256, null, null, Objects.requireNonNull(content, "content"));
    }

    /** A file with no fingerprint: the next render renders it again. */
    public RenderedFile(String relativePath, String content) {
        this(relativePath, content, null, null);
    }

    private RenderedFile(String relativePath, String fingerprint, String sha256, StatCache.Status status,
                         Supplier<String> source, String content) {
        this.relativePath = Objects.requireNonNull(relativePath, "relativePath");
        this.fingerprint = fingerprint;
        this.sha256 = sha256;
        this.status = status;
        this.source = source;
        this.content = content;
    }

    /** A file of the earlier output with the hash {@code sha256}, whose text {@code source} reads when needed. */
    static RenderedFile onDisk(String relativePath, String fingerprint, String sha256, StatCache.Status status,
                               Supplier<String> source) {
        return new RenderedFile(relativePath, fingerprint, Objects.requireNonNull(sha256, "sha256"), status,
                Objects.requireNonNull(source, "source"), null);
    }

    public String relativePath() {
        return relativePath;
    }

    /** The file's text; for a reused file read now, once (see {@link PreviousOutput}). */
    public synchronized String content() {
        if (content == null) {
            content = source.get();
            source = null;
        }
        return content;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String sha256() {
        return sha256;
    }

    StatCache.Status status() {
        return status;
    }

    /**
     * True for a file taken from the output folder it is about to be written to (see {@link PreviousOutput}): its
     * content is what that folder holds, so writing it changes nothing and needs no comparison.
     */
    public boolean reused() {
        return sha256 != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedFile file && relativePath.equals(file.relativePath)
                && Objects.equals(fingerprint, file.fingerprint) && Objects.equals(sha256, file.sha256)
                && content().equals(file.content());
    }

    @Override
    public int hashCode() {
        return Objects.hash(relativePath, fingerprint, sha256);
    }

    @Override
    public String toString() {
        return "RenderedFile[" + relativePath + (reused() ? ", reused" : "") + "]";
    }
}
