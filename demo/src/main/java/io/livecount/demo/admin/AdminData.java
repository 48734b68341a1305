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
import java.util.List;
import java.util.Locale;

/**
 * What the admin page and the JSON API show, read the same way for both so that they agree.
 * Inputs from the URL are checked here: an unknown namespace or period, or a bad key, is an {@link
 * IllegalArgumentException} (400).
 */
@ApplicationScoped
public class AdminData {

    /** The periods the demo's namespace has buckets for, and so the ones top lists can use. */
    public static final List<Period> TOP_PERIODS = List.of(Period.HOUR, Period.DAY, Period.ALL);

    public static final int HOURS_SHOWN = 24;
    public static final int DAYS_SHOWN = 30;
    public static final int DEFAULT_TOP = 20;
    public static final int MAX_TOP = 100;

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

    /** The namespaces the demo counts in (from its configuration; Livecount cannot list them). */
    public List<String> namespaces() {
        return settings.namespaces();
    }

    /** {@code requested}, or the first namespace when absent; unknown ones are refused. */
    public String namespace(String requested) {
        if (requested == null || requested.isEmpty()) {
            return namespaces().get(0);
        }
        if (!namespaces().contains(requested)) {
            throw new IllegalArgumentException("unknown namespace; this demo counts in " + namespaces());
        }
        return requested;
    }

    /** {@code requested} (hour, day or all), or day when absent. */
    public Period period(String requested) {
        if (requested == null || requested.isEmpty()) {
            return Period.DAY;
        }
        Period period = Period.parse(requested);
        if (!TOP_PERIODS.contains(period)) {
            throw new IllegalArgumentException("period must be one of " + TOP_PERIODS);
        }
        return period;
    }

    /** The largest counters of the current bucket. In FAST mode {@code top} writes back first. */
    public List<CounterValue> top(String namespace, Period period, int limit) {
        if (limit < 1 || limit > MAX_TOP) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_TOP);
        }
        return counters.top(namespace, period, Instant.now(), limit);
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

    /** The cache provider, or "none" in STRICT mode. */
    public String cache() {
        return settings.livecountProperties().get("livecount.cache");
    }
}
