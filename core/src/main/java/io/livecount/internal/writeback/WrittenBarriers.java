package io.livecount.internal.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The futures of {@link io.livecount.CounterService#whenWritten()}. A pass takes the waiting ones
 * when it begins ({@link #takeWaiting}), completes them if it leaves nothing unresolved, and puts
 * them back otherwise, for a later pass: a future thus completes only after a whole pass that
 * began after it was asked for.
 *
 * <p>Thread-safe.
 */
final class WrittenBarriers {

    private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();

    /** A new future, completed by the first pass that takes it and succeeds. */
    CompletionStage<Void> next() {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        waiting.add(barrier);
        return barrier;
    }

    /** The futures waiting now, taken out; a pass gives them back with {@link #putBack} or completes them. */
    List<CompletableFuture<Void>> takeWaiting() {
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (CompletableFuture<Void> barrier; (barrier = waiting.poll()) != null; ) {
            taken.add(barrier);
        }
        return taken;
    }

    void putBack(List<CompletableFuture<Void>> taken) {
        waiting.addAll(taken);
    }

    /** Fails every waiting future: nothing will write what it waits for any more. */
    void failAll(Throwable cause) {
        takeWaiting().forEach(barrier -> barrier.completeExceptionally(cause));
    }
}
