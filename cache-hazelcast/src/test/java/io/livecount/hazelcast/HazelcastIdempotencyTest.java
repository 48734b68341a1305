package io.livecount.hazelcast;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.IdempotencyKit;
import io.livecount.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The idempotency part of the compatibility kit on a two-member Hazelcast cluster (see {@link KitCaches}). */
public class HazelcastIdempotencyTest extends IdempotencyKit {

    private final KitCaches caches = new KitCaches();

    /** The databases of the cluster issue; H2 would add only time. */
    protected static List<TestDatabase> databases() {
        return List.of(TestDatabase.MARIADB, TestDatabase.POSTGRESQL);
    }

    @BeforeEach
    void newMap() {
        caches.nextTest();
    }

    @Override
    protected CounterCacheFactory cacheFactory(int capacity) {
        return caches.cacheFactory(capacity);
    }
}
