package io.watasu.output;

import java.util.Objects;

/**
 * One rendered file.
 *
 * @param relativePath '/'-separated path inside the output directory
 * @param content      the file's text (LF line ends, trailing newline)
 */
public record RenderedFile(String relativePath, String content) {
    public RenderedFile {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(content, "content");
    }
}
