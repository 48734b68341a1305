package io.livecount.internal.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the runs of one pass at once: the first on the calling thread, the others on up to {@code
 * writers - 1} helper threads ({@code livecount-write-back-N}, daemons, started on first use and
 * stopped after a minute idle). {@link #runAll} returns only when every run has ended, so a pass
 * never outlives its caller's pass lock and passes never overlap.
 *
 * <p>Thread-safe; {@link #runAll} is meant for one caller at a time (the engine's pass lock).
 */
final class ParallelWriters {

    private static final AtomicInteger SERVICES = new AtomicInteger();

    /** Null with one writer: everything runs on the caller. */
    private final ThreadPoolExecutor helpers;

    ParallelWriters(int writers) {
        if (writers <= 1) {
            this.helpers = null;
            return;
        }
        int service = SERVICES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger(1);
        this.helpers = new ThreadPoolExecutor(
                writers - 1, writers - 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), run -> {
                    Thread thread =
                            new Thread(run, "livecount-write-back-" + service + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.helpers.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs every task and waits for all of them, even when one fails, so that what the others
     * completed is complete. Then throws the first failure, with the others suppressed.
     */
    void runAll(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<Future<?>> started = new ArrayList<>(tasks.size() - 1);
        List<Runnable> inline = new ArrayList<>();
        inline.add(tasks.get(0));
        for (Runnable task : tasks.subList(1, tasks.size())) {
            try {
                if (helpers == null) {
                    inline.add(task);
                } else {
                    started.add(helpers.submit(task));
                }
            } catch (RejectedExecutionException closed) {
                inline.add(task); // after close(): the last passes still write, one statement at a time
            }
        }
        Throwable failure = null;
        for (Runnable task : inline) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failure = chain(failure, e);
            }
        }
        for (Future<?> future : started) {
            failure = chain(failure, awaitUninterruptibly(future));
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("a write-back run failed", failure);
        }
    }

    /** Stops the helper threads once their current work is done. */
    void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }

    /**
     * The failure of {@code future}, or null. Waits through interrupts (a pass must not end while
     * one of its statements still runs) and restores the interrupt flag afterwards.
     */
    private static Throwable awaitUninterruptibly(Future<?> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Throwable chain(Throwable first, Throwable next) {
        if (next == null) {
            return first;
        }
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
