package io.livecount.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockModeType;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

/** Per increment: begin, find the entity (with {@link #lockMode()}), add 1, commit. */
abstract class JpaScenario implements Scenario {

    private final CounterTable table;
    private final EntityManagerFactory entityManagerFactory;
    private List<String> keys = List.of();

    JpaScenario(BenchDatabase database, DataSource dataSource) {
        this.table = new CounterTable(dataSource, "bench_jpa_counter");
        this.entityManagerFactory = createEntityManagerFactory(database, dataSource);
    }

    abstract LockModeType lockMode();

    private static EntityManagerFactory createEntityManagerFactory(BenchDatabase database, DataSource dataSource) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration(
                        "livecount-bench-" + database.id())
                .managedClass(BenchCounter.class)
                .property(AvailableSettings.DATASOURCE, dataSource)
                .showSql(false, false, false)
                .schemaToolingAction(Action.NONE); // CounterTable creates the table
        database.hibernateDialect().ifPresent(dialect -> configuration.property(AvailableSettings.DIALECT, dialect));
        return configuration.createEntityManagerFactory();
    }

    @Override
    public void reset(List<String> keys) throws Exception {
        table.reset(keys);
        this.keys = keys;
    }

    /** One transaction; throws if it did not commit. */
    void incrementOnce(int keyIndex) {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        EntityTransaction transaction = entityManager.getTransaction();
        try {
            transaction.begin();
            entityManager
                    .find(BenchCounter.class, keys.get(keyIndex), lockMode())
                    .increment();
            transaction.commit();
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entityManager.close();
        }
    }

    @Override
    public long storedTotal() throws Exception {
        return table.total();
    }

    @Override
    public void close() {
        entityManagerFactory.close();
    }
}
