package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Period;
import io.livecount.cdi.testing.ClickCounter;
import io.livecount.cdi.testing.MapCacheProvider;
import io.livecount.cdi.testing.Settings;
import io.livecount.ehcache.EhcacheCounterCache;
import io.livecount.hazelcast.HazelcastCacheFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("@Inject CounterService in a CDI container (Weld SE, discovery on, configured by properties)")
class CdiInjectionTest {

    private static final String URL = "https://example.com/";

    @Nested
    @EnableWeld
    @DisplayName("FAST on Ehcache, chosen by configuration")
    class FastOnEhcache {

        private static final String DB = "jdbc:h2:mem:cdi-fast;DB_CLOSE_DELAY=-1";

        @WeldSetup
        WeldInitiator weld = WeldInitiator.of(Settings.weldWith(Map.ofEntries(
                Map.entry("livecount.jdbc.url", DB),
                Map.entry("livecount.mode", "fast"),
                Map.entry("livecount.zone", "Europe/Paris"),
                Map.entry("livecount.cache", "ehcache"),
                Map.entry("livecount.cache.ehcache.heap-entries", "5000"),
                Map.entry("livecount.namespace.clicks.periods", "hour, day"),
                Map.entry("livecount.namespace.clicks.retention.hour", "90d"),
                Map.entry("livecount.retention.second", "PT2H"),
                Map.entry("livecount.namespace.clicks.idempotency-window", "7d"),
                Map.entry("livecount.idempotency-window", "2h"),
                Map.entry("livecount.flush.max-delay", "250ms"),
                Map.entry("livecount.flush.backlog-policy", "fail-fast"))));

        @Inject
        ClickCounter clicks;

        @Inject
        CounterService counters;

        @Test
        @DisplayName(
                "a business bean counts through the injected service, in the configured mode, provider, periods and retention")
        void countsFast() throws SQLException {
            for (int i = 0; i < 3; i++) {
                clicks.click(URL);
            }
            assertThat(clicks.clicks(URL)).isEqualTo(3);
            assertThat(counters.config().defaultMode()).isEqualTo(ConsistencyMode.FAST);
            assertThat(counters.config().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
            assertThat(counters.config().namespace("clicks").periods())
                    .containsExactlyInAnyOrder(Period.HOUR, Period.DAY, Period.ALL);
            assertThat(counters.config().namespace("clicks").retention())
                    .isEqualTo(Map.of(Period.HOUR, Duration.ofDays(90)));
            assertThat(counters.config().defaultNamespaceSettings().retention())
                    .isEqualTo(Map.of(Period.SECOND, Duration.ofHours(2)));
            assertThat(counters.config().namespace("clicks").idempotencyWindow())
                    .isEqualTo(Duration.ofDays(7));
            assertThat(counters.config().defaultNamespaceSettings().idempotencyWindow())
                    .isEqualTo(Duration.ofHours(2));
            assertThat(counters.config().writeBack().cacheFactory())
                    .isEqualTo(EhcacheCounterCache.builder().heapEntries(5000).factory());
            assertThat(counters.config().writeBack().maxDelay()).isEqualTo(Duration.ofMillis(250));

            counters.flush();
            assertThat(stored(DB, "clicks", URL)).isEqualTo(3);
        }
    }

    @Nested
    @EnableWeld
    @DisplayName("the provider swapped by configuration alone")
    class SwappedProvider {

        private static final String DB = "jdbc:h2:mem:cdi-swapped;DB_CLOSE_DELAY=-1";

        @WeldSetup
        WeldInitiator weld = WeldInitiator.of(Settings.weldWith(Map.of(
                "livecount.jdbc.url", DB,
                "livecount.namespace.clicks.mode", "FAST",
                "livecount.cache", "test-map",
                "livecount.cache.test-map.label", "swapped")));

        @Inject
        ClickCounter clicks;

        @Inject
        CounterService counters;

        @Test
        @DisplayName("the same bean counts through the other provider, with that provider's settings")
        void countsThroughTheOtherProvider() throws SQLException {
            clicks.click(URL);
            clicks.click(URL);
            assertThat(counters.config().writeBack().cacheFactory()).isEqualTo(new MapCacheProvider.Factory("swapped"));
            assertThat(counters.config().modeOf("clicks")).isEqualTo(ConsistencyMode.FAST);
            assertThat(counters.config().defaultMode()).isEqualTo(ConsistencyMode.STRICT);
            assertThat(clicks.clicks(URL)).isEqualTo(2);
            counters.flush();
            assertThat(stored(DB, "clicks", URL)).isEqualTo(2);
        }
    }

    @Nested
    @EnableWeld
    @DisplayName("FAST on Hazelcast, chosen by configuration alone")
    class FastOnHazelcast {

        private static final String DB = "jdbc:h2:mem:cdi-hazelcast;DB_CLOSE_DELAY=-1";

        @WeldSetup
        WeldInitiator weld = WeldInitiator.of(Settings.weldWith(Map.of(
                "livecount.jdbc.url", DB,
                "livecount.mode", "fast",
                "livecount.cache", "hazelcast",
                "livecount.cache.hazelcast.config-file", "classpath:livecount-cdi-hazelcast.yaml",
                "livecount.flush.max-delay", "1h"))); // only the explicit flush() writes

        @Inject
        ClickCounter clicks;

        @Inject
        CounterService counters;

        @Test
        @DisplayName("the same bean counts on an embedded member started from the configured YAML, exact after flush")
        void countsOnHazelcast() throws SQLException {
            for (int i = 0; i < 5; i++) {
                clicks.click(URL);
            }
            clicks.click(URL + "other");

            assertThat(counters.config().writeBack().cacheFactory())
                    .isInstanceOfSatisfying(HazelcastCacheFactory.class, factory -> assertThat(factory.startsMember())
                            .isTrue());
            HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
                    .filter(hz -> hz.getConfig().getClusterName().equals("livecount-cdi-test"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no member started from the test's YAML"));
            Address address = member.getCluster().getLocalMember().getAddress();
            assertThat(address.getHost()).isEqualTo("127.0.0.1");
            assertThat(address.getPort()).isBetween(5901, 5920);
            assertThat(clicks.clicks(URL)).isEqualTo(5);
            assertThat(stored(DB, "clicks", URL)).as("FAST: not written yet").isZero();

            counters.flush();
            assertThat(stored(DB, "clicks", URL)).isEqualTo(5);
            assertThat(stored(DB, "clicks", URL + "other")).isEqualTo(1);
            assertThat(clicks.clicks(URL)).isEqualTo(5);
        }
    }

    @Nested
    @EnableWeld
    @DisplayName("STRICT without a cache, the defaults")
    class StrictWithoutCache {

        private static final String DB = "jdbc:h2:mem:cdi-strict;DB_CLOSE_DELAY=-1";

        @WeldSetup
        WeldInitiator weld = WeldInitiator.of(Settings.weldWith(Map.of("livecount.jdbc.url", DB)));

        @Inject
        ClickCounter clicks;

        @Inject
        CounterService counters;

        @Test
        @DisplayName("each click is in the database when the call returns")
        void countsStrict() throws SQLException {
            clicks.click(URL);
            assertThat(stored(DB, "clicks", URL)).isEqualTo(1);
            assertThat(counters.config().writeBack()).isNull();
            assertThat(counters.config().defaultMode()).isEqualTo(ConsistencyMode.STRICT);
            assertThat(counters.get(CounterKey.of("clicks", "https://EXAMPLE.com/")))
                    .as("keys are byte-exact")
                    .isZero();
        }
    }

    static long stored(String url, String namespace, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                ResultSet rs = connection
                        .createStatement()
                        .executeQuery("SELECT counter_value FROM livecount_counter WHERE period_type = 'ALL' AND ns = '"
                                + namespace + "' AND counter_name = '" + name + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
