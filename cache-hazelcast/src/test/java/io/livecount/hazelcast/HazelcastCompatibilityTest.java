package io.livecount.hazelcast;

import io.livecount.spi.CounterCacheFactory;
import io.livecount.tck.CounterCacheKit;
import io.livecount.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** The compatibility kit on Hazelcast (see {@link KitCaches} for how nodes map to members). */
public class HazelcastCompatibilityTest extends CounterCacheKit {

    private final KitCaches caches = new KitCaches();

    /** The databases of the cluster issue; H2 would add only time. */
    protected static List<TestDatabase> databases() {
        return List.of(TestDatabase.MARIADB, TestDatabase.POSTGRESQL);
    }

    /**
     * 16 x 20,000: each add in the kit's all-periods namespace is seven entry-processor calls, about
     * 60,000 per second on two cores, so 100,000 per thread would take minutes per case.
     */
    @Override
    protected int addsPerThread() {
        return 20_000;
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
