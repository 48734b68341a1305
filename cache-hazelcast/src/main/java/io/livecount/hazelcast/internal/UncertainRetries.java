package io.livecount.hazelcast.internal;

import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Repeats a Hazelcast call whose outcome is unknown: the member that ran it left or died before
 * answering, or the answer timed out. Only for calls that are safe to repeat (reads, and changes
 * made idempotent by their id). Gives up after the deadline and rethrows the last failure.
 */
public final class UncertainRetries {

    private final long deadlineNanos;

    public UncertainRetries(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    public <T> T run(Supplier<T> call) {
        long start = System.nanoTime();
        long pauseMillis = 10;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException failure) {
                if (!uncertain(failure) || System.nanoTime() - start > deadlineNanos) {
                    throw failure;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while repeating a Hazelcast call", e);
            }
            pauseMillis = Math.min(1_000, pauseMillis * 2);
        }
    }

    private static boolean uncertain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableException || t instanceof OperationTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
