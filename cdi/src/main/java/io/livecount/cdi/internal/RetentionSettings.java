package io.livecount.cdi.internal;

import io.livecount.NamespaceSettings;
import io.livecount.Period;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads retention keys: {@code livecount.retention.<period>} for namespaces without settings of
 * their own, {@code livecount.namespace.<name>.retention.<period>} for one namespace; each value a
 * duration such as {@code 2h}, {@code 2d} or {@code P90D}. A bad period or duration fails with an
 * {@link IllegalArgumentException} naming the key and the value; ALL is refused. The idempotency
 * window is read the same way: {@code livecount.idempotency-window} and {@code
 * livecount.namespace.<name>.idempotency-window}.
 */
final class RetentionSettings {

    static final String SUFFIX = ".retention.";
    static final String WINDOW = ".idempotency-window";
    private static final Pattern NAMESPACE_KEY = Pattern.compile(Pattern.quote(ConfigReader.NAMESPACE) + "(.+)(?:"
            + Pattern.quote(SUFFIX) + "[^.]+|" + Pattern.quote(WINDOW) + ")");
    private static final String EXPECTED_WINDOW = "a duration from 1m to 36500d (such as 24h, 7d or P30D)";
    private static final String EXPECTED =
            "a duration from 1s to 36500d (such as 2h, 2d or P90D) for one of second, minute, hour, day, week,"
                    + " month, year (never all)";

    private RetentionSettings() {}

    /** Names of namespaces with retention keys among the unread keys. */
    static Set<String> namespaces(SettingValues values) {
        Set<String> names = new TreeSet<>();
        for (String key : values.unread()) {
            Matcher matcher = NAMESPACE_KEY.matcher(key);
            if (matcher.matches()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** {@code settings} with every retention under {@code prefix} ("livecount" or a namespace's). */
    static NamespaceSettings apply(SettingValues values, String prefix, NamespaceSettings settings) {
        String start = prefix + SUFFIX;
        NamespaceSettings result = settings;
        for (String key : new TreeSet<>(values.unread())) {
            String periodName = key.startsWith(start) ? key.substring(start.length()) : null;
            if (periodName == null || periodName.contains(".")) {
                continue;
            }
            String raw = values.text(key).orElse("");
            Period period = period(values, key, periodName, raw);
            Duration duration = values.duration(key).orElseThrow(() -> values.bad(key, raw, EXPECTED));
            try {
                result = result.retain(period, duration);
            } catch (IllegalArgumentException e) {
                throw values.bad(key, raw, EXPECTED + " (" + e.getMessage() + ")");
            }
        }
        return withWindow(values, prefix + WINDOW, result);
    }

    private static NamespaceSettings withWindow(SettingValues values, String key, NamespaceSettings settings) {
        if (!values.unread().contains(key)) {
            return settings;
        }
        String raw = values.text(key).orElse("");
        Duration window = values.duration(key).orElseThrow(() -> values.bad(key, raw, EXPECTED_WINDOW));
        try {
            return settings.withIdempotencyWindow(window);
        } catch (IllegalArgumentException e) {
            throw values.bad(key, raw, EXPECTED_WINDOW + " (" + e.getMessage() + ")");
        }
    }

    private static Period period(SettingValues values, String key, String name, String raw) {
        for (Period period : Period.values()) {
            if (period != Period.ALL && period.name().equals(name.toUpperCase(Locale.ROOT))) {
                return period;
            }
        }
        throw values.bad(key, raw, EXPECTED + "; '" + name + "' is not such a period");
    }
}
