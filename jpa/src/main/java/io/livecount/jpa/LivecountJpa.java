package io.livecount.jpa;

import io.livecount.CounterOperations;
import io.livecount.CounterService;
import io.livecount.jpa.internal.JpaProviders;
import io.livecount.spi.JoinedTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Livecount with Jakarta Persistence: count inside an {@link EntityManager}'s transaction, and take
 * connections from a persistence unit's pool. Works with Hibernate ORM 6.6 and 7 and EclipseLink 4,
 * resource-local and JTA.
 */
public final class LivecountJpa {

    private LivecountJpa() {}

    /**
     * {@code counters}' operations inside {@code entityManager}'s current transaction: they run on
     * its connection and commit or roll back with it (see {@link CounterService#joining}). The
     * transaction must be active at each call.
     */
    public static CounterOperations joining(CounterService counters, EntityManager entityManager) {
        return counters.joining(transactionOf(entityManager));
    }

    /** {@code entityManager}'s current transaction, for {@link CounterService#joining}. */
    public static JoinedTransaction transactionOf(EntityManager entityManager) {
        Objects.requireNonNull(entityManager, "entityManager");
        return JpaProviders.of(entityManager).transactionOf(entityManager);
    }

    /**
     * The connections of {@code entityManagerFactory}'s pool as a {@link DataSource}, for {@code
     * LivecountConfig.Builder.dataSource(...)}: Livecount then uses the unit's pool without opening
     * an entity manager per operation. The factory stays yours: neither this data source nor the
     * service closes it. A JTA unit's connections enlist in JTA transactions as its own do.
     *
     * @throws IllegalArgumentException if the factory's provider is not supported
     */
    public static DataSource dataSource(EntityManagerFactory entityManagerFactory) {
        Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
        return JpaProviders.of(entityManagerFactory).dataSourceOf(entityManagerFactory);
    }
}
