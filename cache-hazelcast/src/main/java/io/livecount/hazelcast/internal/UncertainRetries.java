package io.livecount.hazelcast.internal;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Repeats a Hazelcast call whose outcome is unknown: the member that ran it left or died before
 * answering, the answer timed out, or the owner answered but its backups did not confirm in time
 * ({@link IndeterminateOperationStateException}, with {@code
 * hazelcast.operation.fail.on.indeterminate.state}; see {@code HazelcastCounterCache}). Only for calls that are safe to repeat (reads, and changes
 * made idempotent by their id). Gives up after the deadline.
 *
 * <p>A failure that follows an attempt of unknown outcome does not say that the call had no
 * effect: the earlier attempt may have run on a member whose copy the later one did not reach (a
 * member that has just woken from a pause refuses the repeat, say). So once an attempt was
 * uncertain, a refusal by split-brain protection (which passes when the cluster has settled) is
 * repeated too, until the deadline: a repeat that then succeeds ran the change once, wherever the
 * first attempt went. Any other failure after an uncertain attempt, and a refusal still there at
 * the deadline, ends the call in an {@link IndeterminateOperationStateException} with the last
 * failure as its cause; a call whose every attempt failed for certain rethrows the last failure as
 * it is (a minority side refuses at once).
 */
public final class UncertainRetries {

    private final long deadlineNanos;

    public UncertainRetries(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    public <T> T run(Supplier<T> call) {
        long start = System.nanoTime();
        long pauseMillis = 10;
        boolean anyUncertain = false;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException failure) {
                boolean uncertain = uncertain(failure);
                boolean repeat = uncertain || (anyUncertain && refusedForNow(failure));
                if (!repeat || System.nanoTime() - start > deadlineNanos) {
                    throw anyUncertain || uncertain ? indeterminate(failure) : failure;
                }
                anyUncertain = true;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // after an attempt of unknown outcome: so is the call's
                throw indeterminate(new IllegalStateException("interrupted while repeating a Hazelcast call", e));
            }
            pauseMillis = Math.min(1_000, pauseMillis * 2);
        }
    }

    private static IndeterminateOperationStateException indeterminate(RuntimeException last) {
        return new IndeterminateOperationStateException(
                "a Hazelcast call whose earlier attempt had an unknown outcome failed: it may or may not have"
                        + " been applied (" + last + ")",
                last);
    }

    private static boolean refusedForNow(Throwable failure) {
        return inCauses(failure, t -> t instanceof SplitBrainProtectionException);
    }

    private static boolean uncertain(Throwable failure) {
        return inCauses(
                failure,
                t -> t instanceof RetryableException
                        || t instanceof OperationTimeoutException
                        || t instanceof IndeterminateOperationStateException);
    }

    /** Whether {@code failure} or one of its causes is {@code wanted}. */
    private static boolean inCauses(Throwable failure, Predicate<Throwable> wanted) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (wanted.test(t)) {
                return true;
            }
        }
        return false;
    }
}
