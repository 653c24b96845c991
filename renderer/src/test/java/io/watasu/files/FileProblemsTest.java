package io.watasu.files;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** I/O failures read as a path and a cause; tests run as root, where a folder cannot be made unwritable. */
class FileProblemsTest {
    @Test
    void failuresAreAPathAndACauseWithoutJavaNames() {
        assertEquals("permission denied: out/acme", FileProblems.describe(new AccessDeniedException("out/acme")));
        assertEquals("out is not a folder", FileProblems.describe(new NotDirectoryException("out")));
        assertEquals("out/x.yaml does not exist", FileProblems.describe(new NoSuchFileException("out/x.yaml")));
        assertEquals("out/x.yaml: No space left on device",
                FileProblems.describe(new FileSystemException("out/x.yaml", null, "No space left on device")));
        assertEquals("out/acme is a symbolic link where watasu keeps its own files; watasu never follows links there",
                FileProblems.describe(new SymbolicLinkException("out/acme")));
        assertEquals("input/output error", FileProblems.describe(new IOException()));
    }
}
