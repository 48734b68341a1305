package io.livecount.hazelcast.internal;

import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.util.Objects;

/**
 * The compare-and-set operations of {@code CounterCache} as a change: replaces {@code expected}
 * (null: no entry) by {@code next} (null: remove), and is rejected when the entry is another one.
 */
public record Swap(CounterEntry expected, CounterEntry next) implements EntryChange {
    @Override
    public CounterEntry apply(CounterEntry current) {
        if (!Objects.equals(current, expected)) {
            throw new Rejected();
        }
        return next;
    }
}
