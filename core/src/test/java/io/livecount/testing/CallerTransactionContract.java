package io.livecount.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.AddOptions;
import io.livecount.ConsistencyMode;
import io.livecount.CounterAdd;
import io.livecount.CounterConflictException;
import io.livecount.CounterKey;
import io.livecount.CounterOperations;
import io.livecount.Period;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Counting inside a transaction the caller owns and hands to {@code joining(...)}. Core runs it on
 * JDBC transactions, livecount-jpa on each JPA provider's EntityManager.
 */
public abstract class CallerTransactionContract extends DatabaseTest {

    private final CounterKey key = CounterKey.of(ALL_PERIODS, "tx");
    private CallerTx.Source transactions;

    /** The caller's transactions of this suite, on {@link #database}. */
    protected abstract CallerTx.Source transactions();

    @BeforeEach
    void openTransactions() {
        transactions = transactions();
    }

    @AfterEach
    void closeTransactions() {
        transactions.close();
    }

    @Test
    @DisplayName("a rolled-back transaction leaves no count in any bucket")
    public void rollback() {
        CallerTx em = transactions.begin();
        counters.joining(em.joined()).add(key, 5);
        assertThat(counters.joining(em.joined()).get(key))
                .as("visible inside the transaction")
                .isEqualTo(5);
        em.rollback();
        em.close();
        assertThat(counters.get(key)).isZero();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("a delta of 0 creates no row inside the transaction either")
    public void zeroDelta() {
        counters.add(key, 3);
        CallerTx em = transactions.begin();
        counters.joining(em.joined()).add(CounterKey.of(ALL_PERIODS, "zero"), 0);
        assertThat(counters.joining(em.joined()).addAndGet(key, 0)).isEqualTo(3);
        em.commit();
        em.close();
        assertThat(storedRows("zero")).isZero();
        assertThat(counters.get(key)).isEqualTo(3);
    }

    @Test
    @DisplayName("a committed transaction keeps its counts, and addAndGet sees its own earlier adds")
    public void commit() {
        counters.add(key, 100);
        CallerTx em = transactions.begin();
        CounterOperations inTx = counters.joining(em.joined());
        inTx.add(key, 1);
        assertThat(inTx.addAndGet(key, 2)).isEqualTo(103);
        assertThat(counters.get(key))
                .as("not visible outside before the commit")
                .isEqualTo(100);
        em.commit();
        em.close();
        assertThat(counters.get(key, Period.HOUR, T0)).isEqualTo(103);
    }

    @Test
    @DisplayName(
            "idempotency keys are recorded in the transaction: a rollback forgets them, a duplicate changes nothing")
    public void idempotencyKeys() {
        CallerTx rolledBack = transactions.begin();
        counters.joining(rolledBack.joined()).add(key, 1, AddOptions.once("m-1"));
        rolledBack.rollback();
        rolledBack.close();
        CallerTx em = transactions.begin();
        CounterOperations inTx = counters.joining(em.joined());
        inTx.add(key, 1, AddOptions.once("m-1"));
        assertThat(inTx.addAndGet(key, 1, AddOptions.once("m-1"))).isEqualTo(1);
        inTx.addAll(List.of(CounterAdd.once(key, 1, "m-1"), CounterAdd.once(key, 1, "m-2"), CounterAdd.of(key, 1)));
        em.commit();
        em.close();
        counters.add(key, 1, AddOptions.once("m-2"));
        assertThat(counters.get(key)).isEqualTo(3);
    }

    @Test
    @DisplayName("addAll rolls back with the transaction, every item of it")
    public void addAllRollsBack() {
        CallerTx em = transactions.begin();
        counters.joining(em.joined())
                .addAll(List.of(CounterAdd.of(key, 1), CounterAdd.of(CounterKey.of(ALL_PERIODS, "other"), 1)));
        em.rollback();
        em.close();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("a FAST add without a write-back configured is refused inside the transaction too")
    public void fastRefused() {
        CallerTx em = transactions.begin();
        assertThatThrownBy(() -> counters.joining(em.joined()).add(key, 1, AddOptions.in(ConsistencyMode.FAST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a write-back");
        em.commit();
        em.close();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("joining without an active transaction is refused before writing")
    public void noTransaction() {
        CallerTx em = transactions.notBegun();
        assertThatThrownBy(() -> counters.joining(em.joined()).add(key, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no active transaction");
        em.close();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a deadlock between two callers' transactions surfaces as CounterConflictException, unretried")
    public void deadlockSurfaces() {
        CounterKey a = CounterKey.of("dl", "a");
        CounterKey b = CounterKey.of("dl", "b");
        counters.add(a, 1);
        counters.add(b, 1);
        CallerTx first = transactions.begin();
        CallerTx second = transactions.begin();
        counters.joining(first.joined()).add(a, 1);
        counters.joining(second.joined()).add(b, 1);
        CompletableFuture<Void> firstWaits = CompletableFuture.runAsync(
                () -> counters.joining(first.joined()).add(b, 1));
        sleep(500); // let the first transaction block on b
        Throwable secondFailure =
                catchFailure(() -> counters.joining(second.joined()).add(a, 1));
        Throwable firstFailure = catchFailure(firstWaits::join);

        assertThat(firstFailure == null ^ secondFailure == null)
                .as("exactly one of the two fails (first: %s, second: %s)", firstFailure, secondFailure)
                .isTrue();
        Throwable failure = firstFailure != null ? firstFailure : secondFailure;
        assertThat(failure).isInstanceOf(CounterConflictException.class);
        CallerTx winner = firstFailure == null ? first : second;
        CallerTx loser = firstFailure == null ? second : first;
        loser.rollback();
        winner.commit();
        first.close();
        second.close();
        assertThat(counters.get(a)).isEqualTo(2);
        assertThat(counters.get(b)).isEqualTo(2);
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
