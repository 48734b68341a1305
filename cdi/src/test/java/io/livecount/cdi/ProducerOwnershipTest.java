package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.LivecountConfig;
import io.livecount.cdi.testing.MapCacheProvider;
import io.livecount.cdi.testing.Settings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The producer creates each resource once and closes what it created (Weld SE)")
class ProducerOwnershipTest {

    private static final CounterKey KEY = CounterKey.of("clicks", "https://example.com/");

    /** A bean that injects the configuration, as an application's bean would (found by discovery). */
    @Dependent
    static class ConfigUser {
        @Inject
        LivecountConfig config;
    }

    @Test
    @DisplayName("100 injections and lookups of LivecountConfig create no cache; shutdown closes every cache")
    void lookupsCreateNoCache() {
        Weld weld = Settings.weldWith(Map.of(
                "livecount.jdbc.url", "jdbc:h2:mem:cdi-ownership-map;DB_CLOSE_DELAY=-1",
                "livecount.mode", "fast",
                "livecount.cache", "test-map"));
        int openBefore = MapCacheProvider.openCaches();
        try (WeldContainer container = weld.initialize()) {
            container.select(CounterService.class).get().add(KEY, 1);
            int created = MapCacheProvider.createdCaches();

            for (int i = 0; i < 100; i++) {
                assertThat(container.select(LivecountConfig.class).get().writeBack())
                        .isNotNull();
                assertThat(container.select(ConfigUser.class).get().config).isNotNull();
            }

            assertThat(MapCacheProvider.createdCaches())
                    .as("caches created by 100 lookups and 100 injections")
                    .isEqualTo(created);
        }
        assertThat(MapCacheProvider.openCaches())
                .as("caches left open after the container stopped")
                .isEqualTo(openBefore);
    }

    @Test
    @DisplayName("on Ehcache with a pool from a JDBC URL: lookups start no thread, shutdown leaves none of ours")
    void noThreadOfOursOutlivesTheContainer() {
        Weld weld = Settings.weldWith(Map.of(
                "livecount.jdbc.url", "jdbc:h2:mem:cdi-ownership-ehcache;DB_CLOSE_DELAY=-1",
                "livecount.mode", "fast",
                "livecount.cache", "ehcache",
                "livecount.flush.max-delay", "50ms"));
        try (WeldContainer container = weld.initialize()) {
            CounterService counters = container.select(CounterService.class).get();
            counters.add(KEY, 1);
            counters.flush();
            Set<String> running = ourThreads();
            assertThat(running).as("the service's threads while it runs").isNotEmpty();
            int threads = Thread.activeCount();

            for (int i = 0; i < 100; i++) {
                container.select(LivecountConfig.class).get();
                container.select(ConfigUser.class).get();
            }

            assertThat(ourThreads()).as("our threads after 100 lookups").isEqualTo(running);
            assertThat(Thread.activeCount())
                    .as("live threads after 100 lookups (before: %d)", threads)
                    .isLessThanOrEqualTo(threads);
        }
        assertThat(ourThreads()).as("our threads after the container stopped").isEmpty();
    }

    /**
     * The Hazelcast provider's pause watch: one daemon per JVM, started on first use and never
     * stopped (see {@code PauseWatch}); here when another test of this JVM used Hazelcast. It is
     * not a resource of the service under test.
     */
    private static final String JVM_WIDE_PAUSE_WATCH = "livecount-pause-watch";

    /**
     * Live threads of Livecount (its write-back, its pool named {@code livecount}) and of Ehcache.
     * A thread that ends within a second (a pool's short-lived helper) is not counted.
     */
    static Set<String> ourThreads() {
        for (int tries = 0; ; tries++) {
            Set<String> names = new TreeSet<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                String name = thread.getName();
                if (thread.isAlive()
                        && !name.equals(JVM_WIDE_PAUSE_WATCH)
                        && (name.startsWith("livecount") || name.toLowerCase().contains("ehcache"))) {
                    names.add(name);
                }
            }
            if (names.isEmpty() || tries == 10) {
                return names;
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
