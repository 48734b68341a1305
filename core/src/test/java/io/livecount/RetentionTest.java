package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.internal.DefaultCounterService;
import io.livecount.internal.store.WriteBackStore;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.MapCounterCache;
import io.livecount.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retention pruning, driven through the service's hook with the test's clock (nothing sleeps):
 * exactly the buckets whose successor starts no later than now minus the retention are deleted, of
 * the configured namespace and period only, while adds run.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Retention")
class RetentionTest extends DatabaseTest {

    private static final String PRUNED = "pruned";
    private static final String FAST_PRUNED = "fast-pruned";
    private static final String KEPT = "kept";
    private static final List<String> NAMESPACES = List.of(PRUNED, FAST_PRUNED, KEPT);
    /** T0 minus 2 h: SECOND buckets starting before it are pruned. */
    private static final long SECOND_CUTOFF = T0.getEpochSecond() - 7200;
    /** The minute of T0 minus 2 days (2026-03-12T15:09:26Z): MINUTE buckets before it are pruned. */
    private static final long MINUTE_CUTOFF =
            Instant.parse("2026-03-12T15:09:00Z").getEpochSecond();

    private static final List<Duration> AGES = List.of(
            Duration.ofDays(3).plusSeconds(60),
            Duration.ofDays(2).plusSeconds(27), // the minute before MINUTE's cutoff
            Duration.ofDays(2).plusSeconds(26), // MINUTE's cutoff minute itself: kept
            Duration.ofHours(3),
            Duration.ofHours(2).plusSeconds(1), // the second before SECOND's cutoff
            Duration.ofHours(2), // SECOND's cutoff: kept
            Duration.ofHours(1),
            Duration.ZERO);

    @Override
    protected LivecountConfig.Builder configure(LivecountConfig.Builder builder) {
        NamespaceSettings periods = NamespaceSettings.of(Period.SECOND, Period.MINUTE, Period.HOUR);
        NamespaceSettings pruned =
                periods.retain(Period.SECOND, Duration.ofHours(2)).retain(Period.MINUTE, Duration.ofDays(2));
        return builder.namespace(PRUNED, pruned)
                .namespace(FAST_PRUNED, pruned.withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(MapCounterCache::new).build())
                .namespace(KEPT, periods)
                .defaultNamespaceSettings(
                        NamespaceSettings.of(Period.SECOND).retain(Period.SECOND, Duration.ofHours(1)));
    }

    @Test
    @DisplayName("with an injected clock: pruned exactly what is older, nothing else, while adds run")
    void prunesExactlyWhatIsOlder() throws Exception {
        for (String ns : NAMESPACES) {
            for (int i = 0; i < 7; i++) {
                for (Duration age : AGES) {
                    counters.add(CounterKey.of(ns, "n" + i), 1, AddOptions.at(T0.minus(age)));
                }
            }
        }
        counters.flush();
        Map<String, Long> before = rows();
        Predicate<String> old = RetentionTest::older;
        long older = before.keySet().stream().filter(old).count();
        assertThat(older).isEqualTo(2 * 7 * (5 + 2));

        AtomicBoolean pruning = new AtomicBoolean(true);
        AtomicLong added = new AtomicLong();
        CompletableFuture<Void> adds = CompletableFuture.runAsync(() -> {
            while (pruning.get() || added.get() < 50) {
                for (String ns : NAMESPACES) {
                    counters.add(CounterKey.of(ns, "n0"), 1);
                }
                added.incrementAndGet();
            }
        });
        long deleted = service().pruneNow(3); // chunks of 3 split the rows of a name
        pruning.set(false);
        adds.get();
        counters.flush(); // FAST adds to current buckets: never pruned, all written

        assertThat(deleted).isEqualTo(older);
        Map<String, Long> expected = new HashMap<>(before);
        expected.keySet().removeIf(old);
        for (String ns : NAMESPACES) {
            for (Period period : List.of(Period.SECOND, Period.MINUTE, Period.HOUR, Period.ALL)) {
                long start = period.bucketStart(T0, config().zone()).getEpochSecond();
                expected.merge(ns + "|n0|" + period + "|" + start, added.get(), Long::sum);
            }
        }
        assertThat(rows()).isEqualTo(expected);
        assertThat(counters.retentionMetrics()).isEqualTo(new RetentionMetrics(older, T0, 0));
        assertThat(service().pruneNow(1000)).isZero();
    }

    @Test
    @DisplayName("two nodes pruning the same rows at once delete each once and fail nothing")
    void twoNodes() throws Exception {
        for (int i = 0; i < 20; i++) {
            for (Duration age : AGES) {
                counters.add(CounterKey.of(PRUNED, "n" + i), 1, AddOptions.at(T0.minus(age)));
            }
        }
        Map<String, Long> expected = rows();
        long older = expected.keySet().stream().filter(RetentionTest::older).count();
        expected.keySet().removeIf(RetentionTest::older);
        try (CounterService other = Livecount.create(configure(baseConfig()).build())) {
            CompletableFuture<Long> first =
                    CompletableFuture.supplyAsync(() -> service().pruneNow(2));
            CompletableFuture<Long> second =
                    CompletableFuture.supplyAsync(() -> ((DefaultCounterService) other).pruneNow(2));
            assertThat(first.get() + second.get()).isEqualTo(older).isEqualTo(20 * (5 + 2));
        }
        assertThat(rows()).isEqualTo(expected);
    }

    @Test
    @DisplayName("default settings prune unconfigured namespaces only, never marker rows")
    void defaultsAndMarkers() throws SQLException {
        long old = T0.getEpochSecond() - 3601;
        counters.add(CounterKey.of("other", "x"), 1, AddOptions.at(Instant.ofEpochSecond(old)));
        counters.add(CounterKey.of("other", "x"), 1, AddOptions.at(Instant.ofEpochSecond(old + 1)));
        counters.add(CounterKey.of(ALL_PERIODS, "x"), 1, AddOptions.at(Instant.ofEpochSecond(old)));
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO livecount_counter VALUES (?, 'marker', 'SECOND', ?, 1)")) {
            insert.setString(1, WriteBackStore.MARKER_NS);
            insert.setLong(2, old);
            insert.executeUpdate();
        }
        Map<String, Long> before = rows();

        assertThat(service().pruneNow(1000)).isEqualTo(1);

        before.remove("other|x|SECOND|" + old);
        assertThat(rows()).isEqualTo(before);
        assertThat(database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE counter_name = 'marker'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the background thread runs while the service is open, as a daemon, and close() stops it")
    void backgroundThread() throws InterruptedException {
        assertThat(retentionThreads()).singleElement().matches(Thread::isDaemon);
        counters.close();
        for (Thread thread : retentionThreads()) {
            thread.join(10_000);
        }
        assertThat(retentionThreads()).isEmpty();
        try (CounterService plain = Livecount.create(
                LivecountConfig.builder().dataSource(database.dataSource()).build())) {
            assertThat(retentionThreads())
                    .as("no retention configured: no thread")
                    .isEmpty();
            assertThat(plain.retentionMetrics()).isEqualTo(new RetentionMetrics(0, null, 0));
        }
    }

    private static List<Thread> retentionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("livecount-retention") && t.isAlive())
                .toList();
    }

    @Test
    @DisplayName("a bad retention is refused before any work, naming the value; ALL is refused")
    void badRetention() {
        NamespaceSettings settings = NamespaceSettings.of(Period.SECOND);
        assertThatThrownBy(() -> settings.retain(Period.ALL, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALL")
                .hasMessageContaining("PT24H");
        for (Duration bad :
                List.of(Duration.ZERO, Duration.ofMillis(999), Duration.ofSeconds(-5), Duration.ofDays(40_000))) {
            assertThatThrownBy(() -> settings.retain(Period.SECOND, bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SECOND")
                    .hasMessageContaining(bad.toString());
        }
        assertThatThrownBy(() -> settings.retain(Period.SECOND, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(
                        () -> new NamespaceSettings(settings.periods(), null, Map.of(Period.ALL, Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALL");
        assertThat(settings.retain(Period.SECOND, Duration.ofHours(2)).retention(Period.SECOND))
                .contains(Duration.ofHours(2));
        assertThat(settings.retention(Period.SECOND)).isEmpty();
    }

    private DefaultCounterService service() {
        return (DefaultCounterService) counters;
    }

    private LivecountConfig config() {
        return counters.config();
    }

    /** Whether a row of {@link #rows} is older than its namespace's retention at T0. */
    private static boolean older(String row) {
        return (row.startsWith(PRUNED + "|") || row.startsWith(FAST_PRUNED + "|"))
                && (row.contains("|SECOND|") && bucket(row) < SECOND_CUTOFF
                        || row.contains("|MINUTE|") && bucket(row) < MINUTE_CUTOFF);
    }

    private static long bucket(String row) {
        return Long.parseLong(row.substring(row.lastIndexOf('|') + 1));
    }

    /** Every row but marker rows: "ns|name|PERIOD|bucket_start" to its value. */
    private Map<String, Long> rows() throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement select = c.prepareStatement("SELECT ns, counter_name, period_type, bucket_start,"
                        + " counter_value FROM livecount_counter WHERE counter_name <> 'marker'");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1).startsWith(WriteBackStore.MARKER_NS)) {
                    continue; // FAST mode's write-back markers: they change with every flush
                }
                rows.put(
                        rs.getString(1) + "|" + rs.getString(2) + "|"
                                + rs.getString(3).trim() + "|" + rs.getLong(4),
                        rs.getLong(5));
            }
        }
        return rows;
    }
}
