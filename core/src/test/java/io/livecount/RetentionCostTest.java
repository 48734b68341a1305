package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.internal.DefaultCounterService;
import io.livecount.testing.BulkRows;
import io.livecount.testing.ExplainedReads;
import io.livecount.testing.MutableClock;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a retention pass costs the database, measured by the database itself (pages touched by its
 * reads, through its executing {@code EXPLAIN}): it reads the buckets it prunes and about one index
 * lookup per counter, not the buckets of other periods that the namespace keeps.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"MARIADB", "POSTGRESQL"})
@DisplayName("Retention cost does not grow with the buckets kept")
class RetentionCostTest {

    private static final String NS = "pruned";
    private static final int COUNTERS = 30;
    private static final int KEPT_HOURS = 6_000;
    private static final int SECONDS = 10;
    private static final Instant NOW = Instant.parse("2026-03-14T15:00:00Z");

    @Parameter(0)
    TestDatabase database;

    private ExplainedReads reads;
    private DefaultCounterService counters;

    @BeforeEach
    void fill() {
        reads = new ExplainedReads(database, sql -> sql.startsWith("SELECT") && sql.contains("counter_name"));
        NamespaceSettings settings =
                NamespaceSettings.of(Period.SECOND, Period.HOUR).retain(Period.SECOND, Duration.ofHours(2));
        counters = (DefaultCounterService) Livecount.create(LivecountConfig.builder()
                .dataSource(reads.dataSource())
                .clock(new MutableClock(NOW))
                .namespace(NS, settings)
                .build());
        database.clear();
        long hoursAgo = NOW.getEpochSecond() - 3 * 3600;
        BulkRows.buckets(database, NS, COUNTERS, "ALL", 0, 0, 1);
        BulkRows.buckets(database, NS, COUNTERS, "HOUR", hoursAgo - (KEPT_HOURS - 1) * 3600L, 3600, KEPT_HOURS);
        BulkRows.buckets(database, NS, COUNTERS, "SECOND", hoursAgo, 1, SECONDS); // older than 2 h
        BulkRows.buckets(database, NS, COUNTERS, "SECOND", NOW.getEpochSecond() - 60, 1, SECONDS); // kept
        BulkRows.analyze(database);
    }

    @AfterEach
    void close() {
        counters.close();
        database.clear();
    }

    @Test
    @DisplayName("a pass over 30 counters keeping 6,000 hourly buckets each reads at most a few pages per counter")
    void prunesWithoutReadingKeptBuckets() {
        reads.reset();
        long deleted = counters.pruneNow(1000);
        System.out.printf(
                "[retention-cost] %s: %d counters, %d rows each, %d pruned: %d statements, %d pages touched%n",
                database.id(), COUNTERS, 1 + KEPT_HOURS + 2 * SECONDS, deleted, reads.statements(), reads.pages());
        assertThat(deleted).isEqualTo(COUNTERS * SECONDS);
        assertThat(database.rowCount()).isEqualTo(COUNTERS * (1L + KEPT_HOURS + SECONDS));
        assertThat(reads.pages()).as("pages touched by the pass's reads").isLessThanOrEqualTo(12L * COUNTERS);
    }
}
