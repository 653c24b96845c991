package io.watasu.concurrency;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Work a command starts early, on a thread of its own, to overlap with what it does meanwhile (loading
 * watasu.yaml runs on one core; compiling templates or hashing earlier output can use the other). Daemon threads:
 * a command that fails early exits without waiting for them.
 */
public final class Background {
    private Background() {
    }

    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, "watasu-" + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Work that runs parallel streams itself, started in the fork-join pool: on a thread of its own, such a stream
     * spins while it waits for the pool's part. (CompletableFuture's own asynchronous methods do not use a pool of
     * one thread, a two-core machine's, and would hand the work a new thread.)
     */
    public static <T> CompletableFuture<T> inPool(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ForkJoinPool.commonPool().execute(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The result, or the work's own unchecked exception (not wrapped). */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
