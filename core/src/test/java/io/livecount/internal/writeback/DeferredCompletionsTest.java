package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.spi.CounterEntry;
import io.livecount.testing.MapCounterCache;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A counter written back in every pass costs one cache change per pass: the next pass completes
 * the committed write-back and takes the new deltas in one change (on Hazelcast, one call to the
 * owner instead of two). An explicit flush still leaves every entry complete.
 */
@DisplayName("Write-back passes over a busy counter")
class DeferredCompletionsTest {

    private static final String URL = "jdbc:h2:mem:deferred-completions;DB_CLOSE_DELAY=-1";

    @Test
    @DisplayName("take the next deltas and complete the last write-back in one change; flush() completes all")
    void oneChangePerPass() throws InterruptedException {
        MapCounterCache cache = new MapCounterCache();
        CounterKey key = CounterKey.of("fast", "busy");
        try (CounterService counters = Livecount.create(LivecountConfig.builder()
                .jdbcUrl(URL, "sa", "")
                .namespace("fast", NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> cache)
                        .maxDelay(Duration.ofHours(1))
                        .maxDirtyCounters(1) // every add asks for a background pass
                        .build())
                .build())) {
            counters.add(key, 1);
            awaitWritten(counters, 1);
            int before = cache.changes.get();

            counters.add(key, 1); // one change; its pass: one change
            awaitWritten(counters, 2);

            assertThat(cache.changes.get() - before).isEqualTo(2);
            assertThat(counters.get(key)).isEqualTo(2);
            counters.flush();
            assertThat(cache.entries.values()).noneMatch(CounterEntry::isDirty); // completed
        }
    }

    private static void awaitWritten(CounterService counters, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (counters.writeBackMetrics().flushedRows() < rows) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no pass wrote " + rows + " rows");
            }
            Thread.sleep(10);
        }
        Thread.sleep(100); // the pass ends after counting its rows
    }
}
