package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.CounterKey;
import io.livecount.CounterOverflowException;
import io.livecount.CounterService;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The part of the compatibility kit about deletes: a delete in the middle of adds from several
 * threads, on one node and on two, acts at one point (every period bucket of the counter agrees
 * afterwards), and drops what of its counter cannot be written. Extend it in the provider's module
 * like {@link CounterCacheKit}.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider deletes a counter at one point")
public abstract class DeleteKit extends KitBase {

    /** Waits up to 10 s for {@code latch}; on a timeout or an interrupt, goes on. */
    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int ADDERS = 4;

    /** Rounds of {@link #race(List, CounterService, CounterKey)}: each one's delete is checked. */
    private static final int ROUNDS = 12;

    private void race(CounterService adding, CounterService deleting, CounterKey key) throws InterruptedException {
        race(List.of(adding), deleting, key);
    }

    /**
     * Round after round, {@value #ADDERS} threads (spread over the {@code adding} nodes) add to a
     * counter of their own for 200 ms while {@code deleting} deletes it once, in the middle;
     * after flush() every period bucket of the counter holds the same value: no add was split
     * by the delete.
     */
    private void race(List<CounterService> adding, CounterService deleting, CounterKey base)
            throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            CounterKey key = new CounterKey(base.namespace(), base.name() + "-" + round);
            long start = System.nanoTime();
            long until = start + TimeUnit.MILLISECONDS.toNanos(200);
            AtomicBoolean deleted = new AtomicBoolean();
            CountDownLatch added = new CountDownLatch(1); // a delete before any add would test nothing
            int deleteAfter = 50 + round * 10; // ms
            Thread deleter = new Thread(() -> {
                sleep(deleteAfter);
                await(added);
                deleted.set(deleting.delete(key));
            });
            deleter.start();
            Load.run(ADDERS, thread -> {
                CounterService node = adding.get(thread % adding.size());
                while (System.nanoTime() < until) {
                    node.add(key, 1);
                    added.countDown();
                }
            });
            deleter.join();
            // twice: a node's first flush drains its local window, maybe into buckets another
            // member of a shared cache writes (see docs/cluster.md); the second writes them
            for (int pass = 0; pass < 2; pass++) {
                adding.forEach(CounterService::flush);
                deleting.flush();
            }
            assertThat(deleted).as("round %d deleted something", round).isTrue();
            long all = valueOf(key, "ALL");
            for (Period period : List.of(Period.SECOND, Period.MINUTE, Period.HOUR, Period.DAY, Period.YEAR)) {
                assertThat(valueOf(key, period.name()))
                        .as("round %d, %s", round, period)
                        .isEqualTo(all);
            }
            // the deleting node made its cached values stale; another node's may show the old
            // stored value until readRefresh (a documented limit of cached reads)
            assertThat(deleting.get(key)).isEqualTo(all);
        }
    }

    private long valueOf(CounterKey key, String period) {
        return database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter WHERE ns = '"
                + key.namespace() + "' AND counter_name = '" + key.name() + "' AND period_type = '" + period
                + "'");
    }

    @Test
    @DisplayName("FAST: every add is wholly before the delete (gone from every bucket) or wholly after")
    void fast() throws InterruptedException {
        CounterService counters = service(100_000, b -> b.maxDelay(Duration.ofMillis(10)));
        race(counters, counters, new CounterKey(FAST_PERIODS, "deleted-fast"));
    }

    @Test
    @DisplayName("FAST through the local window: the same")
    void fastThroughWindow() throws InterruptedException {
        CounterService counters =
                service(100_000, b -> b.maxDelay(Duration.ofMillis(10)).localWindow(Duration.ofMillis(2)));
        race(counters, counters, new CounterKey(FAST_PERIODS, "deleted-window"));
    }

    @Test
    @DisplayName("STRICT: the same")
    void strict() throws InterruptedException {
        CounterService counters = service(100, b -> b.maxDelay(Duration.ofMillis(10)));
        race(counters, counters, new CounterKey(STRICT, "deleted-strict"));
    }

    @Test
    @DisplayName("FAST on two nodes, adding on both, deleting on one: the same")
    void fastOnTwoNodes() throws InterruptedException {
        CounterService deleting = service(100_000, b -> b.maxDelay(Duration.ofMillis(10)));
        CounterService other = service(100_000, b -> b.maxDelay(Duration.ofMillis(10)));
        race(List.of(other, deleting), deleting, new CounterKey(FAST_PERIODS, "deleted-two-nodes"));
    }

    @Test
    @DisplayName("FAST on two nodes through the local window: the same")
    void fastOnTwoNodesThroughWindow() throws InterruptedException {
        UnaryOperator<WriteBackConfig.Builder> windowed =
                b -> b.maxDelay(Duration.ofMillis(10)).localWindow(Duration.ofMillis(2));
        CounterService deleting = service(100_000, windowed);
        CounterService other = service(100_000, windowed);
        race(List.of(other, deleting), deleting, new CounterKey(FAST_PERIODS, "deleted-two-windows"));
    }

    @Test
    @DisplayName("STRICT on two nodes: the same")
    void strictOnTwoNodes() throws InterruptedException {
        CounterService deleting = service(100, b -> b.maxDelay(Duration.ofMillis(10)));
        CounterService other = service(100, b -> b.maxDelay(Duration.ofMillis(10)));
        race(List.of(other, deleting), deleting, new CounterKey(STRICT, "deleted-strict-two-nodes"));
    }

    @Test
    @DisplayName("a delete writes only the counter's own deltas, not the whole backlog")
    void writesOnlyItsCounter() {
        CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
        CounterKey gone = new CounterKey(FAST, "gone");
        CounterKey other = new CounterKey(FAST, "other");
        counters.add(gone, 1);
        counters.add(other, 2);
        assertThat(counters.delete(gone)).isTrue(); // it had an unwritten delta
        assertThat(counters.get(gone)).isZero();
        assertThat(counters.writeBackMetrics().pendingCounters()).isEqualTo(1);
        assertThat(counters.writeBackMetrics().pendingTotal()).isEqualTo(2);
        assertThat(inDatabase(other)).isZero();
        counters.flush();
        assertThat(inDatabase(gone)).isZero();
        assertThat(inDatabase(other)).isEqualTo(2);
    }

    @Test
    @DisplayName("a delete drops the deltas of its counter that cannot be written")
    void dropsUnwritable() {
        CounterKey key = new CounterKey(FAST_PERIODS, "near-max-deleted");
        try (CounterService other = strictService(database.dataSource())) {
            other.add(key, NEAR_MAX);
        }
        CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
        counters.add(key, 2);
        counters.add(key, 2);
        assertThatThrownBy(counters::flush).isInstanceOf(CounterOverflowException.class);
        assertThat(counters.delete(key)).isTrue();
        assertThat(counters.writeBackMetrics().unwritableBuckets()).isZero();
        assertThat(counters.writeBackMetrics().pendingTotal()).isZero();
        counters.flush();
        assertThat(database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE counter_name = 'near-max-deleted'"))
                .isZero();
    }
}
