package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("A delete and another node's add that commits while it runs")
class DeleteAtOnePointTest extends DatabaseTest {

    /**
     * Another node's add (a STRICT add, or a FAST write-back: one transaction) raises the stored ALL
     * row and inserts a new HOUR row, and commits while the delete waits for its lock on the ALL
     * row. At READ COMMITTED, PostgreSQL and H2 then delete the ALL row, add included, but not the
     * HOUR row, which their statement did not see: the add would be split. The delete must take it
     * wholly (or leave it wholly).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("the delete takes all of the add's rows or none")
    void wholeOrNothing() throws Exception {
        CounterKey key = CounterKey.of(ALL_PERIODS, "split-me");
        counters.add(key, 1); // the ALL row exists
        try (Connection otherNode = database.dataSource().getConnection()) {
            otherNode.setAutoCommit(false);
            try (Statement sql = otherNode.createStatement()) {
                sql.executeUpdate("UPDATE livecount_counter SET counter_value = counter_value + 1"
                        + " WHERE ns = 'all' AND counter_name = 'split-me' AND period_type = 'ALL'");
                sql.executeUpdate("INSERT INTO livecount_counter (ns, counter_name, period_type, bucket_start,"
                        + " counter_value) VALUES ('all', 'split-me', 'HOUR', 3600, 1)");
                CompletableFuture<Boolean> delete = CompletableFuture.supplyAsync(() -> counters.delete(key));
                Thread.sleep(500); // the delete waits for the ALL row
                otherNode.commit();
                assertThat(delete.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        long all = database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter"
                + " WHERE counter_name = 'split-me' AND period_type = 'ALL'");
        long hour = database.queryLong("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter"
                + " WHERE counter_name = 'split-me' AND period_type = 'HOUR'");
        assertThat(hour).as("HOUR, against ALL = %d", all).isEqualTo(all);
    }
}
