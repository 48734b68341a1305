package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.MapCounterCache;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(value = io.livecount.testing.TestDatabase.class, names = "H2")
@DisplayName("A read through a cache that several nodes share")
class SharedCacheReadTest extends DatabaseTest {

    private static final String FAST = "fast";

    /**
     * Node B reads a counter that has no entry. Between B's two looks at the entry (after its
     * database snapshot), node A adds 1 and writes it back; the entry, never loaded, goes with the
     * write-back's completion. B cannot tell that from "no entry at all" by looking: only the
     * count of completions, which A moves in the shared cache, tells it not to cache its value.
     */
    @Test
    @DisplayName("does not cache a value read while another node's add came and went: B's next read sees it")
    void anotherNodesWriteBackDuringTheRead() {
        MapCounterCache shared = new MapCounterCache();
        CounterKey key = CounterKey.of(FAST, "clicked-on-a");
        try (CounterService a = node(shared);
                CounterService b = node(shared)) {
            AtomicBoolean raced = new AtomicBoolean();
            shared.gets.set(0);
            shared.onThirdGet = () -> { // B's second look, after its snapshot
                a.add(key, 1);
                a.flush();
                raced.set(shared.entries.isEmpty());
            };

            assertThat(b.get(key)).as("concurrent with A's add: 0 or 1").isBetween(0L, 1L);
            assertThat(raced).as("A's entry came and went during B's read").isTrue();

            assertThat(b.get(key))
                    .as("A's add was written before this read began")
                    .isEqualTo(1);
        }
    }

    private CounterService node(MapCounterCache shared) {
        return Livecount.create(baseConfig()
                .namespace(FAST, NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(() -> shared)
                        .maxDelay(Duration.ofHours(1))
                        .readRefresh(Duration.ofHours(1))
                        .build())
                .build());
    }
}
