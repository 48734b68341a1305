package io.livecount.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.livecount.BacklogFullException;
import io.livecount.CommitOutcomeUnknownException;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.CounterStoreException;
import io.livecount.LivecountException;
import io.livecount.Period;
import io.livecount.WriteBackConfig.BacklogPolicy;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure cases of the compatibility kit: the database goes away, a reply is lost, the
 * backlog fills up, the service closes or its JVM is killed. Connections go through a TCP proxy
 * that the tests cut (H2: through an H2 TCP server in the test JVM).
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("databases")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@DisplayName("A cache provider when things fail")
public abstract class FailureKit extends KitBase {

    /** Length of the outage test; 30 s unless -Dlivecount.tck.outageSeconds says otherwise. */
    private static final int OUTAGE_SECONDS = Integer.getInteger("livecount.tck.outageSeconds", 30);

    @Nested
    @DisplayName("when the database is unavailable")
    class Outage {

        @Test
        @DisplayName("adds go on through an outage; after it heals every add is written once")
        void outage() throws InterruptedException {
            ProxiedDatabase db = proxied();
            CounterService counters = service(db.dataSource(), 100_000, b -> b.maxDelay(Duration.ofMillis(100)));
            AtomicLong added = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread adder = new Thread(() -> {
                for (long i = 0; running.get(); i++) {
                    counters.add(new CounterKey(FAST, "outage" + i % 500), 1);
                    added.incrementAndGet();
                    if (i % 100 == 0) sleep(1);
                }
            });
            adder.start();
            sleep(1_000);
            db.cut();
            long cutAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> counters.writeBackMetrics().consecutiveFailures() > 0);
            topDuringOutage(counters);
            sleep(Math.max(0, OUTAGE_SECONDS * 1000L - (System.nanoTime() - cutAt) / 1_000_000));
            assertThat(counters.writeBackMetrics().pendingCounters()).isPositive();
            assertThat(counters.writeBackMetrics().oldestPendingAge()).isGreaterThan(Duration.ofSeconds(1));
            db.heal();
            sleep(1_000);
            running.set(false);
            adder.join();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(counters::flush);
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(added.get());
            assertThat(counters.writeBackMetrics().consecutiveFailures()).isZero();
        }

        /**
         * A dashboard's top() during the outage: it fails (the database is away) but does not wait
         * for the write-back. Prints its latency (the figure docs/operations.md quotes).
         */
        private void topDuringOutage(CounterService counters) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> counters.top(FAST, Period.ALL, T0, 10)).isInstanceOf(LivecountException.class);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            Collections.sort(millis);
            System.out.printf(
                    "top-during-outage: db=%s calls=5 failed=5 median_ms=%d max_ms=%d%n",
                    database.id(), millis.get(2), millis.get(4));
            assertThat(millis.get(4)).as("top() latency during the outage, ms").isLessThan(10_000);
        }

        @Test
        @DisplayName("a reply lost after a write-back committed: the retry does not count twice")
        void lostReply() {
            ProxiedDatabase db = proxied();
            CounterService counters = service(db.dataSource(), 100, b -> b.maxDelay(Duration.ofHours(1)));
            CounterKey key = new CounterKey(FAST, "lost-reply");
            counters.add(key, 7);
            // The request that executes the write-back: MySQL and PostgreSQL drivers send the SQL text
            // with it; H2 prepares first and executes later, with the marker row's values.
            db.proxy()
                    .loseReplyTo(
                            database == TestDatabase.H2 ? WriteBackStore.MARKER_NS : "INSERT INTO livecount_counter");
            assertThatThrownBy(counters::flush).isInstanceOf(CommitOutcomeUnknownException.class);
            assertThat(inDatabase(key)).as("the first attempt committed").isEqualTo(7);
            counters.add(key, 3);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(counters::flush);
            assertThat(inDatabase(key)).as("retried, counted once").isEqualTo(10);
            assertThat(counters.get(key)).isEqualTo(10);
        }
    }

    @Nested
    @DisplayName("when the backlog is full")
    class Backlog {

        private CounterService filled(ProxiedDatabase db, BacklogPolicy policy) {
            return filled(db, policy, Duration.ZERO);
        }

        /** Ten dirty counters (k0 twice) with the database cut: the backlog of 10 is full. */
        private CounterService filled(ProxiedDatabase db, BacklogPolicy policy, Duration window) {
            CounterService counters = service(db.dataSource(), 100, b -> b.maxDelay(Duration.ofMillis(50))
                    .localWindow(window)
                    .maxDirtyCounters(10)
                    .maxBacklog(10, policy));
            db.cut();
            addOneToEach(counters, "k", 10);
            counters.add(new CounterKey(FAST, "k0"), 1); // a counter already waiting takes more
            await().atMost(Duration.ofSeconds(10)) // window sums reach the cache when drained
                    .until(() -> counters.writeBackMetrics().pendingCounters() == 10);
            return counters;
        }

        @Test
        @DisplayName("FAIL_FAST throws BacklogFullException and keeps nothing of that add")
        void failFast() {
            ProxiedDatabase db = proxied();
            CounterService counters = filled(db, BacklogPolicy.FAIL_FAST);
            assertThatThrownBy(() -> counters.add(new CounterKey(FAST, "k10"), 1))
                    .isInstanceOf(BacklogFullException.class);
            db.heal();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(counters::flush);
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(11);
            assertThat(inDatabase(new CounterKey(FAST, "k10"))).isZero();
        }

        @Test
        @DisplayName("FAIL_FAST applies to adds through the local window too")
        void failFastThroughWindow() {
            ProxiedDatabase db = proxied();
            CounterService counters = filled(db, BacklogPolicy.FAIL_FAST, Duration.ofMillis(5));
            assertThatThrownBy(() -> counters.add(new CounterKey(FAST, "k10"), 1))
                    .isInstanceOf(BacklogFullException.class);
            db.heal();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(counters::flush);
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(11);
        }

        @Test
        @DisplayName("WRITE_THROUGH commits the add at once, and fails as a STRICT add would")
        void writeThrough() {
            ProxiedDatabase db = proxied();
            CounterService counters = filled(db, BacklogPolicy.WRITE_THROUGH);
            assertThatThrownBy(() -> counters.add(new CounterKey(FAST, "k10"), 1))
                    .isInstanceOf(CounterStoreException.class);
            db.heal();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(counters::flush);
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(11);
        }

        @Test
        @DisplayName("BLOCK makes the caller wait until write-backs make room")
        void block() throws InterruptedException {
            ProxiedDatabase db = proxied();
            CounterService counters = filled(db, BacklogPolicy.BLOCK);
            Thread blocked = new Thread(() -> counters.add(new CounterKey(FAST, "k10"), 1));
            blocked.start();
            blocked.join(500);
            assertThat(blocked.isAlive())
                    .as("blocked while the backlog is full")
                    .isTrue();
            db.heal();
            blocked.join(30_000);
            assertThat(blocked.isAlive())
                    .as("released once the write-back made room")
                    .isFalse();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(counters::flush);
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(12);
        }
    }

    @Nested
    @DisplayName("when the service stops")
    class Stopping {

        @Test
        @DisplayName("close() writes every pending delta")
        void closeWritesEverything() {
            CounterService counters = service(100, b -> b.maxDelay(Duration.ofHours(1)));
            for (int i = 0; i < 10_000; i++) {
                counters.add(new CounterKey(FAST, "close" + i % 3_000), 1);
            }
            assertThat(sumOfPeriod(FAST, "ALL")).isZero();
            counters.close();
            assertThat(sumOfPeriod(FAST, "ALL")).isEqualTo(10_000);
            assertThatThrownBy(() -> counters.add(new CounterKey(FAST, "late"), 1))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        @DisplayName("close() with the database down throws, naming what was not written")
        void closeWhileDown() {
            ProxiedDatabase db = proxied();
            CounterService counters = service(
                    db.dataSource(), 100, b -> b.maxDelay(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(1)));
            counters.add(new CounterKey(FAST, "stranded"), 1);
            db.cut();
            assertThatThrownBy(counters::close)
                    .isInstanceOf(LivecountException.class)
                    .hasMessageContaining("1 counter buckets were not written");
        }

        @Test
        @DisplayName("kill -9 mid-load loses at most the documented window, and never counts twice")
        void crash() throws Exception {
            CrashRun run = CrashRun.start(database, FailureKit.this.getClass().getName(), 200);
            run.killAfter(Duration.ofSeconds(3));
            long written = sumOfPeriod(FAST, "ALL");
            run.report(written);
            assertThat(written).as("never more than was acknowledged").isLessThanOrEqualTo(run.maxAcknowledged());
            assertThat(run.acknowledged() - written)
                    .as("lost: at most the adds of maxDelay plus one write-back (1 s allowed)")
                    .isLessThanOrEqualTo(run.addsWithin(Duration.ofMillis(200 + 1_000)));
        }
    }
}
