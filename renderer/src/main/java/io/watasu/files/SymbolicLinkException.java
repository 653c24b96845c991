package io.watasu.files;

import java.nio.file.FileSystemException;

/** A symbolic link where watasu expects a file or folder of its own; it is never followed. */
public final class SymbolicLinkException extends FileSystemException {
    /** @param path the link, as {@link OwnedTree#display} names it */
    public SymbolicLinkException(String path) {
        super(path, null, "a symbolic link where watasu keeps its own files; watasu never follows links there");
    }

    /** The link, as the tree names it in messages. */
    public String path() {
        return getFile();
    }
}
