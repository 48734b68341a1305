package io.livecount.demo.admin;

import io.livecount.BucketValue;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.WriteBackMetrics;
import io.livecount.demo.DemoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the admin page, the live dashboard and the JSON API show, read the same way for all of them
 * so that they agree. Inputs from the URL are checked here: an unknown namespace or period, or a bad
 * key or prefix, is an {@link IllegalArgumentException} (400).
 */
@ApplicationScoped
public class AdminData {

    public static final int HOURS_SHOWN = 24;
    public static final int DAYS_SHOWN = 30;
    public static final int DEFAULT_TOP = 20;
    public static final int MAX_TOP = 100;
    /** Counters per page of the listing. */
    public static final int PAGE_SIZE = 20;
    /** Namespaces offered besides the configured ones: the first ones the table holds. */
    static final int LISTED_NAMESPACES = 100;

    @Inject
    CounterService counters;

    @Inject
    DemoSettings settings;

    /** One counter: its current values and its recent hourly and daily series, oldest first. */
    public record CounterView(
            CounterKey key,
            long allTime,
            long thisHour,
            long today,
            List<BucketValue> hourly,
            List<BucketValue> daily) {}

    /** A counter with its value in the current bucket of a period, against the bucket before. */
    public record Row(String name, Trend trend) {}

    /** One page of the counter listing; {@code next} is the {@code after} of the next page, or null. */
    public record Page(List<Row> rows, String next) {}

    /** The namespaces the demo counts in, then those the table holds (first {@value #LISTED_NAMESPACES}). */
    public List<String> namespaces() {
        Set<String> all = new LinkedHashSet<>(settings.namespaces());
        all.addAll(counters.namespaces("", LISTED_NAMESPACES));
        return List.copyOf(all);
    }

    /** {@code requested}, or the first namespace when absent; unknown ones are refused. */
    public String namespace(String requested) {
        List<String> known = namespaces();
        if (requested == null || requested.isEmpty()) {
            return known.get(0);
        }
        if (!known.contains(requested)) {
            throw new IllegalArgumentException("unknown namespace; this demo shows " + known);
        }
        return requested;
    }

    /** The periods {@code namespace} keeps buckets of (always {@link Period#ALL}), shortest first. */
    public List<Period> periods(String namespace) {
        return counters.config().namespace(namespace).periods().stream()
                .sorted()
                .toList();
    }

    /** {@code requested} if the default namespace keeps it; day (or its longest period) when absent. */
    public Period period(String requested) {
        return period(namespace(null), requested);
    }

    /** {@code requested} if {@code namespace} keeps it; day (or its longest period) when absent. */
    public Period period(String namespace, String requested) {
        List<Period> kept = periods(namespace);
        if (requested == null || requested.isEmpty()) {
            return kept.contains(Period.DAY) ? Period.DAY : kept.get(Math.max(0, kept.size() - 2));
        }
        Period period = Period.parse(requested);
        if (!kept.contains(period)) {
            throw new IllegalArgumentException("namespace " + namespace + " keeps the periods " + kept);
        }
        return period;
    }

    /** The zone named {@code requested} (an IANA name such as Europe/Berlin), or UTC when absent. */
    public static ZoneId zone(String requested) {
        if (requested == null || requested.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(requested);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + requested + "'");
        }
    }

    /** The zone the service's buckets start in (days start at its midnight); "UTC" rather than "Z". */
    public ZoneId bucketZone() {
        ZoneId zone = counters.config().zone().normalized();
        return zone.equals(java.time.ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
    }

    /** The largest counters of the current bucket. In FAST mode {@code top} writes back first. */
    public List<CounterValue> top(String namespace, Period period, int limit) {
        if (limit < 1 || limit > MAX_TOP) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_TOP);
        }
        return counters.top(namespace, period, Instant.now(), limit);
    }

    /** The top list of the bucket of {@code period} containing {@code now}, each with its trend. */
    public List<Row> topWithTrend(String namespace, Period period, int limit, Instant now) {
        if (limit < 1 || limit > MAX_TOP) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_TOP);
        }
        List<CounterValue> top = counters.top(namespace, period, now, limit);
        Map<CounterKey, Long> previous =
                previousValues(top.stream().map(CounterValue::key).toList(), period, now);
        return top.stream()
                .map(row -> new Row(row.key().name(), trend(period, row.value(), previous.get(row.key()))))
                .toList();
    }

    /**
     * The counters of {@code namespace} named {@code prefix}..., in listing order after {@code
     * after}, with their values in the current bucket of {@code period}: one more is read than
     * shown, so {@code next} is null exactly on the last page.
     */
    public Page counters(String namespace, String prefix, String after, Period period, Instant now) {
        List<CounterKey> keys = counters.counters(namespace, prefix, after, PAGE_SIZE + 1);
        List<CounterKey> shown = keys.subList(0, Math.min(PAGE_SIZE, keys.size()));
        Map<CounterKey, Long> current = shown.isEmpty() ? Map.of() : counters.get(shown, period, now);
        Map<CounterKey, Long> previous = previousValues(shown, period, now);
        List<Row> rows = new ArrayList<>();
        for (CounterKey key : shown) {
            rows.add(new Row(key.name(), trend(period, current.getOrDefault(key, 0L), previous.get(key))));
        }
        String next = keys.size() > PAGE_SIZE ? shown.get(shown.size() - 1).name() : null;
        return new Page(rows, next);
    }

    /** The counter's value in the current bucket of each period of its namespace, with trends. */
    public Map<Period, Trend> values(CounterKey key, Instant now) {
        Map<Period, Trend> values = new java.util.EnumMap<>(Period.class);
        for (Period period : periods(key.namespace())) {
            Long previous = period == Period.ALL ? null : counters.get(key, period, previousBucket(period, now));
            values.put(period, trend(period, counters.get(key, period, now), previous));
        }
        return values;
    }

    /** The last buckets of {@code period} up to the one containing {@code now}, oldest first. */
    public List<BucketValue> series(CounterKey key, Period period, Instant now) {
        Instant from = now;
        for (int i = 1; i < Charting.bucketsShown(period); i++) {
            from = previousBucket(period, from);
        }
        return counters.series(key, period, from, now);
    }

    public CounterView counter(String namespace, String name) {
        CounterKey key = CounterKey.of(namespace, name);
        Instant now = Instant.now();
        return new CounterView(
                key,
                counters.get(key),
                counters.get(key, Period.HOUR, now),
                counters.get(key, Period.DAY, now),
                counters.series(key, Period.HOUR, now.minus(Duration.ofHours(HOURS_SHOWN - 1)), now),
                counters.series(key, Period.DAY, now.minus(Duration.ofDays(DAYS_SHOWN - 1)), now));
    }

    public WriteBackMetrics writeBack() {
        return counters.writeBackMetrics();
    }

    /** Writes every pending FAST delta now (returns at once in STRICT mode). */
    public void flush() {
        counters.flush();
    }

    public String mode() {
        return settings.mode().toUpperCase(Locale.ROOT);
    }

    /** Whether clicks are counted in memory and written back (FAST), rather than committed (STRICT). */
    public boolean fast() {
        return settings.mode().equals("fast");
    }

    /** The cache provider, or "none" in STRICT mode. */
    public String cache() {
        return settings.livecountProperties().get("livecount.cache");
    }

    /** All time has no bucket before it; a counter missing from a bucket had 0 there. */
    private static Trend trend(Period period, long current, Long previous) {
        return period == Period.ALL ? Trend.none(current) : new Trend(current, previous == null ? 0 : previous);
    }

    /** An instant in the bucket before the one containing {@code at}: its last second. */
    private Instant previousBucket(Period period, Instant at) {
        return period.bucketStart(at, counters.config().zone()).minusSeconds(1);
    }

    private Map<CounterKey, Long> previousValues(List<CounterKey> keys, Period period, Instant now) {
        if (period == Period.ALL || keys.isEmpty()) {
            return Map.of();
        }
        return counters.get(keys, period, previousBucket(period, now));
    }
}
