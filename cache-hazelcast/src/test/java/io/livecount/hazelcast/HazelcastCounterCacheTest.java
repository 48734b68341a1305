package io.livecount.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.hazelcast.internal.ApplyChange;
import io.livecount.hazelcast.internal.StoredEntry;
import io.livecount.hazelcast.internal.WriteCount;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("HazelcastCounterCache")
class HazelcastCounterCacheTest {

    private static final CounterEntry DIRTY = new CounterEntry(0, 3, 0, 0, 0);
    private static final CounterEntry CLEAN = new CounterEntry(7, 0, 0, 0, 1);

    private static HazelcastCounterCache cache(Duration cleanTtl) {
        return HazelcastCounterCache.builder()
                .instance(TestMembers.shared())
                .mapName("unit-" + UUID.randomUUID())
                .cleanEntryTtl(cleanTtl)
                .build();
    }

    /** A cache on {@code instance}'s view of map {@code map}. */
    private static HazelcastCounterCache on(HazelcastInstance instance, String map) {
        return HazelcastCounterCache.builder().instance(instance).mapName(map).build();
    }

    private static BucketKey bucket(String name) {
        return new BucketKey(new CounterKey("ns", name), Period.ALL, 0);
    }

    @Nested
    @DisplayName("stores entries")
    class Entries {

        @Test
        @DisplayName("under byte-exact keys: case, trailing space and 4-byte characters are different keys")
        void byteExactKeys() {
            HazelcastCounterCache cache = cache(Duration.ZERO);
            List<String> names =
                    List.of("key", "Key", "key ", "k\uD83D\uDE00", "k\uD83D\uDE01", "ke\u0301y", "k\u00e9y");
            for (int i = 0; i < names.size(); i++) {
                assertThat(cache.putIfAbsent(bucket(names.get(i)), new CounterEntry(i, 1, 0, 0, 0)))
                        .isNull();
            }
            for (int i = 0; i < names.size(); i++) {
                assertThat(cache.get(bucket(names.get(i))).stored())
                        .as(names.get(i))
                        .isEqualTo(i);
            }
        }

        @Test
        @DisplayName("with the compare-and-set operations of the SPI")
        void compareAndSet() {
            HazelcastCounterCache cache = cache(Duration.ZERO);
            BucketKey key = bucket("cas");
            assertThat(cache.putIfAbsent(key, DIRTY)).isNull();
            assertThat(cache.putIfAbsent(key, CLEAN)).isEqualTo(DIRTY);
            assertThat(cache.replace(key, CLEAN, DIRTY)).isFalse();
            assertThat(cache.replace(key, DIRTY, CLEAN)).isTrue();
            assertThat(cache.remove(key, DIRTY)).isFalse();
            assertThat(cache.remove(key, CLEAN)).isTrue();
            assertThat(cache.get(key)).isNull();
        }

        @Test
        @DisplayName("applying a change atomically; a rejected change leaves the entry as it was")
        void apply() {
            HazelcastCounterCache cache = cache(Duration.ZERO);
            BucketKey key = bucket("apply");
            assertThat(cache.apply(key, new Add(5))).isEqualTo(new CounterEntry(0, 5, 0, 0, 0));
            assertThatThrownBy(() -> cache.apply(key, new Reject())).isInstanceOf(EntryChange.Rejected.class);
            assertThat(cache.get(key)).isEqualTo(new CounterEntry(0, 5, 0, 0, 0));
            assertThat(cache.apply(key, current -> null)).isNull();
            assertThat(cache.get(key)).isNull();
        }

        @Test
        @DisplayName("in Livecount's own binary form, not Java serialization")
        void serializers() {
            SerializationService serialization =
                    ((SerializationServiceSupport) TestMembers.shared()).getSerializationService();
            assertThat(serialization.toData(CLEAN).getType()).isEqualTo(0x4C43_0002);
            StoredEntry stored = new StoredEntry(CLEAN, 3, new long[] {1, 2, 3, 4, 5, 6});
            assertThat(serialization.toData(stored).getType()).isEqualTo(0x4C43_0006);
            assertThat((Object) serialization.toObject(serialization.toData(stored)))
                    .isEqualTo(stored);
            StoredEntry tombstone = new StoredEntry(null, 3, new long[] {1, 2, 3});
            assertThat((Object) serialization.toObject(serialization.toData(tombstone)))
                    .isEqualTo(tombstone);
            assertThat(serialization.toData(bucket("x")).getType()).isEqualTo(0x4C43_0001);
            ApplyChange.Flipped flipped = new ApplyChange.Flipped(CLEAN, true);
            assertThat(serialization.toData(flipped).getType()).isEqualTo(0x4C43_0009);
            assertThat((Object) serialization.toObject(serialization.toData(flipped)))
                    .isEqualTo(flipped);
            ApplyChange.Flipped removed = new ApplyChange.Flipped(null, false);
            assertThat((Object) serialization.toObject(serialization.toData(removed)))
                    .isEqualTo(removed);
            assertThat(serialization.toData(CLEAN).totalSize()).isLessThan(50);
            BucketKey key = new BucketKey(new CounterKey("n\uD83D\uDE00", "k "), Period.HOUR, 3600);
            assertThat((Object) serialization.toObject(serialization.toData(key)))
                    .isEqualTo(key);
        }
    }

    @Nested
    @DisplayName("keeps memory bounded")
    class Expiry {

        @Test
        @DisplayName("a clean entry expires after cleanEntryTtl; one holding deltas never does")
        void cleanExpiresDirtyStays() {
            HazelcastCounterCache cache = cache(Duration.ofSeconds(1));
            cache.putIfAbsent(bucket("clean"), CLEAN);
            cache.putIfAbsent(bucket("dirty"), DIRTY);
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.get(bucket("clean")) == null);
            sleep(1_500);
            assertThat(cache.get(bucket("dirty"))).isEqualTo(DIRTY);
            assertThat(cache.dirtyKeys()).containsExactly(bucket("dirty"));
        }

        @Test
        @DisplayName("a clean entry that becomes dirty stops expiring; one that becomes clean again expires")
        void dirtyAfterCleanStays() {
            HazelcastCounterCache cache = cache(Duration.ofSeconds(1));
            BucketKey key = bucket("flips");
            cache.putIfAbsent(key, CLEAN);
            cache.apply(key, new Add(2)); // dirty now
            sleep(2_500);
            assertThat(cache.get(key)).isEqualTo(new CounterEntry(7, 2, 0, 0, 0));
            cache.apply(key, current -> CLEAN);
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.get(key) == null);
        }

        @Test
        @DisplayName("a map configured to evict or to drop idle entries is refused, naming the setting")
        void evictionRefused() {
            Config config = TestMembers.config();
            config.addMapConfig(new MapConfig("evicting")
                    .setEvictionConfig(
                            new com.hazelcast.config.EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)));
            assertThatThrownBy(() -> HazelcastCounterCache.builder()
                            .startMember(config)
                            .mapName("evicting")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("eviction policy LRU");
            assertThatThrownBy(() -> HazelcastCounterCache.builder()
                            .startMember(TestMembers.config().addMapConfig(new MapConfig("idle").setMaxIdleSeconds(60)))
                            .mapName("idle")
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max-idle-seconds 60");
        }

        @Test
        @DisplayName("the builder names bad values")
        void builderErrors() {
            assertThatThrownBy(() -> HazelcastCounterCache.builder().cleanEntryTtl(Duration.ofMillis(10)))
                    .hasMessageContaining("PT0.01S");
            assertThatThrownBy(() -> HazelcastCounterCache.builder().mapName(" "))
                    .hasMessageContaining("mapName");
            assertThatThrownBy(() -> HazelcastCounterCache.builder().build()).hasMessageContaining("startMember");
        }
    }

    @Nested
    @DisplayName("configures the members it is given the config of")
    class MemberSettings {

        @Test
        @DisplayName("to fail a call whose backups did not confirm (then repeated), unless the config says otherwise")
        void failOnIndeterminate() {
            String property = HazelcastCounterCache.FAIL_ON_INDETERMINATE;
            Config plain = new Config();
            HazelcastCounterCache.builder().startMember(plain);
            assertThat(plain.getProperty(property)).isEqualTo("true");
            Config chosen = new Config().setProperty(property, "false");
            HazelcastCounterCache.builder().startMember(chosen);
            assertThat(chosen.getProperty(property)).isEqualTo("false");
            assertThat(LivecountMaps.protectAgainstSplitBrain(new Config(), "m", 2)
                            .getProperty(property))
                    .isEqualTo("true");
        }

        @Test
        @DisplayName(
                "gives a map nobody configured one synchronous backup, the discard merge, objects and no JSON metadata")
        void unconfiguredMap() {
            String map = "settings-" + UUID.randomUUID();
            try (HazelcastCounterCache cache = HazelcastCounterCache.builder()
                    .instance(TestMembers.shared())
                    .mapName(map)
                    .build()) {
                MapConfig config = cache.instance().getConfig().getMapConfig(map);
                assertThat(config.getBackupCount()).isEqualTo(1);
                assertThat(config.getAsyncBackupCount()).isZero();
                assertThat(config.getMergePolicyConfig().getPolicy()).isEqualTo(DiscardMergePolicy.class.getName());
                assertThat(config.getInMemoryFormat()).isEqualTo(InMemoryFormat.OBJECT);
                assertThat(config.getMetadataPolicy()).isEqualTo(MetadataPolicy.OFF);
            }
        }
    }

    @Nested
    @DisplayName("on a client")
    class OnClient {

        @Test
        @DisplayName("sees the dirty keys of every partition and shares the members' entries")
        void client() {
            String map = "client-" + UUID.randomUUID();
            HazelcastInstance client = TestMembers.client();
            try (HazelcastCounterCache onMember = on(TestMembers.shared(), map);
                    HazelcastCounterCache onClient = on(client, map)) {
                for (int i = 0; i < 50; i++) {
                    onClient.apply(bucket("c" + i), new Add(1));
                }
                assertThat(onClient.dirtyKeys()).hasSize(50);
                assertThat(onMember.get(bucket("c7"))).isEqualTo(new CounterEntry(0, 1, 0, 0, 0));
            } finally {
                client.shutdown();
            }
        }
    }

    @Nested
    @DisplayName("shares the count of database writes")
    class DatabaseWrites {

        @Test
        @DisplayName("moved on one member for a counter: every member and client of the map reads it moved for that"
                + " counter; not for a counter of another stripe, nor in another map")
        void seenByEveryNode() {
            String map = "writes-" + UUID.randomUUID();
            CounterKey counter = new CounterKey("ns", "a");
            CounterKey elsewhere = new CounterKey("ns", "b");
            assertThat(WriteCount.stripe(elsewhere)).isNotEqualTo(WriteCount.stripe(counter));
            HazelcastInstance secondMember = TestMembers.start();
            HazelcastInstance client = TestMembers.client();
            try (HazelcastCounterCache first = on(TestMembers.shared(), map);
                    HazelcastCounterCache second = on(secondMember, map);
                    HazelcastCounterCache onClient = on(client, map);
                    HazelcastCounterCache otherMap = on(TestMembers.shared(), map + "-other")) {
                assertThat(first.databaseWriteCount(List.of(counter))).isZero();

                first.countDatabaseWrites(List.of(counter));
                onClient.countDatabaseWrites(List.of(counter, counter));

                assertThat(second.databaseWriteCount(List.of(counter))).isEqualTo(2);
                assertThat(onClient.databaseWriteCount(List.of(counter, elsewhere)))
                        .isEqualTo(2);
                assertThat(second.databaseWriteCount(List.of(elsewhere))).isZero();
                assertThat(otherMap.databaseWriteCount(List.of(counter))).isZero();
            } finally {
                client.shutdown();
                secondMember.shutdown();
            }
        }
    }

    @Nested
    @DisplayName("by name through the provider")
    class Provider {

        @Test
        @DisplayName("uses a running instance by name, and names unknown settings and instances")
        void provider() {
            HazelcastCacheProvider provider = new HazelcastCacheProvider();
            HazelcastInstance member = TestMembers.shared();
            var factory = provider.factory(Map.of("instance-name", member.getName(), "map-name", "by-name"));
            assertThat(factory.toString()).contains("by-name").contains(member.getName());
            try (var cache = factory.create()) {
                assertThat(cache.toString()).contains("by-name").contains(member.getName());
            }
            assertThat(member.getLifecycleService().isRunning())
                    .as("the application's member after its cache closed")
                    .isTrue();
            assertThatThrownBy(() -> provider.factory(Map.of("instance-name", "nobody")))
                    .hasMessageContaining("'nobody'");
            assertThatThrownBy(() -> provider.factory(Map.of("ttl", "5"))).hasMessageContaining("[ttl]");
            assertThatThrownBy(() -> provider.factory(
                            Map.of("instance-name", member.getName(), "clean-entry-ttl-seconds", "ten")))
                    .hasMessageContaining("'ten'");
            assertThatThrownBy(() -> provider.factory(Map.of("config-file", "/nonexistent/hz.yaml")))
                    .hasMessageContaining("/nonexistent/hz.yaml");
        }
    }

    record Add(long delta) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return current == null
                    ? new CounterEntry(0, delta, 0, 0, 0)
                    : new CounterEntry(current.stored(), current.pending() + delta, 0, 0, 0);
        }
    }

    record Reject() implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            throw new Rejected();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
