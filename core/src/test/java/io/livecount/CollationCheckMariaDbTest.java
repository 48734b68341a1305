package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.OwnDatabase;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MariaDB collations at column, table and database level, each test in a database of its own. */
@DisplayName("The start-up check on MariaDB's collations")
class CollationCheckMariaDbTest {

    private final OwnDatabase mariaDb = OwnDatabase.create(TestDatabase.MARIADB, "collation");

    @AfterEach
    void dropDatabase() {
        mariaDb.close();
    }

    @Test
    @DisplayName("refuses key columns that inherit a case-insensitive table default, and names it")
    void refusesInheritedTableDefault() {
        createTable("VARCHAR(255)", "DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_general_ci");
        assertThatThrownBy(mariaDb::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("byte-exact")
                .hasMessageContaining("column livecount_counter.counter_name is varchar")
                .hasMessageContaining("collation utf8mb4_general_ci (the table's default)")
                .hasMessageContaining("VARBINARY");
    }

    @Test
    @DisplayName("refuses a binary collation that pads trailing spaces (utf8mb4_bin)")
    void refusesPadSpaceBinaryCollation() {
        createTable("VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "");
        assertThatThrownBy(mariaDb::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("column livecount_counter.ns is varchar")
                .hasMessageContaining("collation utf8mb4_bin")
                .hasMessageContaining("trailing spaces");
    }

    @Test
    @DisplayName("accepts the shipped table in a database whose default collation ignores case")
    void databaseDefaultDoesNotReachShippedTable() {
        mariaDb.execute("ALTER DATABASE " + mariaDb.name() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        try (CounterService counters = mariaDb.startService()) {
            counters.add(CounterKey.of("ns", "Foo"), 1);
            counters.add(CounterKey.of("ns", "foo"), 2);
            counters.add(CounterKey.of("ns", "f\u00f6o"), 3);
            counters.add(CounterKey.of("ns", "foo "), 4);
            assertThat(counters.get(CounterKey.of("ns", "Foo"))).isEqualTo(1);
            assertThat(counters.get(CounterKey.of("ns", "foo"))).isEqualTo(2);
            assertThat(counters.get(CounterKey.of("ns", "f\u00f6o"))).isEqualTo(3);
            assertThat(counters.get(CounterKey.of("ns", "foo "))).isEqualTo(4);
        }
        assertThat(mariaDb.queryLong("SELECT COUNT(*) FROM livecount_counter")).isEqualTo(4);
    }

    private void createTable(String textType, String tableOptions) {
        mariaDb.execute("CREATE TABLE livecount_counter (ns " + textType + " NOT NULL, counter_name " + textType
                + " NOT NULL, period_type VARCHAR(6) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                + " bucket_start BIGINT NOT NULL, counter_value BIGINT NOT NULL,"
                + " PRIMARY KEY (ns, counter_name, period_type, bucket_start)) " + tableOptions);
    }
}
