package io.livecount.testing;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** An application's own Hibernate EntityManagerFactory (resource-local) over a test database. */
public final class Hibernate {

    private Hibernate() {}

    public static EntityManagerFactory entityManagerFactory(TestDatabase database) {
        HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration("app-" + database.id());
        config.property("jakarta.persistence.nonJtaDataSource", database.dataSource());
        if (database == TestDatabase.MARIADB) {
            // mysql-connector-j reports MariaDB as MySQL 5.5.5; name the real server
            config.property("hibernate.dialect", new MariaDBDialect(DatabaseVersion.make(10, 11)));
        }
        return config.createEntityManagerFactory();
    }
}
