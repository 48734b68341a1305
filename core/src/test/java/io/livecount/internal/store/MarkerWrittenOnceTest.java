package io.livecount.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.livecount.CounterKey;
import io.livecount.LivecountConfig.SchemaAction;
import io.livecount.Period;
import io.livecount.spi.BucketKey;
import io.livecount.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A write-back adopted by another node (its marker and deltas written by a retry there) must not
 * be applied again when the original node's first attempt runs late: the marker's value range
 * makes that statement overflow, so none of its deltas land.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("A write-back's marker is written once: a late first attempt after a retry changes nothing")
class MarkerWrittenOnceTest {

    @Parameter
    TestDatabase database;

    private WriteBackStore store;
    private final BucketKey bucket = new BucketKey(CounterKey.of("marker-once", "k"), Period.ALL, 0);

    @BeforeEach
    void prepare() {
        SqlDialect dialect = SchemaManager.prepare(
                new DataSourceConnections(database.dataSource(), null), SchemaAction.CREATE_IF_MISSING);
        store = new WriteBackStore(dialect);
        database.clear();
    }

    @Test
    @DisplayName("the retry writes, the late first attempt overflows, the delta counts once")
    void lateFirstAttempt() throws SQLException {
        List<Row> rows = List.of(new Row(bucket, 7));
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            assertThat(store.writeIfNotApplied(connection, rows, 42, 1_000)).isEqualTo(WriteBackStore.Retry.WRITTEN);
            connection.commit();
            connection.setAutoCommit(true);

            SQLException late =
                    catchThrowableOfType(SQLException.class, () -> store.writeWithMarker(connection, rows, 42, 1_001));
            assertThat((Throwable) late).as("the late first attempt fails").isNotNull();
            assertThat(late.getSQLState()).as(late.getMessage()).startsWith("22");

            assertThat(store.writeIfNotApplied(connection, rows, 42, 1_002))
                    .as("its own retry then finds the marker")
                    .isEqualTo(WriteBackStore.Retry.HAD_COMMITTED);
        }
        assertThat(database.queryLong("SELECT counter_value FROM livecount_counter WHERE ns = 'marker-once'"))
                .isEqualTo(7);
    }

    @Test
    @DisplayName("a fence written by an adopter makes the first attempt fail and its retry write under a new id")
    void fence() throws SQLException {
        List<Row> rows = List.of(new Row(bucket, 7));
        try (Connection connection = database.dataSource().getConnection()) {
            assertThat(store.fenceUnlessCommitted(connection, 43, 1_000))
                    .as("not committed: fenced")
                    .isFalse();
            assertThat(store.fenceUnlessCommitted(connection, 43, 1_000))
                    .as("a second adopter")
                    .isFalse();
            SQLException late =
                    catchThrowableOfType(SQLException.class, () -> store.writeWithMarker(connection, rows, 43, 1_001));
            assertThat((Throwable) late)
                    .as("the first attempt fails on the fence")
                    .isNotNull();
            connection.setAutoCommit(false);
            assertThat(store.writeIfNotApplied(connection, rows, 43, 1_002)).isEqualTo(WriteBackStore.Retry.FENCED);
            connection.rollback();
            connection.setAutoCommit(true);
            store.writeWithMarker(connection, rows, 44, 1_003);
            assertThat(store.fenceUnlessCommitted(connection, 44, 1_004))
                    .as("committed: no fence")
                    .isTrue();
        }
        assertThat(database.queryLong("SELECT counter_value FROM livecount_counter WHERE ns = 'marker-once'"))
                .isEqualTo(7);
    }

    @Test
    @DisplayName("markers older than the cut-off are deleted, younger ones kept")
    void cleanup() throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            store.writeWithMarker(connection, List.of(new Row(bucket, 1)), 1, 1_000);
            store.writeWithMarker(connection, List.of(new Row(bucket, 1)), 2, 2_000);
            assertThat(store.deleteMarkers(connection, 1_500)).isEqualTo(1);
            assertThat(store.deleteMarkers(connection, 1_500)).isZero();
        }
    }
}
