package io.livecount.ehcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EhcacheCounterCache")
class EhcacheCounterCacheTest {

    private static BucketKey bucket(int i) {
        return new BucketKey(CounterKey.of("t", "k" + i), Period.ALL, 0);
    }

    @Test
    @DisplayName("keeps every dirty entry however small the heap, and evicts clean ones")
    void pinsDirtyEntries() {
        try (EhcacheCounterCache cache =
                EhcacheCounterCache.builder().heapEntries(10).build()) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(cache.putIfAbsent(bucket(i), new CounterEntry(0, 1, 0, 0, 0)))
                        .isNull();
                assertThat(cache.putIfAbsent(bucket(10_000 + i), new CounterEntry(5, 0, 0, 0, 1)))
                        .isNull();
            }
            assertThat(cache.dirtyCount()).isEqualTo(1_000);
            assertThat(cache.dirtyKeys()).hasSize(1_000);
            for (int i = 0; i < 1_000; i++) {
                assertThat(cache.get(bucket(i))).isEqualTo(new CounterEntry(0, 1, 0, 0, 0));
            }
            long cleanLeft = java.util.stream.IntStream.range(0, 1_000)
                    .filter(i -> cache.get(bucket(10_000 + i)) != null)
                    .count();
            assertThat(cleanLeft).isLessThanOrEqualTo(10);
        }
    }

    @Test
    @DisplayName("moves an entry between the pinned map and Ehcache as it becomes dirty or clean")
    void movesEntries() {
        try (EhcacheCounterCache cache =
                EhcacheCounterCache.builder().heapEntries(100).build()) {
            CounterEntry clean = new CounterEntry(7, 0, 0, 0, 1);
            CounterEntry dirty = new CounterEntry(7, 2, 0, 0, 1);
            cache.putIfAbsent(bucket(1), clean);
            assertThat(cache.replace(bucket(1), dirty, clean))
                    .as("compares with the current entry")
                    .isFalse();
            assertThat(cache.replace(bucket(1), clean, dirty)).isTrue();
            assertThat(cache.dirtyKeys()).containsExactly(bucket(1));
            assertThat(cache.replace(bucket(1), dirty, clean)).isTrue();
            assertThat(cache.dirtyCount()).isZero();
            assertThat(cache.get(bucket(1))).isEqualTo(clean);
            assertThat(cache.remove(bucket(1), dirty)).isFalse();
            assertThat(cache.remove(bucket(1), clean)).isTrue();
            assertThat(cache.get(bucket(1))).isNull();
        }
    }

    @Test
    @DisplayName("stores clean entries off-heap when a tier is configured")
    void offHeap() {
        try (EhcacheCounterCache cache = EhcacheCounterCache.builder()
                .heapEntries(10)
                .offHeapMegabytes(8)
                .build()) {
            for (int i = 0; i < 1_000; i++) {
                cache.putIfAbsent(bucket(i), new CounterEntry(i, 0, 0, 0, 1));
            }
            for (int i = 0; i < 1_000; i++) {
                assertThat(cache.get(bucket(i))).as("entry %d", i).isEqualTo(new CounterEntry(i, 0, 0, 0, 1));
            }
        }
    }

    @Test
    @DisplayName("names the bad value of a setting")
    void builderErrors() {
        assertThatThrownBy(() -> EhcacheCounterCache.builder().heapEntries(0))
                .hasMessage("heapEntries must be between 1 and 100000000, was 0");
        assertThatThrownBy(() -> EhcacheCounterCache.builder().offHeapMegabytes(-1))
                .hasMessage("offHeapMegabytes must be between 0 and 1048576, was -1");
    }
}
