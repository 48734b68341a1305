package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.testing.MapCounterCache;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An add that reached the cache is counted; its caller must not be told it failed. After the
 * change, core asks the cache how many entries are dirty (the {@code maxDirtyCounters} trigger),
 * and a distributed cache can fail to answer then (a Hazelcast member cut off from the others
 * refuses the scan). One way the split-brain runs came to write adds that no node acknowledged.
 */
@DisplayName("A FAST add that reached the cache")
class AppliedAddTest {

    private static final String URL = "jdbc:h2:mem:applied-add;DB_CLOSE_DELAY=-1";

    @Test
    @DisplayName("returns, and is written, even when the cache cannot count its dirty entries right after it")
    void returnsAfterTheCountFails() {
        MapCounterCache cache = new MapCounterCache();
        AtomicInteger counts = new AtomicInteger();
        cache.dirtyCounter = () -> { // the backlog check before each add answers; the trigger after it fails
            if (counts.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("cut off from the cluster");
            }
            return 0;
        };
        CounterKey key = CounterKey.of("fast", "applied");
        try (CounterService counters = Livecount.create(LivecountConfig.builder()
                .jdbcUrl(URL, "sa", "")
                .namespace("fast", NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache).build())
                .build())) {
            counters.add(key, 2); // a new dirty entry: the trigger asks for the count
            assertThat(counts).hasValue(2);
            cache.dirtyCounter = null;
            counters.flush();
        }
        try (CounterService reader = Livecount.create(
                LivecountConfig.builder().jdbcUrl(URL, "sa", "").build())) {
            assertThat(reader.get(key)).isEqualTo(2);
        }
    }
}
