package io.watasu.edit;

import io.watasu.files.Temporaries;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;

/**
 * Replaces a file's content all at once: the new text goes to a temporary file {@code .<name>.<random>.tmp} in the
 * same directory, which is flushed and then renamed over the original. A reader (or a crash) sees the old file or the
 * new one, never half of one. The original's permissions are kept, and a symbolic link is written through, not
 * replaced. Temporaries that earlier runs left behind when they were killed are removed first, but never one that a
 * live run still holds (see {@link Temporaries}).
 */
public final class AtomicFileWriter {
    private AtomicFileWriter() {
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file}, provided the file still holds {@code expectedBytes}: another
     * writer's change made since the file was read is not overwritten.
     *
     * @throws ConcurrentChangeException when the file changed since it was read
     */
    public static void replace(Path file, byte[] expectedBytes, String text) throws IOException {
        Path target = file.toRealPath();
        Temporaries.Naming naming = temporaries(target);
        Temporaries.removeStale(target.getParent(), naming, null);
        try (Temporaries.Held temp = Temporaries.createFile(target.getParent(), naming)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                temp.channel().write(bytes);
            }
            temp.channel().force(true);
            PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temp.path(), posix.readAttributes().permissions());
            }
            if (!Arrays.equals(Files.readAllBytes(target), expectedBytes)) {
                throw new ConcurrentChangeException(file);
            }
            Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The temporaries of {@code target}: {@code .<name>.<random>.tmp} beside it. */
    static Temporaries.Naming temporaries(Path target) {
        return new Temporaries.Naming("." + target.getFileName() + ".", ".tmp");
    }

    /** The file was changed by someone else between reading it and writing the edit. */
    public static final class ConcurrentChangeException extends IOException {
        public ConcurrentChangeException(Path file) {
            super(file + " changed while it was being edited");
        }
    }
}
