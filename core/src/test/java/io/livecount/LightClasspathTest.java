package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.CallerTx;
import io.livecount.testing.JdbcTransaction;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Core on the class path a data-source user has: core, a JDBC driver, nothing else. Runs in its own
 * Surefire execution ({@code light-classpath}) that removes HikariCP, the Jakarta APIs and every
 * JPA jar from the test class path.
 */
@DisplayName("Core runs with a JDBC driver alone: no pool, no Jakarta API, no JPA")
class LightClasspathTest {

    private static final CounterKey KEY = CounterKey.of("light", "n");

    @Test
    @DisplayName("the class path really lacks them")
    void absent() {
        for (String name : new String[] {
            "com.zaxxer.hikari.HikariDataSource",
            "jakarta.transaction.Status",
            "jakarta.persistence.EntityManager",
            "org.hibernate.Session"
        }) {
            assertThatThrownBy(() -> Class.forName(name)).as(name).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    @DisplayName("a service on the application's DataSource counts, in its own and in a joined transaction")
    void dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:light;DB_CLOSE_DELAY=-1");
        try (CounterService counters =
                Livecount.create(LivecountConfig.builder().dataSource(h2).build())) {
            counters.add(KEY, 2);
            try (CallerTx tx = JdbcTransaction.on(h2).begin()) {
                counters.joining(tx.joined()).add(KEY, 3);
                tx.commit();
            }
            assertThat(counters.get(KEY)).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("a JDBC URL without HikariCP fails at start-up naming the artifact to add")
    void jdbcUrlWithoutHikari() {
        LivecountConfig config = LivecountConfig.builder()
                .jdbcUrl("jdbc:h2:mem:light-url", "sa", "")
                .build();
        assertThatThrownBy(() -> Livecount.create(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("com.zaxxer:HikariCP");
    }
}
