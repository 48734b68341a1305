package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.testing.BulkRows;
import io.livecount.testing.ExplainedReads;
import io.livecount.testing.TestDatabase;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a listing page costs the database, measured by the database itself (pages touched, through
 * its executing {@code EXPLAIN}): a page of counters that store thousands of buckets each, or
 * share their namespace with thousands of idempotency keys, reads about what a page of counters
 * without buckets reads. H2 has no such measure (and is for tests and development).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"MARIADB", "POSTGRESQL"})
@DisplayName("Listing cost does not grow with the buckets counters store")
class ListingCostTest {

    private static final int COUNTERS = 30;
    private static final int BUCKETS = 6_000;
    private static final int KEYS = 3_000;
    private static final int PAGE = 20;

    @Parameter(0)
    TestDatabase database;

    private ExplainedReads reads;
    private CounterService counters;

    @BeforeEach
    void fill() {
        reads = new ExplainedReads(database, sql -> sql.contains("counter_name") && sql.contains("LIMIT"));
        counters = Livecount.create(
                LivecountConfig.builder().dataSource(reads.dataSource()).build());
        database.clear();
        BulkRows.buckets(database, "few", COUNTERS, "ALL", 0, 0, 1);
        BulkRows.buckets(database, "many", COUNTERS, "ALL", 0, 0, 1);
        BulkRows.buckets(database, "many", COUNTERS, "HOUR", 1_700_000_000, 3600, BUCKETS);
        BulkRows.idempotencyKeys(database, "many", KEYS);
        BulkRows.analyze(database);
    }

    @AfterEach
    void close() {
        counters.close();
        database.clear();
    }

    @Test
    @DisplayName("a page of counters with 6,000 hourly buckets and 3,000 idempotency keys beside them reads"
            + " at most a few pages per counter")
    void manyBuckets() {
        long few = pagesOfFirstPage("few");
        long many = pagesOfFirstPage("many");
        System.out.printf(
                "[listing-cost] %s: first page of %d, pages touched: %d (1 row per counter), %d (%d rows per counter)%n",
                database.id(), PAGE, few, many, BUCKETS + 1);
        assertThat(many)
                .as("pages touched for a page of %d counters with %d buckets each", PAGE, BUCKETS)
                .isLessThanOrEqualTo(12L * PAGE);
    }

    @Test
    @DisplayName("a page of counters that store one row each is one statement")
    void fewBuckets() {
        pagesOfFirstPage("few");
        assertThat(reads.statements()).isEqualTo(1);
    }

    @Test
    @DisplayName("pages after the first, and prefixes, list the same counters as before")
    void pagesAndPrefixes() {
        for (String namespace : List.of("few", "many")) {
            assertThat(counters.counters(namespace, "", name(PAGE - 1), PAGE))
                    .extracting(CounterKey::name)
                    .containsExactlyElementsOf(names(PAGE, COUNTERS));
            assertThat(counters.counters(namespace, "c-01", "", PAGE))
                    .extracting(CounterKey::name)
                    .containsExactlyElementsOf(names(10, 20));
            assertThat(counters.counters(namespace, "c-01", name(14), 3))
                    .extracting(CounterKey::name)
                    .containsExactly(name(15), name(16), name(17));
        }
    }

    private long pagesOfFirstPage(String namespace) {
        reads.reset();
        assertThat(counters.counters(namespace, "", "", PAGE))
                .extracting(CounterKey::name)
                .containsExactlyElementsOf(names(0, PAGE));
        return reads.pages();
    }

    private static String name(int index) {
        return BulkRows.name(index);
    }

    private static List<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(ListingCostTest::name).toList();
    }
}
