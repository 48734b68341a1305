package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.livecount.AddOptions;
import io.livecount.ConsistencyMode;
import io.livecount.CounterConflictException;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import io.livecount.cdi.testing.Jta;
import io.livecount.ehcache.EhcacheCounterCache;
import io.livecount.jta.JtaTransactions;
import io.livecount.testing.DatabaseTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(names = {"H2", "MARIADB"})
@DisplayName("Joining JTA transactions (Narayana standalone, Agroal pool of XA connections)")
class JtaTransactionTest extends DatabaseTest {

    private static final CounterKey STRICT = CounterKey.of("jta-strict", "order");
    private static final CounterKey FAST = CounterKey.of("jta-fast", "order");

    private AgroalDataSource pool;

    @Override
    protected LivecountConfig.Builder baseConfig() {
        pool = Jta.dataSource(database);
        return LivecountConfig.builder()
                .dataSource(pool)
                .joinTransactions(JtaTransactions.of(Jta.TSR))
                .namespace(STRICT.namespace(), NamespaceSettings.of(Period.HOUR).withMode(ConsistencyMode.STRICT))
                .namespace(FAST.namespace(), NamespaceSettings.of(Period.HOUR).withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(EhcacheCounterCache.builder().factory())
                        .maxDelay(Duration.ofMillis(50)) // write-backs run while the transactions do
                        .build());
    }

    @AfterEach
    void closePool() {
        counters.close();
        pool.close();
    }

    @Test
    @DisplayName(
            "1,000 business transactions on 4 threads, every other one rolled back: both modes count exactly the committed half")
    void halfRolledBack() throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CompletableFuture<?>[] workers = new CompletableFuture<?>[4];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = CompletableFuture.runAsync(
                    () -> {
                        for (int i = next.getAndIncrement(); i < 1_000; i = next.getAndIncrement()) {
                            businessTransaction(i % 2 == 0);
                        }
                    },
                    threads);
        }
        CompletableFuture.allOf(workers).get();
        threads.shutdown();
        counters.flush();

        assertThat(inDatabase(STRICT)).as("STRICT in the database").isEqualTo(500);
        assertThat(inDatabase(FAST)).as("FAST in the database after flush").isEqualTo(500);
        assertThat(counters.get(FAST)).isEqualTo(500);
        assertThat(counters.get(STRICT)).isEqualTo(500);
        assertThat(database.queryLong("SELECT SUM(counter_value) FROM livecount_counter WHERE ns LIKE 'jta-%'"
                        + " AND period_type = 'HOUR'"))
                .as("hour buckets of both")
                .isEqualTo(1_000);
    }

    @Test
    @DisplayName("outside a transaction both modes count at once")
    void outsideTransaction() {
        counters.add(STRICT, 2);
        counters.add(FAST, 3);
        assertThat(inDatabase(STRICT)).isEqualTo(2);
        assertThat(counters.get(FAST)).isEqualTo(3);
    }

    @Test
    @DisplayName("a STRICT add committed in a transaction is read at once afterwards, not a stale cached value")
    void strictCommitInvalidatesTheCache() throws Exception {
        CounterKey mixed = CounterKey.of(FAST.namespace(), "mixed");
        counters.add(mixed, 1);
        assertThat(counters.get(mixed)).isEqualTo(1); // cached now
        Jta.TM.begin();
        counters.add(mixed, 10, AddOptions.in(ConsistencyMode.STRICT));
        Jta.TM.commit();
        assertThat(counters.get(mixed)).isEqualTo(11);
    }

    @Test
    @DisplayName("a FAST addAndGet inside a transaction is refused: its value does not exist before the commit")
    void fastAddAndGetRefused() throws Exception {
        Jta.TM.begin();
        try {
            assertThatThrownBy(() -> counters.addAndGet(FAST, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only when the transaction commits");
        } finally {
            Jta.TM.commit();
        }
        counters.flush();
        assertThat(inDatabase(FAST)).isZero();
    }

    @Test
    @DisplayName(
            "flush() inside a transaction writes back outside it: rolling the transaction back keeps the write-back")
    void flushRunsOutside() throws Exception {
        counters.add(FAST, 5);
        Jta.TM.begin();
        counters.flush();
        Jta.TM.rollback();
        assertThat(inDatabase(FAST)).isEqualTo(5);
    }

    @Test
    @DisplayName("a delete inside a rolled-back transaction deletes nothing")
    void deleteRolledBack() throws Exception {
        counters.add(STRICT, 4);
        Jta.TM.begin();
        assertThat(counters.delete(STRICT)).isTrue();
        Jta.TM.rollback();
        assertThat(counters.get(STRICT)).isEqualTo(4);
    }

    /**
     * One business transaction. A conflict (H2 reports two first inserts of a row as a duplicate
     * key) dooms it, and the caller retries it, as an application does: Livecount never retries
     * inside a transaction it does not own.
     */
    private void businessTransaction(boolean commit) {
        for (int attempt = 0; ; attempt++) {
            try {
                Jta.TM.begin();
                counters.add(STRICT, 1);
                counters.add(FAST, 1);
                if (commit) {
                    Jta.TM.commit();
                } else {
                    Jta.TM.rollback();
                }
                return;
            } catch (CounterConflictException conflict) {
                rollback();
                assertThat(attempt).as("retries of one business transaction").isLessThan(20);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void rollback() {
        try {
            Jta.TM.rollback();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long inDatabase(CounterKey key) {
        try (CounterService reader = Livecount.create(
                LivecountConfig.builder().dataSource(database.dataSource()).build())) {
            return reader.get(key);
        }
    }
}
