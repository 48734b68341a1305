package io.livecount.jpa;

import io.livecount.spi.JoinedTransaction;
import io.livecount.testing.CallerTx;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/** A caller's resource-local transaction on a new EntityManager of the unit. */
final class EntityManagerTx implements CallerTx {

    private final EntityManager entityManager;

    private EntityManagerTx(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Transactions of {@code factory}, which the source closes. */
    static CallerTx.Source on(EntityManagerFactory factory) {
        return new CallerTx.Source() {
            @Override
            public CallerTx begin() {
                EntityManager em = factory.createEntityManager();
                em.getTransaction().begin();
                return new EntityManagerTx(em);
            }

            @Override
            public CallerTx notBegun() {
                return new EntityManagerTx(factory.createEntityManager());
            }

            @Override
            public void close() {
                factory.close();
            }
        };
    }

    @Override
    public JoinedTransaction joined() {
        return LivecountJpa.transactionOf(entityManager);
    }

    @Override
    public void commit() {
        entityManager.getTransaction().commit();
    }

    @Override
    public void rollback() {
        entityManager.getTransaction().rollback();
    }

    @Override
    public void close() {
        if (entityManager.getTransaction().isActive()) {
            entityManager.getTransaction().rollback();
        }
        entityManager.close();
    }
}
