package io.livecount.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Deleting a FAST counter inside a transaction the caller hands to {@code joining(...)}. */
public abstract class JoinedDeleteContract extends DatabaseTest {

    private static final String FAST = "fast";
    private final CounterKey key = CounterKey.of(FAST, "joined");
    private CallerTx.Source transactions;

    /** The caller's transactions of this suite, on {@link #database}. */
    protected abstract CallerTx.Source transactions();

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(MapCounterCache::new)
                        .maxDelay(Duration.ofHours(1))
                        .build());
    }

    @BeforeEach
    void openTransactions() {
        transactions = transactions();
    }

    @AfterEach
    void closeTransactions() {
        transactions.close();
    }

    @Test
    @DisplayName("committed: the unwritten deltas go with the rows, in every bucket, for good")
    public void committed() {
        counters.add(key, 3);
        CallerTx em = transactions.begin();
        assertThat(counters.joining(em.joined()).delete(key)).isTrue();
        em.commit();
        em.close();
        counters.flush();
        assertThat(counters.get(key)).isZero();
        assertThat(storedRows("joined")).isZero();
    }

    @Test
    @DisplayName("rolled back: the counter keeps every add, in every bucket")
    public void rolledBack() {
        counters.add(key, 3);
        CallerTx em = transactions.begin();
        counters.joining(em.joined()).delete(key);
        em.rollback();
        em.close();
        counters.flush();
        for (Period period : Period.values()) {
            assertThat(counters.get(key, period, T0)).as(period.name()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a FAST add counts after its transaction commits, never after a rollback")
    public void fastAddsOnCommitOnly() {
        try (CallerTx rolledBack = transactions.begin()) {
            counters.joining(rolledBack.joined()).add(key, 1);
            rolledBack.rollback();
        }
        try (CallerTx committed = transactions.begin()) {
            counters.joining(committed.joined()).add(key, 10);
            assertThat(counters.get(key)).as("not before the commit").isZero();
            committed.commit();
        }
        counters.flush();
        assertThat(counters.get(key)).isEqualTo(10);
    }
}
