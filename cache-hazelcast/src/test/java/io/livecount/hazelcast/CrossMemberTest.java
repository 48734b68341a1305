package io.livecount.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.livecount.ConsistencyMode;
import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.NamespaceSettings;
import io.livecount.WriteBackConfig;
import io.livecount.tck.Load;
import io.livecount.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The race of the original Livecount across members: three nodes on three members share 300 keys
 * whose clean entries expire after one second, so reads keep loading them from the database on
 * whichever node asks, while every node adds to the same keys and writes back its partitions.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"MARIADB", "POSTGRESQL"})
@DisplayName("Cold loads across three members")
class CrossMemberTest {

    @Parameter
    TestDatabase database;

    @Test
    @DisplayName("three nodes loading, expiring and adding the same keys: exact totals")
    void coldLoadsAcrossMembers() throws Exception {
        Livecount.create(LivecountConfig.builder()
                        .dataSource(database.dataSource())
                        .build())
                .close();
        database.clear();
        String map = "cross-" + UUID.randomUUID();
        List<HazelcastInstance> members = List.of(TestMembers.shared(), TestMembers.start(), TestMembers.start());
        List<CounterService> nodes = new ArrayList<>();
        try {
            for (HazelcastInstance member : members) {
                nodes.add(Livecount.create(LivecountConfig.builder()
                        .dataSource(database.dataSource())
                        .namespace("x", NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                        .writeBack(WriteBackConfig.builder(HazelcastCounterCache.builder()
                                        .instance(member)
                                        .mapName(map)
                                        .cleanEntryTtl(Duration.ofSeconds(1))
                                        .factory())
                                .maxDelay(Duration.ofMillis(30))
                                .build())
                        .build()));
            }
            Load.run(6, thread -> {
                CounterService node = nodes.get(thread % 3);
                for (int i = 0; i < 6_000; i++) {
                    CounterKey key = new CounterKey("x", "k" + (i * 7 + thread) % 300);
                    node.add(key, 1);
                    if (i % 3 == 0) {
                        assertThat(node.get(key)).isPositive();
                    }
                }
            });
            for (CounterService node : nodes) {
                node.flush();
            }
            assertThat(database.queryLong(
                            "SELECT SUM(counter_value) FROM livecount_counter WHERE ns = 'x' AND period_type = 'ALL'"))
                    .isEqualTo(36_000);
            assertThat(database.queryLong("SELECT COUNT(*) FROM livecount_counter WHERE ns = 'x'"
                            + " AND period_type = 'ALL' AND counter_value = 120"))
                    .isEqualTo(300);
        } finally {
            nodes.forEach(CounterService::close);
            members.get(1).shutdown();
            members.get(2).shutdown();
        }
    }
}
