package io.livecount.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Fresh idempotency keys for the {@code *-idempotent} scenarios, and a sample of the keys already
 * used, to send again. Keys are unique across threads, runs and invocations: Livecount remembers
 * them for its window (24 h by default), so a key from an earlier invocation would be skipped as
 * a duplicate. A key is {@code <invocation>-<thread>-<n>} (about 20 characters, shorter than a
 * UUID message id); building it is part of each measured add.
 */
final class IdempotencyKeys {

    /** One add made: its key and the counter it went to, to be sent again with both. */
    record Used(String idempotencyKey, int keyIndex) {}

    /** Every 256th add of a thread (its first one included) is kept in the sample. */
    private static final int SAMPLE_MASK = 255;

    /** The sample keeps the most recent adds it was given, at most this many. */
    static final int SAMPLE_SIZE = 256;

    /** Per thread: the keys' common start and how many keys the thread made. */
    private static final class Source {
        final String prefix;
        long made;

        Source(String prefix) {
            this.prefix = prefix;
        }
    }

    private final String invocation = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadLocal<Source> sources =
            ThreadLocal.withInitial(() -> new Source(invocation + "-" + threads.incrementAndGet() + "-"));
    private final AtomicReferenceArray<Used> sample = new AtomicReferenceArray<>(SAMPLE_SIZE);
    private final AtomicInteger sampled = new AtomicInteger();

    /** A key never returned before, for an add to {@code keyIndex}; some go to the sample. */
    String next(int keyIndex) {
        Source source = sources.get();
        long n = source.made++;
        String key = source.prefix + Long.toString(n, 36);
        if ((n & SAMPLE_MASK) == 0) {
            sample.set(Math.floorMod(sampled.getAndIncrement(), SAMPLE_SIZE), new Used(key, keyIndex));
        }
        return key;
    }

    /** The sampled adds so far (the most recent {@value #SAMPLE_SIZE}). */
    List<Used> sample() {
        List<Used> used = new ArrayList<>(SAMPLE_SIZE);
        for (int i = 0; i < SAMPLE_SIZE; i++) {
            Used one = sample.get(i);
            if (one != null) {
                used.add(one);
            }
        }
        return used;
    }

    /**
     * Fails the run if sending the sample again moved the stored total from {@code before} to
     * {@code after}: a key already applied was applied again.
     */
    static void checkUnchanged(String scenario, long before, long after) {
        if (before != after) {
            throw new IllegalStateException(scenario + ": adds sent again with idempotency keys already applied"
                    + " changed the stored total from " + before + " to " + after);
        }
    }

    /** Forgets the sample (a new run's counters); the keys stay unique. */
    void clearSample() {
        for (int i = 0; i < SAMPLE_SIZE; i++) {
            sample.set(i, null);
        }
    }
}
