package io.livecount.bench;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.List;
import java.util.Map;

/**
 * The raw cost the Hazelcast provider builds on: {@code IMap.executeOnKey(key, increment)} on a
 * {@code IMap<String, Long>}, the increment also run on the synchronous backup. No database, no
 * Livecount. {@code hz-entryprocessor-3} runs it on a cluster of 3 members in this JVM.
 */
final class HzEntryProcessorScenario implements Scenario {

    static final String NAME = "hz-entryprocessor";
    static final String THREE_NAME = "hz-entryprocessor-3";

    private final HazelcastMembers members;
    private final String name;
    private IMap<String, Long> map;
    private List<String> keys = List.of();
    private int runs;

    HzEntryProcessorScenario(int memberCount) {
        this.members = new HazelcastMembers(memberCount);
        this.name = memberCount == 1 ? NAME : THREE_NAME;
    }

    /** Adds 1 and returns the new value, as the increment a user would write. */
    static final class Increment implements EntryProcessor<String, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(Map.Entry<String, Long> entry) {
            long next = (entry.getValue() == null ? 0 : entry.getValue()) + 1;
            entry.setValue(next);
            return next;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset(List<String> keys) {
        if (map != null) {
            map.destroy();
        }
        map = members.first().getMap("bench-raw-" + (++runs));
        this.keys = keys;
    }

    @Override
    public void increment(int keyIndex) {
        map.executeOnKey(keys.get(keyIndex), new Increment());
    }

    @Override
    public long storedTotal() {
        long total = 0;
        for (Long value : map.getAll(java.util.Set.copyOf(keys)).values()) {
            total += value;
        }
        return total;
    }

    @Override
    public void close() {
        members.close();
    }
}
