package io.livecount.spi;

/**
 * How to make FAST mode's {@link CounterCache}: a value that describes the cache (its provider and
 * settings) and starts nothing itself. A {@link io.livecount.WriteBackConfig} holds one, so a
 * configuration can be built, copied and shared any number of times without creating a cache.
 *
 * <p><b>Who owns the cache.</b> {@code Livecount.create} calls {@link #create()} once; the service
 * owns the cache it gets and closes it in its own {@code close()}, after the last write-back (or at
 * once when the service fails to start). What the caller gave the factory (for instance a running
 * Hazelcast instance) stays the caller's: the cache must not close it.
 *
 * <p>Each provider offers an implementation ({@code EhcacheCounterCache.builder()...factory()},
 * {@code HazelcastCounterCache.builder()...factory()}). Implementations are immutable and
 * thread-safe. A lambda is one as well, provided each call returns a new cache: {@code () -> new
 * MyCache(settings)}.
 */
@FunctionalInterface
public interface CounterCacheFactory {

    /**
     * A new cache, which the caller owns and closes.
     *
     * @throws RuntimeException when the cache cannot be created (it then holds nothing open)
     */
    CounterCache create();
}
