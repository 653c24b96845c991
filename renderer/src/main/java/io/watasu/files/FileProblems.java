package io.watasu.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What went wrong with a file, in words for users: the path and the cause, never a Java exception name. */
public final class FileProblems {
    private FileProblems() {
    }

    /** e.g. {@code permission denied: out/acme}, {@code out/acme/x.yaml: No space left on device}. */
    public static String describe(IOException e) {
        if (e instanceof SymbolicLinkException link) {
            return link.path() + " is " + link.getReason();
        }
        if (e instanceof FileSystemException failure) {
            String file = failure.getFile() == null ? "a file" : failure.getFile();
            if (e instanceof AccessDeniedException) {
                return "permission denied: " + file;
            }
            if (e instanceof NoSuchFileException) {
                return file + " does not exist";
            }
            if (e instanceof NotDirectoryException) {
                return file + " is not a folder";
            }
            if (e instanceof FileAlreadyExistsException) {
                return file + " already exists";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return file + " is a folder that is not empty";
            }
            String reason = failure.getReason();
            return file + ": " + (reason == null ? "input/output error" : reason);
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : e.getMessage();
    }
}
