package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * The count of write-back completions of one counters' map that every member and client sees
 * ({@code CounterCache.countCompletions}): an entry, keyed by the counters' map name, of a map of
 * its own. Reads and changes go to the entry's owner, so a read sees every change that returned
 * before it began. Moved a few times per write-back pass of each node, read twice by a read that
 * loads from the database.
 */
public final class CompletionCount {

    static final String COUNTS = "livecount-completions";

    private final IMap<String, Long> counts;
    private final String map;

    public CompletionCount(HazelcastInstance instance, String map) {
        this.counts = instance.getMap(COUNTS);
        this.map = map;
    }

    /**
     * Moves the count by one. A repeat after a failure of unknown outcome may move it twice, which
     * is harmless: readers only ask whether it moved.
     */
    public void increment() {
        try {
            while (true) {
                Long current = counts.get(map);
                boolean moved = current == null
                        ? counts.putIfAbsent(map, 1L) == null
                        : counts.replace(map, current, current + 1);
                if (moved) {
                    return;
                }
            }
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
}
