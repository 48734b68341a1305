package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optional local accumulation window: each thread sums its adds in a map of its own (no
 * contention between threads, one uncontended lock per add), and the write-back thread drains all
 * maps into the cache every window. Adds of one counter in one second share one sum, so that the
 * buckets of every period can still be computed when drained.
 *
 * <p>Thread-safe.
 */
final class LocalWindow {

    /** A counter and the epoch second of its adds ({@link #ANY_TIME} if only ALL is counted). */
    record Slot(CounterKey key, long second) {}

    static final long ANY_TIME = Long.MIN_VALUE;

    /** Where drained sums go; must not throw. */
    interface Sink {
        void accept(Slot slot, long sum);
    }

    private static final class Buffer {
        final Thread owner = Thread.currentThread();
        Map<Slot, long[]> sums = new HashMap<>();
    }

    private final Set<Buffer> buffers = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Buffer> local = ThreadLocal.withInitial(this::register);
    private volatile boolean closed;

    private Buffer register() {
        Buffer buffer = new Buffer();
        buffers.add(buffer);
        return buffer;
    }

    /**
     * Adds {@code delta} to this thread's sum; throws ArithmeticException (nothing added) on
     * overflow, IllegalStateException after {@link #close()}.
     */
    void add(CounterKey key, long second, long delta) {
        Buffer buffer = local.get();
        synchronized (buffer) {
            if (closed) {
                // checked under the buffer's lock: an add that passes is drained by close's drain
                throw new IllegalStateException("this CounterService is closed");
            }
            long[] sum = buffer.sums.computeIfAbsent(new Slot(key, second), slot -> new long[1]);
            sum[0] = Math.addExact(sum[0], delta);
        }
    }

    /**
     * Gives back a drained sum that could not be moved on (it would overflow its counter): it is
     * drained again next time. Accepted after {@link #close()} too, so that it is never dropped.
     */
    void putBack(Slot slot, long sum) {
        Buffer buffer = local.get();
        synchronized (buffer) {
            long[] kept = buffer.sums.computeIfAbsent(slot, s -> new long[1]);
            kept[0] = Math.addExact(kept[0], sum);
        }
    }

    /** Refuses further adds; a drain after this call takes every add that was accepted. */
    void close() {
        closed = true;
    }

    /** Moves every thread's sums into {@code sink}; sums added concurrently go to the next drain. */
    void drain(Sink sink) {
        for (Buffer buffer : buffers) {
            Map<Slot, long[]> taken;
            synchronized (buffer) {
                taken = buffer.sums;
                if (!taken.isEmpty()) {
                    buffer.sums = new HashMap<>();
                }
            }
            if (taken.isEmpty() && !buffer.owner.isAlive()) {
                buffers.remove(buffer);
            }
            taken.forEach((slot, sum) -> {
                if (sum[0] != 0) {
                    sink.accept(slot, sum[0]);
                }
            });
        }
    }
}
