package io.livecount.jpa.internal;

import io.livecount.spi.JoinedTransaction;
import jakarta.persistence.EntityManager;

/** The current transaction of an {@link EntityManager}, resource-local or JTA. */
abstract class EntityManagerTransaction implements JoinedTransaction {

    final EntityManager entityManager;

    EntityManagerTransaction(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void requireActive() {
        if (!entityManager.isOpen() || !entityManager.isJoinedToTransaction()) {
            throw new IllegalStateException(
                    "the EntityManager passed to joining() has no active transaction; begin one, or use the"
                            + " CounterService itself to let Livecount own the transaction");
        }
    }
}
