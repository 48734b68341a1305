package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.internal.DefaultCounterService;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.FailedStatements;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("The start-up check of the table")
class SchemaCheckTest extends DatabaseTest {

    @AfterEach
    void restoreShippedTable() {
        database.dropTable(); // the next service start creates the shipped one again
    }

    @Test
    @DisplayName("refuses a table whose key columns would fold case or ignore trailing spaces")
    void refusesInexactCollation() {
        counters.close();
        database.dropTable();
        switch (database) {
            case MARIADB -> createTable("VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            case POSTGRESQL -> {
                database.execute("CREATE COLLATION IF NOT EXISTS livecount_test_ci"
                        + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)");
                createTable("VARCHAR(255) COLLATE livecount_test_ci");
            }
            case H2 -> createTable("VARCHAR_IGNORECASE(255)");
        }
        assertThatThrownBy(() -> Livecount.create(baseConfig().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot use table livecount_counter")
                .hasMessageContaining("counter_name")
                .hasMessageContaining("byte-exact");
    }

    @Test
    @DisplayName("with VALIDATE, refuses to start without the table and says how to create it")
    void validateNeedsTable() {
        counters.close();
        database.dropTable();
        LivecountConfig config =
                baseConfig().schemaAction(LivecountConfig.SchemaAction.VALIDATE).build();
        assertThatThrownBy(() -> Livecount.create(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("classpath:io/livecount/schema/");
        assertThat(database.rowCount()).isZero();
    }

    @Test
    @DisplayName("creates a missing table without running a statement that fails (drivers log those as errors)")
    void createsTableWithoutFailingStatement() {
        counters.close();
        database.dropTable();
        FailedStatements recorder = new FailedStatements(database.dataSource());
        try (CounterService fresh =
                Livecount.create(baseConfig().dataSource(recorder.dataSource()).build())) {
            fresh.increment(CounterKey.of(ALL_PERIODS, "first"));
        }
        assertThat(recorder.failures()).isEmpty();
        assertThat(database.rowCount()).isPositive();
    }

    @Test
    @DisplayName("recognizes the database it talks to")
    void recognizesDatabase() {
        assertThat(((DefaultCounterService) counters).databaseName()).isEqualTo(database.id());
    }

    private void createTable(String textType) {
        database.execute("CREATE TABLE livecount_counter (ns " + textType + " NOT NULL, counter_name " + textType
                + " NOT NULL, period_type VARCHAR(6) NOT NULL, bucket_start BIGINT NOT NULL,"
                + " counter_value BIGINT NOT NULL, PRIMARY KEY (ns, counter_name, period_type, bucket_start))");
    }
}
