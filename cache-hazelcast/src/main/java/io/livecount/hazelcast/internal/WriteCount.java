package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.Map;

/**
 * The count of database writes behind one counters' map that every member and client sees
 * ({@code CounterCache.countDatabaseWrites}): an entry, keyed by the counters' map name, of the map
 * {@value #COUNTS}. Changes run on the entry's owner and reads ask the owner, so a read sees every
 * change that returned before it began. Moved a few times per write-back pass of each node and by
 * STRICT adds to FAST counters; read once or twice by a read that loads from the database.
 */
public final class WriteCount {

    static final String COUNTS = "livecount-writes";

    private final IMap<String, Long> counts;
    private final String map;

    public WriteCount(HazelcastInstance instance, String map) {
        this.counts = instance.getMap(COUNTS);
        this.map = map;
    }

    /**
     * Moves the count by one, in one call to the owner. A repeat after a failure of unknown outcome
     * may move it twice, which is harmless: readers only ask whether it moved.
     */
    public void increment() {
        try {
            counts.executeOnKey(map, new Increment());
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
    }

    public long get() {
        try {
            Long count = counts.get(map);
            return count == null ? 0 : count;
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
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
