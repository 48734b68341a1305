package io.livecount.hazelcast;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.DeleteKit;
import io.livecount.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The delete part of the kit on Hazelcast: two nodes are two members of one cluster. */
public class HazelcastDeleteTest extends DeleteKit {

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
