package io.watasu.review;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Lays out DOT as SVG with Graphviz's {@code dot}, found on PATH. */
public final class Graphviz {
    private Graphviz() {
    }

    public static String svg(String dot) {
        Path executable = onPath("dot").orElseThrow(() -> new ReviewException(
                "graphviz's 'dot' is not on PATH: install graphviz (e.g. apt-get install graphviz) or use --format dot"));
        try {
            java.lang.Process process = new ProcessBuilder(executable.toString(), "-Tsvg").start();
            // Read both outputs while writing, so a large graph cannot fill a pipe and stall dot.
            CompletableFuture<byte[]> stdout = readAsync(process.getInputStream());
            CompletableFuture<byte[]> stderr = readAsync(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            int exit = process.waitFor();
            if (exit != 0) {
                String message = new String(stderr.join(), StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
                throw new ReviewException("dot -Tsvg failed with exit code " + exit + ": " + message);
            }
            return new String(stdout.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReviewException("cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReviewException("interrupted while waiting for dot");
        }
    }

    private static CompletableFuture<byte[]> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
