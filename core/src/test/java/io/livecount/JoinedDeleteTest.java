package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.Hibernate;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Deleting a FAST counter inside the caller's transaction")
class JoinedDeleteTest extends DatabaseTest {

    private static final String FAST = "fast";
    private final CounterKey key = CounterKey.of(FAST, "joined");
    private EntityManagerFactory emf;

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.namespace(FAST, NamespaceSettings.allPeriods().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(MapCounterCache::new)
                        .maxDelay(Duration.ofHours(1))
                        .build());
    }

    @BeforeEach
    void openFactory() {
        emf = Hibernate.entityManagerFactory(database);
    }

    @AfterEach
    void closeFactory() {
        emf.close();
    }

    @Test
    @DisplayName("committed: the unwritten deltas go with the rows, in every bucket, for good")
    void committed() {
        counters.add(key, 3);
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        assertThat(counters.joining(em).delete(key)).isTrue();
        em.getTransaction().commit();
        em.close();
        counters.flush();
        assertThat(counters.get(key)).isZero();
        assertThat(storedRows("joined")).isZero();
    }

    @Test
    @DisplayName("rolled back: the counter keeps every add, in every bucket")
    void rolledBack() {
        counters.add(key, 3);
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        counters.joining(em).delete(key);
        em.getTransaction().rollback();
        em.close();
        counters.flush();
        for (Period period : Period.values()) {
            assertThat(counters.get(key, period, T0)).as(period.name()).isEqualTo(3);
        }
    }
}
