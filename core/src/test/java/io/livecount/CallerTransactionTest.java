package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.Hibernate;
import io.livecount.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Counting inside the caller's resource-local transaction")
class CallerTransactionTest extends DatabaseTest {

    private final CounterKey key = CounterKey.of(ALL_PERIODS, "tx");
    private EntityManagerFactory emf;

    @BeforeEach
    void openFactory() {
        emf = Hibernate.entityManagerFactory(database);
    }

    @AfterEach
    void closeFactory() {
        emf.close();
    }

    @Test
    @DisplayName("a rolled-back transaction leaves no count in any bucket")
    void rollback() {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        counters.joining(em).add(key, 5);
        assertThat(counters.joining(em).get(key))
                .as("visible inside the transaction")
                .isEqualTo(5);
        em.getTransaction().rollback();
        em.close();
        assertThat(counters.get(key)).isZero();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("a delta of 0 creates no row inside the transaction either")
    void zeroDelta() {
        counters.add(key, 3);
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        counters.joining(em).add(CounterKey.of(ALL_PERIODS, "zero"), 0);
        assertThat(counters.joining(em).addAndGet(key, 0)).isEqualTo(3);
        em.getTransaction().commit();
        em.close();
        assertThat(storedRows("zero")).isZero();
        assertThat(counters.get(key)).isEqualTo(3);
    }

    @Test
    @DisplayName("a committed transaction keeps its counts, and addAndGet sees its own earlier adds")
    void commit() {
        counters.add(key, 100);
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        CounterOperations inTx = counters.joining(em);
        inTx.add(key, 1);
        assertThat(inTx.addAndGet(key, 2)).isEqualTo(103);
        assertThat(counters.get(key))
                .as("not visible outside before the commit")
                .isEqualTo(100);
        em.getTransaction().commit();
        em.close();
        assertThat(counters.get(key, Period.HOUR, T0)).isEqualTo(103);
    }

    @Test
    @DisplayName("a FAST add without a write-back configured is refused inside the transaction too")
    void fastRefused() {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        assertThatThrownBy(() -> counters.joining(em).add(key, 1, AddOptions.in(ConsistencyMode.FAST)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a write-back");
        em.getTransaction().commit();
        em.close();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("joining an EntityManager without an active transaction is refused before writing")
    void noTransaction() {
        EntityManager em = emf.createEntityManager();
        assertThatThrownBy(() -> counters.joining(em).add(key, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no active transaction");
        em.close();
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("a service can take its connections from the application's EntityManagerFactory")
    void serviceOnEntityManagerFactory() {
        try (CounterService onEmf = Livecount.create(
                LivecountConfig.builder().entityManagerFactory(emf).build())) {
            onEmf.add(key, 4);
            assertThat(onEmf.get(key)).isEqualTo(4);
        }
        assertThat(emf.isOpen()).as("the application's factory stays open").isTrue();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a deadlock between two callers' transactions surfaces as CounterConflictException, unretried")
    void deadlockSurfaces() {
        CounterKey a = CounterKey.of("dl", "a");
        CounterKey b = CounterKey.of("dl", "b");
        counters.add(a, 1);
        counters.add(b, 1);
        EntityManager first = emf.createEntityManager();
        EntityManager second = emf.createEntityManager();
        first.getTransaction().begin();
        second.getTransaction().begin();
        counters.joining(first).add(a, 1);
        counters.joining(second).add(b, 1);
        CompletableFuture<Void> firstWaits =
                CompletableFuture.runAsync(() -> counters.joining(first).add(b, 1));
        sleep(500); // let the first transaction block on b
        Throwable secondFailure = catchFailure(() -> counters.joining(second).add(a, 1));
        Throwable firstFailure = catchFailure(firstWaits::join);

        assertThat(firstFailure == null ^ secondFailure == null)
                .as("exactly one of the two fails (first: %s, second: %s)", firstFailure, secondFailure)
                .isTrue();
        Throwable failure = firstFailure != null ? firstFailure : secondFailure;
        assertThat(failure).isInstanceOf(CounterConflictException.class);
        EntityManager winner = firstFailure == null ? first : second;
        EntityManager loser = firstFailure == null ? second : first;
        loser.getTransaction().rollback();
        winner.getTransaction().commit();
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
