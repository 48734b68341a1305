package io.livecount.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.CounterUnavailableException;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adds that a Hazelcast member refuses reach the caller as Livecount's {@link
 * CounterUnavailableException}, with nothing counted. Each test starts a member in a cluster of its
 * own, so the shared test cluster is not disturbed.
 */
@DisplayName("Adds refused by the Hazelcast cache")
class RefusedAddsTest {

    private static final String MAP = "refused";
    private final CounterKey key = new CounterKey("fast", "k");

    @Test
    @DisplayName("on a member below the split-brain protection's minimum size: CounterUnavailableException")
    void splitBrainProtection() {
        Config config = aloneConfig().setProperty("hazelcast.heartbeat.interval.seconds", "1"); // < the tolerance
        LivecountMaps.protectAgainstSplitBrain(config, MAP, 2);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            CounterService service = service(member);
            assertThatThrownBy(() -> service.add(key, 1))
                    .isInstanceOf(CounterUnavailableException.class)
                    .hasRootCauseInstanceOf(SplitBrainProtectionException.class);
            assertThatThrownBy(() -> service.get(key)).isInstanceOf(CounterUnavailableException.class);
            closeRefused(service);
        } finally {
            member.shutdown();
        }
    }

    @Test
    @DisplayName("on a member that has shut down: CounterUnavailableException")
    void memberShutDown() {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(aloneConfig());
        CounterService service = service(member);
        service.add(key, 1);
        service.flush();
        member.shutdown();
        assertThatThrownBy(() -> service.add(key, 1)).isInstanceOf(CounterUnavailableException.class);
        closeRefused(service);
        assertThat(TestDatabase.H2.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE ns = 'fast'"
                        + " AND counter_name = 'k' AND counter_value = 1"))
                .isEqualTo(1);
    }

    /** A member of a cluster nobody else joins. */
    private static Config aloneConfig() {
        return TestMembers.config().setClusterName("refused-" + UUID.randomUUID());
    }

    private static CounterService service(HazelcastInstance member) {
        CounterService service = Livecount.create(LivecountConfig.builder()
                .dataSource(TestDatabase.H2.dataSource())
                .namespace("fast", NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                .writeBack(WriteBackConfig.builder(HazelcastCounterCache.builder()
                                .instance(member)
                                .mapName(MAP)
                                .factory())
                        .closeTimeout(Duration.ofSeconds(1))
                        .build())
                .build());
        TestDatabase.H2.clear(); // the service has created the table
        return service;
    }

    /** Closing cannot list the dirty entries either: it gives up after the close timeout. */
    private static void closeRefused(CounterService service) {
        try {
            service.close();
        } catch (RuntimeException refused) {
            // expected: the cache still refuses
        }
    }
}
