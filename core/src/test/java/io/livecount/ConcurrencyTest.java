package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Concurrent STRICT adds are exact")
class ConcurrencyTest extends DatabaseTest {

    private static final int THREADS = 32;
    private static final int ADDS_PER_THREAD = 10_000;
    private static final long TOTAL = (long) THREADS * ADDS_PER_THREAD;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("32 threads x 10,000 adds on one hot key: exact in every bucket, one row per bucket")
    void hotKey() throws Exception {
        CounterKey hot = CounterKey.of(ALL_PERIODS, "hot");
        runThreads(thread -> {
            for (int i = 0; i < ADDS_PER_THREAD; i++) {
                counters.add(hot, 1);
            }
        });
        for (Period period : Period.values()) {
            assertThat(counters.get(hot, period, T0)).as(period.name()).isEqualTo(TOTAL);
        }
        assertThat(storedRows("hot")).isEqualTo(Period.values().length);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("32 threads creating the same 10,000 new counters at once: exact, no duplicate rows, no errors")
    void newKeys() throws Exception {
        runThreads(thread -> {
            for (int i = 0; i < ADDS_PER_THREAD; i++) {
                counters.add(CounterKey.of(ALL_PERIODS, "new-" + i), 1);
            }
        });
        assertThat(database.rowCount()).isEqualTo((long) ADDS_PER_THREAD * Period.values().length);
        assertThat(database.queryLong("SELECT MIN(counter_value) FROM livecount_counter"))
                .isEqualTo(THREADS);
        assertThat(database.queryLong("SELECT MAX(counter_value) FROM livecount_counter"))
                .isEqualTo(THREADS);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("concurrent addAndGet calls each see a distinct value, as some serial order would")
    void addAndGetIsLinearizable() throws Exception {
        CounterKey key = CounterKey.of("linear", "k");
        int perThread = 500;
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        runThreads(thread -> {
            for (int i = 0; i < perThread; i++) {
                seen.add(counters.addAndGet(key, 1));
            }
        });
        long total = (long) THREADS * perThread;
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(counters.get(key)).isEqualTo(total);
    }

    private void runThreads(ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    body.run(thread);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(); // rethrows any add's failure
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread);
    }
}
