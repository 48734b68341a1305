package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.livecount.cdi.testing.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("A wrong or missing setting fails start-up with a message naming the key and the value")
class MisconfigurationTest {

    private static final String H2 = "jdbc:h2:mem:cdi-misconfigured;DB_CLOSE_DELAY=-1";

    static Stream<Arguments> cases() {
        return Stream.of(
                failure("no database at all", Map.of(), "no database configured", "livecount.jdbc.url"),
                failure(
                        "two databases",
                        Map.of("livecount.jdbc.url", H2, "livecount.persistence-unit", "app"),
                        "set only one of",
                        "livecount.persistence-unit"),
                failure(
                        "a URL that is not JDBC",
                        Map.of("livecount.jdbc.url", "h2:mem:x"),
                        "livecount.jdbc.url",
                        "'h2:mem:x'"),
                failure(
                        "an unreachable database",
                        Map.of("livecount.jdbc.url", "jdbc:mariadb://127.0.0.1:1/test"),
                        "127.0.0.1:1"),
                failure(
                        "a mode that does not exist",
                        withH2("livecount.mode", "faster"),
                        "livecount.mode",
                        "'faster'",
                        "strict, fast"),
                failure("a misspelt key", withH2("livecount.cach", "ehcache"), "unknown setting", "livecount.cach"),
                failure(
                        "a provider that is not on the class path",
                        withH2("livecount.cache", "infinispan"),
                        "livecount.cache",
                        "'infinispan'",
                        "livecount-cache-infinispan"),
                failure("FAST without a cache", withH2("livecount.mode", "fast"), "livecount.cache", "FAST"),
                failure(
                        "a bad provider setting",
                        withH2("livecount.cache", "ehcache", "livecount.cache.ehcache.heap-entries", "lots"),
                        "heap-entries",
                        "'lots'"),
                failure(
                        "an unknown provider setting",
                        withH2("livecount.cache", "ehcache", "livecount.cache.ehcache.heap-size", "10"),
                        "livecount.cache.ehcache.heap-size"),
                failure(
                        "a duration that is not one",
                        withH2("livecount.cache", "ehcache", "livecount.flush.max-delay", "5 parsecs"),
                        "livecount.flush.max-delay",
                        "'5 parsecs'"),
                failure(
                        "a duration out of range",
                        withH2("livecount.cache", "ehcache", "livecount.flush.max-delay", "1ms"),
                        "livecount.flush.max-delay",
                        "maxDelay"),
                failure(
                        "a period that does not exist",
                        withH2("livecount.namespace.clicks.periods", "hour,fortnight"),
                        "livecount.namespace.clicks.periods",
                        "'fortnight'"),
                failure(
                        "a retention of the all-time bucket",
                        withH2("livecount.namespace.clicks.retention.all", "2d"),
                        "livecount.namespace.clicks.retention.all",
                        "'2d'",
                        "never all"),
                failure(
                        "an idempotency window below a minute",
                        withH2("livecount.namespace.clicks.idempotency-window", "30s"),
                        "livecount.namespace.clicks.idempotency-window",
                        "'30s'",
                        "1m"),
                failure(
                        "a retention of a period that does not exist",
                        withH2("livecount.retention.fortnight", "2d"),
                        "livecount.retention.fortnight",
                        "'fortnight'"),
                failure(
                        "a retention below a second",
                        withH2("livecount.namespace.clicks.retention.second", "0s"),
                        "livecount.namespace.clicks.retention.second",
                        "'0s'",
                        "PT0S"),
                failure(
                        "a retention that is not a duration",
                        withH2("livecount.retention.minute", "two days"),
                        "livecount.retention.minute",
                        "'two days'"),
                failure(
                        "a zone that does not exist",
                        withH2("livecount.zone", "Mars/Olympus"),
                        "livecount.zone",
                        "'Mars/Olympus'"),
                failure(
                        "a pool size out of range",
                        withH2("livecount.jdbc.max-pool-size", "0"),
                        "livecount.jdbc.max-pool-size",
                        "'0'"),
                failure(
                        "JTA demanded over a pool that never enlists",
                        withH2("livecount.transactions", "jta"),
                        "livecount.transactions",
                        "never enlist"),
                failure(
                        "a DataSource bean that does not exist",
                        Map.of("livecount.datasource", "cdi:missing"),
                        "livecount.datasource",
                        "named 'missing'"),
                failure(
                        "a JNDI name with no DataSource",
                        Map.of("livecount.datasource", "java:comp/env/jdbc/none"),
                        "livecount.datasource",
                        "java:comp/env/jdbc/none"));
    }

    @AfterEach
    void clearSettings() {
        Settings.replaceWith(Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsStartUp(String situation, Map<String, String> settings, String[] expected) {
        Throwable failure = catchThrowable(() -> {
            try (WeldContainer container = Settings.weldWith(settings).initialize()) {
                container.isRunning();
            }
        });
        assertThat(failure).as(situation).isNotNull();
        assertThat(Settings.messages(failure)).contains(expected);
    }

    private static Arguments failure(String situation, Map<String, String> settings, String... expected) {
        return Arguments.of(situation, settings, expected);
    }

    private static Map<String, String> withH2(String... keysAndValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("livecount.jdbc.url", H2);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return settings;
    }
}
