package io.livecount.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterOperations;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("io.livecount.jpa.Provider#enabled")
@DisplayName("A service on a persistence unit's pool, and one EntityManager over several transactions")
class PersistenceUnitTest {

    private static final CounterKey KEY = CounterKey.of("fast", "unit");

    @org.junit.jupiter.params.Parameter
    Provider provider;

    @Test
    @DisplayName("the unit's own pool (built from a URL): every connection goes back, the factory stays open")
    void providersOwnPool() {
        EntityManagerFactory emf = provider.openWithUrl("jdbc:h2:mem:unit-" + provider + ";DB_CLOSE_DELAY=-1");
        try {
            try (CounterService counters = Livecount.create(LivecountConfig.builder()
                    .dataSource(LivecountJpa.dataSource(emf))
                    .build())) {
                for (int i = 0; i < 100; i++) { // more than any pool's size: a leak would hang or fail
                    counters.add(KEY, 1);
                }
                assertThat(counters.get(KEY)).isEqualTo(100);
            }
            assertThat(emf.isOpen()).as("the application's factory stays open").isTrue();
        } finally {
            emf.close();
        }
    }

    @Test
    @DisplayName("the unit's data source, on every database")
    void unitsDataSource() {
        for (TestDatabase database : TestDatabase.values()) {
            EntityManagerFactory emf = provider.open(database);
            try (CounterService counters = Livecount.create(LivecountConfig.builder()
                    .dataSource(LivecountJpa.dataSource(emf))
                    .build())) {
                database.clear();
                counters.add(KEY, 4);
                assertThat(counters.get(KEY)).as(database.id()).isEqualTo(4);
            } finally {
                emf.close();
            }
        }
    }

    @Test
    @DisplayName("one EntityManager, three transactions: a FAST add counts once, and only if its transaction commits")
    void fastAddsPerTransaction() {
        TestDatabase database = TestDatabase.H2;
        EntityManagerFactory emf = provider.open(database);
        LivecountConfig config = LivecountConfig.builder()
                .dataSource(database.dataSource())
                .namespace("fast", NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(MapCounterCache::new)
                        .maxDelay(Duration.ofHours(1))
                        .build())
                .build();
        try (CounterService counters = Livecount.create(config)) {
            database.clear();
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            CounterOperations inTx = LivecountJpa.joining(counters, em);
            inTx.add(KEY, 1);
            em.getTransaction().rollback();
            em.getTransaction().begin();
            LivecountJpa.joining(counters, em).add(KEY, 10);
            assertThat(counters.get(KEY)).as("not before the commit").isZero();
            em.getTransaction().commit();
            em.getTransaction().begin();
            em.getTransaction().commit(); // an empty commit runs nothing again
            em.close();
            counters.flush();
            assertThat(counters.get(KEY)).isEqualTo(10);
        } finally {
            emf.close();
        }
    }
}
