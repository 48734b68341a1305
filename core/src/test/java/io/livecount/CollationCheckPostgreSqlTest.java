package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.OwnDatabase;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL key columns whose comparison is inexact through their type: a domain carrying a
 * nondeterministic collation, or citext. Each test works in a schema of its own.
 */
@DisplayName("The start-up check on PostgreSQL's column types and collations")
class CollationCheckPostgreSqlTest {

    private final OwnDatabase postgres = OwnDatabase.create(TestDatabase.POSTGRESQL, "collation");

    @AfterEach
    void dropSchema() {
        postgres.close();
    }

    @Test
    @DisplayName("refuses a domain whose collation is nondeterministic, naming both")
    void refusesDomainWithNondeterministicCollation() {
        postgres.execute("CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
        postgres.execute("CREATE DOMAIN key_text AS VARCHAR(1024) COLLATE ci");
        createTable("key_text");
        assertThatThrownBy(postgres::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("byte-exact")
                .hasMessageContaining("column livecount_counter.counter_name is key_text (a domain over character")
                .hasMessageContaining("collation ci, which is nondeterministic")
                .hasMessageContaining("COLLATE \"C\"");
    }

    @Test
    @DisplayName("accepts a domain over varchar with a deterministic collation")
    void acceptsDomainWithDeterministicCollation() {
        postgres.execute("CREATE DOMAIN key_text AS VARCHAR(1024) COLLATE \"C\"");
        createTable("key_text");
        try (CounterService counters = postgres.startService()) {
            counters.add(CounterKey.of("ns", "Foo"), 1);
            counters.add(CounterKey.of("ns", "foo"), 2);
        }
        assertThat(postgres.queryLong("SELECT COUNT(*) FROM livecount_counter")).isEqualTo(2);
    }

    @Test
    @DisplayName("refuses citext columns, which compare case-insensitively")
    void refusesCitext() {
        boolean available =
                postgres.queryLong("SELECT COUNT(*) FROM pg_available_extensions WHERE name = 'citext'") > 0;
        String missing = "the citext extension is not available on this server (Debian: postgresql-contrib)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(available).as(missing).isTrue(); // CI must not skip silently
        }
        Assumptions.assumeTrue(available, missing);
        postgres.execute("CREATE EXTENSION IF NOT EXISTS citext SCHEMA " + postgres.name());
        createTable("citext");
        assertThatThrownBy(postgres::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("byte-exact")
                .hasMessageContaining("column livecount_counter.counter_name is citext")
                .hasMessageContaining("case-insensitive");
    }

    private void createTable(String textType) {
        postgres.execute("CREATE TABLE livecount_counter (ns " + textType + " NOT NULL, counter_name " + textType
                + " NOT NULL, period_type VARCHAR(6) COLLATE \"C\" NOT NULL, bucket_start BIGINT NOT NULL,"
                + " counter_value BIGINT NOT NULL, PRIMARY KEY (ns, counter_name, period_type, bucket_start))");
    }
}
