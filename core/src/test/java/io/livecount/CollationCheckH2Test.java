package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.testing.OwnDatabase;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * H2's database-wide settings that make text comparison inexact. Each test has an in-memory database
 * of its own: the settings would otherwise reach every suite sharing the H2 test database.
 */
@DisplayName("The start-up check on H2's database settings")
class CollationCheckH2Test {

    private final OwnDatabase h2 = OwnDatabase.create(TestDatabase.H2, "collation");

    @AfterEach
    void dropDatabase() {
        h2.close();
    }

    @Test
    @DisplayName("refuses a database collation, names it, and creates no table under it")
    void refusesDatabaseCollation() {
        h2.execute("SET COLLATION ENGLISH STRENGTH PRIMARY"); // Foo = foo = föo
        assertThatThrownBy(h2::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("byte-exact")
                .hasMessageContaining("COLLATION is ENGLISH STRENGTH PRIMARY")
                .hasMessageContaining("SET COLLATION OFF");
        // H2 cannot change the collation of a database that has tables, so none may be left behind
        assertThat(h2.hasCounterTable()).isFalse();
    }

    @Test
    @DisplayName("refuses IGNORECASE before it turns the new key columns into VARCHAR_IGNORECASE")
    void refusesIgnoreCaseBeforeCreating() {
        h2.execute("SET IGNORECASE TRUE");
        assertThatThrownBy(h2::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("byte-exact")
                .hasMessageContaining("IGNORECASE is TRUE")
                .hasMessageContaining("SET IGNORECASE FALSE");
        assertThat(h2.hasCounterTable()).isFalse();
    }

    @Test
    @DisplayName("refuses IGNORECASE set after the table was created with exact VARCHAR columns")
    void refusesIgnoreCaseOverExactTable() {
        h2.startService().close();
        h2.execute("SET IGNORECASE TRUE"); // the statements' CAST(? AS VARCHAR) would ignore case
        assertThatThrownBy(h2::startService)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IGNORECASE is TRUE");
    }

    @Test
    @DisplayName("keeps Foo, foo and föo apart with the default settings")
    void exactByDefault() {
        h2.execute("SET COLLATION OFF");
        h2.execute("SET IGNORECASE FALSE");
        try (CounterService counters = h2.startService()) {
            counters.add(CounterKey.of("ns", "Foo"), 1);
            counters.add(CounterKey.of("ns", "foo"), 2);
            counters.add(CounterKey.of("ns", "f\u00f6o"), 3);
            assertThat(counters.get(CounterKey.of("ns", "Foo"))).isEqualTo(1);
            assertThat(counters.get(CounterKey.of("ns", "foo"))).isEqualTo(2);
            assertThat(counters.get(CounterKey.of("ns", "f\u00f6o"))).isEqualTo(3);
        }
    }
}
