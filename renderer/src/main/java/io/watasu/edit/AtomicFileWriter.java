package io.watasu.edit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;

/**
 * Replaces a file's content all at once: the new text goes to a temporary file in the same directory, which is
 * flushed and then renamed over the original. A reader (or a crash) sees the old file or the new one, never half of
 * one. The original's permissions are kept, and a symbolic link is written through, not replaced.
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
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temp, posix.readAttributes().permissions());
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (!Arrays.equals(Files.readAllBytes(target), expectedBytes)) {
                throw new ConcurrentChangeException(file);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The file was changed by someone else between reading it and writing the edit. */
    public static final class ConcurrentChangeException extends IOException {
        public ConcurrentChangeException(Path file) {
            super(file + " changed while it was being edited");
        }
    }
}
