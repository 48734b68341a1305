package io.livecount.cdi.internal;

import io.livecount.Period;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed values of {@code livecount.*} settings. Every error names the key, the bad value and what
 * would have been accepted. Remembers which keys were read, so that unknown ones can be refused.
 */
final class SettingValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final SettingsSource source;
    private final Set<String> read = new HashSet<>();

    SettingValues(SettingsSource source) {
        this.source = source;
    }

    Optional<String> text(String key) {
        read.add(key);
        return source.value(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    Optional<Long> number(String key, long min, long max) {
        return text(key).map(value -> {
            long number;
            try {
                number = Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw bad(key, value, "a whole number from " + min + " to " + max);
            }
            if (number < min || number > max) {
                throw bad(key, value, "a whole number from " + min + " to " + max);
            }
            return number;
        });
    }

    /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT1.5S}. */
    Optional<Duration> duration(String key) {
        return text(key).map(value -> {
            Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
            try {
                if (shortForm.matches()) {
                    long amount = Long.parseLong(shortForm.group(1));
                    return switch (shortForm.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "d" -> Duration.ofDays(amount);
                        default -> Duration.ofHours(amount);
                    };
                }
                return Duration.parse(value);
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                throw bad(key, value, "a duration such as 500ms, 1s, 5m, 1h, 2d or PT1.5S");
            }
        });
    }

    <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        return text(key).map(value -> parseChoice(key, value, type));
    }

    Optional<ZoneId> zone(String key) {
        return text(key).map(value -> {
            try {
                return ZoneId.of(value);
            } catch (DateTimeException e) {
                throw bad(key, value, "a time zone id such as UTC or Europe/Paris");
            }
        });
    }

    /** A comma-separated list of periods, e.g. {@code hour,day}; ALL is always added. */
    Optional<Set<Period>> periods(String key) {
        return text(key).map(value -> Arrays.stream(value.split(","))
                .map(String::strip)
                .map(name -> parseChoice(key, name, Period.class))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Period.class))));
    }

    /** Keys of the source under {@code livecount.} that nothing has read. */
    Set<String> unread() {
        Set<String> unread = source.livecountKeys();
        unread.removeAll(read);
        return unread;
    }

    /** Every key looked up so far. */
    Set<String> readKeys() {
        return Set.copyOf(read);
    }

    String sourceDescription() {
        return source.description();
    }

    /** For messages: where {@code key}'s value comes from. */
    String origin(String key) {
        return source.origin(key);
    }

    IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(
                key + " = '" + value + "' (from " + source.origin(key) + ") is not valid: expected " + expected);
    }

    private <E extends Enum<E>> E parseChoice(String key, String value, Class<E> type) {
        Function<E, String> spelling =
                constant -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E constant : type.getEnumConstants()) {
            if (spelling.apply(constant).equalsIgnoreCase(value)
                    || constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        String choices = Arrays.stream(type.getEnumConstants()).map(spelling).collect(Collectors.joining(", "));
        throw bad(key, value, "one of " + choices);
    }
}
