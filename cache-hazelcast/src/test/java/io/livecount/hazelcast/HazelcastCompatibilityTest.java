package io.livecount.hazelcast;

import io.livecount.spi.CounterCache;
import io.livecount.tck.CounterCacheKit;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The compatibility kit on Hazelcast (see {@link KitCaches} for how nodes map to members). */
@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"MARIADB", "POSTGRESQL"}) // the cluster issue's databases; H2 adds only time
public class HazelcastCompatibilityTest extends CounterCacheKit {

    private final KitCaches caches = new KitCaches();

    @BeforeEach
    void newMap() {
        caches.nextTest();
    }

    @Override
    protected CounterCache newCache(int capacity) {
        return caches.newCache(capacity);
    }
}
