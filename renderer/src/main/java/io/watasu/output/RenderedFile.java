package io.watasu.output;

import java.util.Objects;

/**
 * One rendered file.
 *
 * @param relativePath '/'-separated path inside the output directory
 * @param content      the file's text (LF line ends, trailing newline)
 * @param fingerprint  what the content was rendered from (see {@link PreviousOutput}); null when unknown, which
 *                     only means the next run renders the file again
 * @param sha256       the SHA-256 of the content's UTF-8 bytes when already known (a reused file), else null
 */
public record RenderedFile(String relativePath, String content, String fingerprint, String sha256) {
    public RenderedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(content, "content");
    }

    /** A file with no fingerprint: the next render renders it again. */
    public RenderedFile(String relativePath, String content) {
        this(relativePath, content, null, null);
    }
}
