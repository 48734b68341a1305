package io.livecount.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs work on a thread with no caller transaction and waits for it. A JTA transaction belongs to
 * its thread, and an enlisting pool enlists every connection taken on that thread: the write-back
 * and cache loads must not end up inside (and roll back with) a caller's transaction.
 */
final class OutsideTransaction {

    private static final ExecutorService THREADS =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
                Thread thread = new Thread(work, "livecount-outside-transaction");
                thread.setDaemon(true);
                return thread;
            });

    private OutsideTransaction() {}

    static <T> T call(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, THREADS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                failure.addSuppressed(new Exception("waited for on this thread"));
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
