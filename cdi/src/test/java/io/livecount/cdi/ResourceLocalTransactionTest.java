package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.AddOptions;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.WriteBackConfig;
import io.livecount.ehcache.EhcacheCounterCache;
import io.livecount.jpa.LivecountJpa;
import io.livecount.jpa.Provider;
import io.livecount.testing.DatabaseTest;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource
@DisplayName("Both modes inside the caller's resource-local transaction (joining an EntityManager)")
class ResourceLocalTransactionTest extends DatabaseTest {

    private static final CounterKey STRICT = CounterKey.of("rl", "strict");
    private static final CounterKey FAST = CounterKey.of("rl", "fast");

    private EntityManagerFactory emf;

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        return builder.namespace("rl", NamespaceSettings.of(Period.DAY))
                .writeBack(WriteBackConfig.builder(EhcacheCounterCache.builder().factory())
                        .build());
    }

    @BeforeEach
    void openFactory() {
        emf = Provider.HIBERNATE.open(database);
    }

    @AfterEach
    void closeFactory() {
        emf.close();
    }

    @Test
    @DisplayName("a committed transaction counts in both modes, FAST only from the commit on")
    void commit() {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        LivecountJpa.joining(counters, em).add(STRICT, 2);
        LivecountJpa.joining(counters, em).add(FAST, 3, AddOptions.in(ConsistencyMode.FAST));
        assertThat(counters.get(FAST)).as("FAST before the commit").isZero();
        em.getTransaction().commit();
        em.close();
        assertThat(counters.get(FAST)).as("FAST right after the commit").isEqualTo(3);
        counters.flush();
        assertThat(counters.get(STRICT)).isEqualTo(2);
        assertThat(counters.get(FAST, Period.DAY, T0)).isEqualTo(3);
    }

    @Test
    @DisplayName("a rolled-back transaction counts nothing in either mode")
    void rollback() {
        EntityManager em = emf.createEntityManager();
        em.getTransaction().begin();
        LivecountJpa.joining(counters, em).add(STRICT, 2);
        LivecountJpa.joining(counters, em).add(FAST, 3, AddOptions.in(ConsistencyMode.FAST));
        em.getTransaction().rollback();
        em.close();
        counters.flush();
        assertThat(counters.get(STRICT)).isZero();
        assertThat(counters.get(FAST)).isZero();
        assertThat(database.rowCount()).isZero();
    }
}
