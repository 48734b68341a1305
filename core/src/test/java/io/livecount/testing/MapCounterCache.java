package io.livecount.testing;

import io.livecount.CounterKey;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A cache on a {@link ConcurrentHashMap}, with hooks for the failures a test needs: something to
 * run at the third {@link #get}, something to run after an entry was removed, and what {@link
 * #dirtyCount} answers (or throws). Every entry counts as dirty.
 */
public class MapCounterCache implements CounterCache {

    public final ConcurrentHashMap<BucketKey, CounterEntry> entries = new ConcurrentHashMap<>();
    public final AtomicInteger gets = new AtomicInteger();
    /** Calls of {@link #putIfAbsent}, {@link #replace} and {@link #remove}: the changes made. */
    public final AtomicInteger changes = new AtomicInteger();

    public volatile Runnable onThirdGet = () -> {};
    /** Runs after {@link #remove} removed the entry of a key, on the thread that removed it. */
    public volatile Consumer<BucketKey> afterRemove = key -> {};
    /** What {@link #dirtyCount} answers or throws; null: the number of entries. */
    public volatile LongSupplier dirtyCounter;

    @Override
    public CounterEntry get(BucketKey key) {
        if (gets.incrementAndGet() == 3) {
            onThirdGet.run();
        }
        return entries.get(key);
    }

    @Override
    public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
        changes.incrementAndGet();
        return entries.putIfAbsent(key, entry);
    }

    @Override
    public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
        changes.incrementAndGet();
        return entries.replace(key, expected, replacement);
    }

    @Override
    public boolean remove(BucketKey key, CounterEntry expected) {
        changes.incrementAndGet();
        boolean removed = entries.remove(key, expected);
        if (removed) {
            afterRemove.accept(key);
        }
        return removed;
    }

    @Override
    public Collection<BucketKey> dirtyKeys() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public long dirtyCount() {
        LongSupplier counter = dirtyCounter;
        return counter != null ? counter.getAsLong() : entries.size();
    }

    /** The count of {@link #countDatabaseWrites}: as if several nodes shared this map. */
    public final AtomicLong databaseWrites = new AtomicLong();

    @Override
    public void countDatabaseWrites(Collection<CounterKey> counters) {
        databaseWrites.incrementAndGet();
    }

    @Override
    public long databaseWriteCount(Collection<CounterKey> counters) {
        return databaseWrites.get();
    }

    /** How often {@link #close()} was called. */
    public final AtomicInteger closes = new AtomicInteger();

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
