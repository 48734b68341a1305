package io.livecount.spi;

import io.livecount.CounterKey;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The storage a cache provider gives FAST mode: a map from {@link BucketKey} to {@link
 * CounterEntry} with four atomic operations, in the manner of a {@code ConcurrentMap}. Everything
 * else (the retry loops, what an add or a write-back does to an entry, when to write back, the
 * transactions) is written once in Livecount's core.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>{@link #get} returns the current entry: never null while the key has one (take care when
 *       an entry moves between two internal maps).
 *   <li>{@link #putIfAbsent}, {@link #replace} and {@link #remove} are atomic per key and compare
 *       entries with {@link CounterEntry#equals}.
 *   <li>A dirty entry ({@link CounterEntry#isDirty()}) is never evicted or expired: it holds the
 *       only copy of deltas not yet in the database. A clean entry may be dropped at any time; it
 *       is read again from the database when needed.
 *   <li>{@link #dirtyKeys()} returns (at least) every key whose entry was dirty when the call
 *       began; a key may also appear whose entry became clean meanwhile.
 *   <li>The cache's own failures are reported as {@link CacheUnavailableException} (the operation
 *       did not run: refused for now, shut down, disconnected) or {@link
 *       CacheOutcomeUnknownException} (a change may or may not have run), never as the underlying
 *       library's exception types; core turns them into Livecount's public exceptions.
 * </ul>
 *
 * <p>Implementations are thread-safe. They must not call back into Livecount.
 */
public interface CounterCache extends AutoCloseable {

    /** The current entry, or null. */
    CounterEntry get(BucketKey key);

    /** Stores {@code entry} if the key has none; returns the existing entry, or null if stored. */
    CounterEntry putIfAbsent(BucketKey key, CounterEntry entry);

    /** Replaces the entry if it equals {@code expected}; returns whether it did. */
    boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement);

    /** Removes the entry if it equals {@code expected}; returns whether it did. */
    boolean remove(BucketKey key, CounterEntry expected);

    /** The keys of dirty entries (see the contract above). */
    Collection<BucketKey> dirtyKeys();

    /** How many entries are dirty now. */
    long dirtyCount();

    /**
     * Called by core after it changed the database behind the entries of {@code counters} and
     * before it completes or marks those entries: after a write-back committed, before completing
     * entries of it (which removes entries that were never loaded); after a STRICT add to a FAST
     * counter committed, before marking its entries stale (the counter may have none). A cache
     * whose entries several nodes share moves a count that {@link #databaseWriteCount} on every
     * node reads, atomically; a cache only this node uses does nothing (the default), since core
     * counts this node's writes itself.
     *
     * <p>Why: a read that loads a value from the database cannot always tell from the entries that
     * such a write happened after its snapshot (the entry is gone, or there never was one), and
     * would keep a value without it. A count that moved during the read tells it to forget the
     * value it stored. One count for all counters is correct; counts per group of counters (as
     * Hazelcast's, per stripe) keep writes to other counters from making reads forget.
     */
    default void countDatabaseWrites(Collection<CounterKey> counters) {}

    /**
     * A number that changes after {@link #countDatabaseWrites} returned for any of {@code counters},
     * on any node sharing the cache (a sum of counts, say): read from the current values, not from
     * a copy that may lag behind (no near cache, no backup read). 0 for a cache only this node uses
     * (the default).
     */
    default long databaseWriteCount(Collection<CounterKey> counters) {
        return 0;
    }

    /**
     * Called once by core before the cache is used, with this node's part in deletes. A cache whose
     * entries several nodes share (a distributed map) keeps it where {@link #deleteOnEveryNode} of
     * any node reaches it, until {@link #close}, and returns true: core then deletes through {@link
     * #deleteOnEveryNode}. A cache that only this node uses returns false (the default): core holds
     * this node itself around a delete.
     */
    default boolean joinDeletes(DeleteParticipant thisNode) {
        return false;
    }

    /**
     * Runs {@code deleteRows} while the {@link DeleteParticipant} of every node sharing this cache
     * holds {@code counter}: first every node holds it ({@link DeleteParticipant#hold}), then every
     * node writes its share ({@link DeleteParticipant.Hold#writeShare}), then {@code deleteRows}
     * runs; then every hold is released, also when {@code deleteRows} fails; returns what {@code deleteRows} returned and passes on what it
     * threw. Called only when {@link #joinDeletes} returned true, never while the calling thread
     * holds a node's locks. The default runs {@code deleteRows} alone.
     *
     * @throws CacheUnavailableException when a node could not be held in time: {@code deleteRows}
     *     did not run, the holds taken are released
     */
    default <T> T deleteOnEveryNode(CounterKey counter, Supplier<T> deleteRows) {
        return deleteRows.get();
    }

    /**
     * Releases what the cache created. Called once, by the service that got the cache from its
     * {@link CounterCacheFactory}, after the last write-back. Leaves alone what the application
     * gave the factory (a running instance the cache only uses).
     */
    @Override
    void close();
}
