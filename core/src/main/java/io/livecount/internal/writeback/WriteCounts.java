package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.spi.CounterCache;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * Counts the database writes a read cannot see in the entries (a write-back's completion, which
 * removes never-loaded entries; a STRICT add to a FAST counter, which may have no entry to mark),
 * per stripe of counters: this node's own here, every node's through the provider ({@link
 * CounterCache#countDatabaseWrites}). A read compares the counts of its counters before and after
 * ({@link SnapshotReads}); stripes keep writes to other counters from making it forget what it
 * loaded. Not thread-confined; the caller translates the provider's failures.
 */
final class WriteCounts {

    static final int STRIPES = 256;

    private final AtomicLongArray own = new AtomicLongArray(STRIPES);
    private final CounterCache provider;

    WriteCounts(CounterCache provider) {
        this.provider = provider;
    }

    /** This node's stripe of {@code counter} (a provider sharing counts across JVMs picks its own). */
    private static int stripe(CounterKey counter) {
        return Math.floorMod(counter.hashCode(), STRIPES);
    }

    /** Moves the counts of {@code counters}, this node's and the shared one. */
    void count(Collection<CounterKey> counters) {
        stripes(counters).forEach(own::incrementAndGet);
        provider.countDatabaseWrites(counters);
    }

    /** A number that changes whenever {@link #count} ran for one of {@code counters}. */
    long of(Collection<CounterKey> counters) {
        long sum = stripes(counters).mapToLong(own::get).sum();
        return sum + provider.databaseWriteCount(counters);
    }

    private static IntStream stripes(Collection<CounterKey> counters) {
        return counters.stream().mapToInt(WriteCounts::stripe).distinct();
    }
}
