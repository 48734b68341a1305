package io.livecount.jpa;

import io.livecount.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The persistence providers under test, each with an application's resource-local unit from
 * {@code META-INF/persistence.xml}. {@code -Dlivecount.test.jpa.providers=hibernate} limits the runs
 * (the Hibernate 6.6 execution does).
 */
public enum Provider {
    HIBERNATE("livecount-hibernate"),
    ECLIPSELINK("livecount-eclipselink");

    private final String unit;

    Provider(String unit) {
        this.unit = unit;
    }

    /** The providers enabled in this run. */
    public static List<Provider> enabled() {
        List<String> names = Arrays.asList(System.getProperty("livecount.test.jpa.providers", "hibernate,eclipselink")
                .toUpperCase()
                .split(","));
        return Arrays.stream(values()).filter(p -> names.contains(p.name())).toList();
    }

    /** Every database with every enabled provider: arguments (database, provider). */
    public static Stream<Arguments> withDatabases() {
        return enabled().stream()
                .flatMap(p -> Arrays.stream(TestDatabase.values()).map(db -> Arguments.of(db, p)));
    }

    /** The unit over the database's shared test pool. */
    public EntityManagerFactory open(TestDatabase database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.nonJtaDataSource", database.dataSource());
        if (this == HIBERNATE && database == TestDatabase.MARIADB) {
            // mysql-connector-j reports MariaDB as MySQL 5.5.5; name the real server
            properties.put("hibernate.dialect", new MariaDBDialect(DatabaseVersion.make(10, 11)));
        }
        return Persistence.createEntityManagerFactory(unit, properties);
    }

    /** The unit with its provider's own pool, built from a JDBC URL (H2). */
    public EntityManagerFactory openWithUrl(String jdbcUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.jdbc.url", jdbcUrl);
        properties.put("jakarta.persistence.jdbc.user", "sa");
        properties.put("jakarta.persistence.jdbc.password", "");
        return Persistence.createEntityManagerFactory(unit, properties);
    }
}
