package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.livecount.CounterKey;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The counts of database writes behind one counters' map that every member and client sees
 * ({@code CounterCache.countDatabaseWrites}): one per stripe of counters, each an entry of the map
 * {@value #COUNTS} keyed by the counters' map name and the stripe. Changes run on the entries'
 * owners and reads ask the owners, so a read sees every change that returned before it began.
 * Moved a few times per write-back pass of each node (one call for all stripes of the pass's
 * counters) and by STRICT adds to FAST counters; read once or twice by a read that loads from the
 * database.
 */
public final class WriteCount {

    static final String COUNTS = "livecount-writes";
    static final int STRIPES = 256;

    private final IMap<String, Long> counts;
    private final String map;

    public WriteCount(HazelcastInstance instance, String map) {
        this.counts = instance.getMap(COUNTS);
        this.map = map;
    }

    /**
     * Moves the counts of the stripes of {@code counters} by one, in one call. A repeat after a
     * failure of unknown outcome may move them twice, which is harmless: readers only ask whether
     * they moved.
     */
    public void increment(Collection<CounterKey> counters) {
        try {
            counts.executeOnKeys(keys(counters), new Increment());
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
    }

    /** The sum of the counts of the stripes of {@code counters}. */
    public long get(Collection<CounterKey> counters) {
        try {
            Set<String> keys = keys(counters);
            if (keys.size() == 1) {
                Long count = counts.get(keys.iterator().next());
                return count == null ? 0 : count;
            }
            return counts.getAll(keys).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
    }

    private Set<String> keys(Collection<CounterKey> counters) {
        return counters.stream().map(counter -> map + "/" + stripe(counter)).collect(Collectors.toSet());
    }

    /** From the strings' specified hash codes: alike on every member and client. */
    public static int stripe(CounterKey counter) {
        return Math.floorMod(
                31 * counter.namespace().hashCode() + counter.name().hashCode(), STRIPES);
    }

    /** Adds one on the owner (and, run again, on the backup). Java-serialized: it holds nothing. */
    static final class Increment implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }
    }
}
