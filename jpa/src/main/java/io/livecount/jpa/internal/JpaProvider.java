package io.livecount.jpa.internal;

import io.livecount.spi.JoinedTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;

/** What Livecount needs of one persistence provider; implementations touch its classes. */
public interface JpaProvider {

    /** Whether {@code entityManagerOrFactory} is this provider's (a container's wrapper included). */
    boolean owns(Object entityManagerOrFactory);

    JoinedTransaction transactionOf(EntityManager entityManager);

    DataSource dataSourceOf(EntityManagerFactory entityManagerFactory);
}
