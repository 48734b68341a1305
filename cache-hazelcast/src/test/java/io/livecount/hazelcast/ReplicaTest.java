package io.livecount.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.hazelcast.internal.ApplyChange;
import io.livecount.hazelcast.internal.CounterBucket;
import io.livecount.hazelcast.internal.StoredEntry;
import io.livecount.hazelcast.internal.UncertainRetries;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.EntryChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The backup copy of an entry must be the owner's entry, and a change the dead owner applied but
 * did not answer must be recognised when Hazelcast repeats it on the new owner. The backup copy
 * must be the owner's entry: Hazelcast equalizes a backup partition
 * with its owner by entry count, removing random backup entries when the backup holds more
 * (EvictBatchBackupOperation, sent after expiries), so a backup that came apart from its owner can
 * lose a dirty entry, and its deltas are gone when the owner dies. Hazelcast's own expiry made them
 * come apart: the owner expires a clean entry when it next touches it, the backup ten seconds later.
 */
@DisplayName("Backups of a two-member cluster")
class ReplicaTest {

    private static final CounterEntry CLEAN = new CounterEntry(7, 0, 0, 0, 1);

    private final List<HazelcastCounterCache> caches = new ArrayList<>();
    private HazelcastInstance owner;
    private HazelcastInstance survivor;

    @BeforeEach
    void startTwoMembers() {
        Config config = TestMembers.config();
        config.setClusterName(TestMembers.clusterName() + "-replicas");
        // no background expiry task: had entries a Hazelcast expiry, the owner would find an expired
        // clean entry only when the next change reads it, while the backup still holds it
        config.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "3600");
        // a get on the member holding the backup reads the backup's copy: how the tests see it
        config.addMapConfig(LivecountMaps.mapConfig("replicas").setReadBackupData(true));
        owner = Hazelcast.newHazelcastInstance(config);
        survivor = Hazelcast.newHazelcastInstance(config);
        // both members own partitions (keyOwnedBy must stay true) and the backups are in sync: a
        // backup sent to a replica still being synced is ignored and never confirmed. Right after a
        // join the cluster is "safe" until the master starts migrating, so both are checked
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ownsPartitions(survivor)
                        && owner.getPartitionService().isClusterSafe()
                        && survivor.getPartitionService().isClusterSafe());
    }

    @AfterEach
    void stopMembers() {
        caches.forEach(HazelcastCounterCache::close); // their sweepers; the members are ours
        survivor.shutdown();
        if (owner.getLifecycleService().isRunning()) {
            owner.shutdown();
        }
    }

    @Test
    @DisplayName("hold an add to a clean entry past its TTL: the promoted backup shows the owner's entry")
    void addAfterCleanTtl() throws InterruptedException {
        HazelcastCounterCache onOwner = cache(owner);
        BucketKey key = keyOwnedBy(owner);
        onOwner.putIfAbsent(key, CLEAN);
        Thread.sleep(1_500); // past the clean-entry TTL
        CounterEntry added = onOwner.apply(key, new Add(2));

        owner.getLifecycleService().terminate(); // the backup is promoted as it is
        assertThat(cache(survivor).get(key)).isEqualTo(added);
    }

    @Test
    @DisplayName("drop a clean entry with its owner: the promoted backup does not show it, a dirty one it does")
    void cleanEntryLeavesBothCopies() {
        HazelcastCounterCache onOwner = cache(owner);
        BucketKey clean = keyOwnedBy(owner, 0);
        BucketKey dirty = keyOwnedBy(owner, 1);
        onOwner.putIfAbsent(clean, CLEAN);
        CounterEntry added = onOwner.apply(dirty, new Add(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> onOwner.get(clean) == null);
        // the removal reaches the backup asynchronously (one operation per partition); what is left
        // is a tombstone remembering who changed the entry (see StoredEntry)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> StoredEntry.entryOf(map(survivor).get(new CounterBucket(clean))) == null);

        owner.getLifecycleService().terminate();
        HazelcastCounterCache promoted = cache(survivor);
        assertThat(promoted.get(clean)).isNull();
        assertThat(promoted.get(dirty)).isEqualTo(added);
    }

    @Test
    @DisplayName("repeat a change on its owner after 20 other changes reached the key: counted once")
    void repeatOnSameOwner() {
        HazelcastCounterCache onOwner = cache(owner);
        BucketKey key = keyOwnedBy(owner);
        ApplyChange change = new ApplyChange(new Add(1), 42, 1);
        run(owner, key, change); // its answer timed out, or its backup did not confirm
        for (int i = 0; i < 20; i++) {
            onOwner.apply(key, new Add(1)); // other callers' changes come first
        }
        run(owner, key, change); // the repeat

        assertThat(onOwner.get(key).pending()).isEqualTo(21);
    }

    @Test
    @DisplayName("repeat a change whose backup was lost: the repeat puts it on the backup")
    void repeatRestoresBackup() {
        HazelcastCounterCache onOwner = cache(owner);
        BucketKey key = keyOwnedBy(owner);
        CounterBucket bucket = new CounterBucket(key);
        long now = System.currentTimeMillis();
        StoredEntry applied = new StoredEntry(new CounterEntry(0, 1, 0, 0, 0), now, new long[] {42, 1, now});
        map(owner).executeOnKey(bucket, new OwnerOnly(applied)); // the change ran; its backup never arrived
        run(owner, key, new ApplyChange(new Add(1), 42, 1)); // the repeat
        assertThat(onOwner.get(key).pending()).isEqualTo(1);

        owner.getLifecycleService().terminate();
        assertThat(map(survivor).get(bucket)).isEqualTo(applied);
    }

    @Test
    @DisplayName("repeat a change after its owner died and 20 other changes reached the key: counted once")
    void repeatAfterManyChanges() {
        cache(owner); // configures the map
        BucketKey key = keyOwnedBy(owner);
        ApplyChange change = new ApplyChange(new Add(1), 42, 1);
        run(owner, key, change); // its answer is lost with the owner:
        owner.getLifecycleService().terminate();
        HazelcastCounterCache promoted = cache(survivor);
        for (int i = 0; i < 20; i++) {
            promoted.apply(key, new Add(1)); // other callers reach the new owner before the repeat
        }
        run(survivor, key, change); // Hazelcast's repeat

        assertThat(promoted.get(key).pending()).isEqualTo(21);
    }

    @Test
    @DisplayName("repeat a change after its owner died and the new owner removed the entry: counted once")
    void repeatAfterRemoval() {
        cache(owner);
        BucketKey key = keyOwnedBy(owner);
        ApplyChange change = new ApplyChange(new Add(1), 42, 1);
        run(owner, key, change);
        owner.getLifecycleService().terminate();
        HazelcastCounterCache promoted = cache(survivor);
        // as core does after writing back an entry it never loaded
        assertThat(promoted.remove(key, promoted.get(key))).isTrue();
        run(survivor, key, change);

        assertThat(promoted.get(key)).isNull();
        assertThat(promoted.putIfAbsent(key, CLEAN)).isNull(); // what is left of it reads as no entry
        assertThat(promoted.get(key)).isEqualTo(CLEAN);
    }

    /**
     * Runs {@code change} through {@code member}'s map as the cache does: a call whose backup did
     * not confirm in time is repeated (the change counts once, see {@link StoredEntry}).
     */
    private static void run(HazelcastInstance member, BucketKey key, ApplyChange change) {
        new UncertainRetries(Duration.ofMinutes(1)).run(() -> map(member).executeOnKey(new CounterBucket(key), change));
    }

    private static boolean ownsPartitions(HazelcastInstance member) {
        return member.getPartitionService().getPartitions().stream()
                .anyMatch(partition ->
                        partition.getOwner() != null && partition.getOwner().localMember());
    }

    private static IMap<CounterBucket, StoredEntry> map(HazelcastInstance member) {
        return member.getMap("replicas");
    }

    private HazelcastCounterCache cache(HazelcastInstance member) {
        HazelcastCounterCache cache = HazelcastCounterCache.builder()
                .instance(member)
                .mapName("replicas")
                .cleanEntryTtl(Duration.ofSeconds(1))
                .build();
        caches.add(cache);
        return cache;
    }

    private static BucketKey keyOwnedBy(HazelcastInstance member) {
        return keyOwnedBy(member, 0);
    }

    /** The {@code skip}+1st key (of names key0, key1, ...) whose partition {@code member} owns. */
    private static BucketKey keyOwnedBy(HazelcastInstance member, int skip) {
        for (int i = 0, found = 0; ; i++) {
            BucketKey key = new BucketKey(new CounterKey("ns", "key" + i), Period.ALL, 0);
            if (member.getPartitionService()
                            .getPartition(new CounterBucket(key))
                            .getOwner()
                            .localMember()
                    && found++ == skip) {
                return key;
            }
        }
    }

    /** Stores a value on the owner only, as a change whose backup was lost leaves it. */
    record OwnerOnly(StoredEntry value) implements EntryProcessor<CounterBucket, StoredEntry, Object> {
        @Override
        public Object process(Map.Entry<CounterBucket, StoredEntry> entry) {
            entry.setValue(value);
            return null;
        }

        @Override
        public EntryProcessor<CounterBucket, StoredEntry, Object> getBackupProcessor() {
            return null;
        }
    }

    /** Adds to the pending part, keeping what the entry knows of the database (as core's add does). */
    record Add(long delta) implements EntryChange {
        @Override
        public CounterEntry apply(CounterEntry current) {
            return current == null
                    ? new CounterEntry(0, delta, 0, 0, 0)
                    : new CounterEntry(current.stored(), current.pending() + delta, 0, 0, current.loadedAt());
        }
    }
}
