package io.livecount.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.properties.ClusterProperty;
import io.livecount.CounterKey;
import io.livecount.hazelcast.internal.CleanEntrySweeper;
import io.livecount.hazelcast.internal.ClusterDeletes;
import io.livecount.hazelcast.internal.CounterBucket;
import io.livecount.hazelcast.internal.DirtyCount;
import io.livecount.hazelcast.internal.DirtyEntries;
import io.livecount.hazelcast.internal.EntryCalls;
import io.livecount.hazelcast.internal.PauseGuard;
import io.livecount.hazelcast.internal.SpiFailures;
import io.livecount.hazelcast.internal.StoredEntry;
import io.livecount.hazelcast.internal.Swap;
import io.livecount.hazelcast.internal.WriteCount;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import io.livecount.spi.DeleteParticipant;
import io.livecount.spi.EntryChange;
import io.livecount.spi.EntryProcessingCache;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * FAST mode's cache on a Hazelcast {@link IMap} shared by every node of an application. Configure
 * it with {@link #builder()} and pass the builder's {@link Builder#factory() factory()} to {@code
 * WriteBackConfig.builder(...)}: each service then creates its own cache at start-up and closes it
 * when it closes. Closing a cache shuts down the member it started ({@link Builder#startMember}),
 * never an instance the application gave ({@link Builder#instance}).
 *
 * <p><b>Atomicity.</b> Every change of an entry (an add, a write-back taking or completing its
 * deltas, a loaded value) runs as an entry processor on the partition that owns the key, so the
 * load-then-add section is serialized cluster-wide without locks. The owner sends the resulting
 * entry to the map's synchronous backups before the call returns (backup-count 1 by default): an
 * acknowledged add is on two members.
 *
 * <p><b>Write-back.</b> On a member, {@link #dirtyKeys()} returns only the dirty keys of the
 * partitions this member owns: each member writes back its own share, and when a member leaves or
 * dies the new owners of its partitions write back what the backups hold, adopting the write-backs
 * it left in flight (core's markers make sure none is applied twice). On a client every client
 * sees every dirty key; they then compete for the same entries, which stays exact but wastes work:
 * prefer embedded members, or one writing client.
 *
 * <p><b>Expiry.</b> An entry with deltas not yet written never expires; a clean one is removed
 * between {@link Builder#cleanEntryTtl} and one and a half times it after its last change, by a
 * thread of this cache (on a member, for the partitions it owns), and is read again from the
 * database when needed. Entries carry no Hazelcast expiry: Hazelcast expires the owner's and the
 * backup's copies at different times and then removes random backup entries to match the owner's
 * count, which could drop a backup holding deltas. The map must not be configured with eviction or
 * max-idle (checked on a member), since Hazelcast would then drop entries whatever they hold.
 *
 * <p><b>Failures.</b> Hazelcast's exceptions leave this cache as the SPI's kinds, which Livecount
 * reports as its own: a refusal by split-brain protection (or by a member just woken from a long
 * pause), a member or client shut down, and other Hazelcast failures as {@link
 * io.livecount.spi.CacheUnavailableException} (nothing was changed); a change whose outcome
 * cannot be told (see {@link #apply}) as {@link io.livecount.spi.CacheOutcomeUnknownException}.
 *
 * <p>Thread-safe.
 */
public final class HazelcastCounterCache implements EntryProcessingCache {

    /** The map name used unless {@link Builder#mapName} says otherwise. */
    public static final String DEFAULT_MAP = "livecount";

    /**
     * The member property {@code hazelcast.operation.fail.on.indeterminate.state}, which Livecount
     * needs set to true. Without it, Hazelcast answers a call whose owner replied but whose backup
     * did not confirm within the backup timeout (5 s) as if it had succeeded; if that owner is then
     * removed (frozen past the heartbeat timeout, cut off), the add was only on a copy the cluster
     * drops: acknowledged and lost. With it, the call fails as indeterminate and this cache repeats
     * it as the same caller's same call, which counts it once and confirms it on the backups. {@link Builder#startMember} and {@link
     * LivecountMaps#protectAgainstSplitBrain} set it; a member started otherwise without it logs a
     * warning when the cache is built.
     */
    public static final String FAIL_ON_INDETERMINATE = ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName();

    private final HazelcastInstance instance;
    private final boolean ownsInstance;
    private final boolean onMember;
    private final IMap<CounterBucket, StoredEntry> map;
    private final CleanEntrySweeper sweeper; // null: clean entries stay
    private final DirtyCount dirtyCount;
    private final EntryCalls calls;
    private final ClusterDeletes deletes;
    private final WriteCount writes;
    private volatile DeleteParticipant participant; // this node's, once joined

    /** Made by {@link HazelcastCacheFactory#create()}, the one place that decides who owns the instance. */
    HazelcastCounterCache(HazelcastCacheFactory settings) {
        this.ownsInstance = settings.startsMember();
        this.instance = ownsInstance ? Hazelcast.newHazelcastInstance(settings.memberConfig()) : settings.instance();
        this.onMember = instance.getLocalEndpoint() instanceof Member;
        try {
            MapPreparation.prepare(instance, settings.mapName(), onMember);
        } catch (RuntimeException refused) {
            if (ownsInstance) {
                instance.shutdown();
            }
            throw refused;
        }
        this.map = instance.getMap(settings.mapName());
        this.sweeper = settings.cleanEntryTtl().isZero()
                ? null
                : new CleanEntrySweeper(map, onMember, settings.cleanEntryTtl());
        this.dirtyCount = new DirtyCount(() -> dirtyKeys().size()); // which also tells the count
        this.calls = new EntryCalls(map, dirtyCount, onMember ? PauseGuard.of(instance) : null);
        this.deletes = new ClusterDeletes(instance, settings.mapName(), onMember);
        this.writes = new WriteCount(instance, settings.mapName());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Hazelcast instance this cache works on (the one given, or the member it started). */
    public HazelcastInstance instance() {
        return instance;
    }

    /**
     * Runs the change on the key's owner. When Hazelcast cannot tell whether it ran (the owner left
     * or died before answering, a timeout, a backup that did not confirm in time), the same change,
     * as the same caller's same call, is sent again until it is known to have run once and to be on
     * the backups: {@link StoredEntry} recognises a second run, however many changes came between. So an add that
     * returns is counted exactly once, and one that throws is not counted, with one exception: the
     * call throws {@link io.livecount.spi.CacheOutcomeUnknownException} when it cannot tell. That
     * is when this member's JVM stood still during the call for half the heartbeat timeout or more
     * (the change may have run only on a copy the cluster has dropped meanwhile, or on the new
     * owner before this member learnt of it, or not at all), whether it then succeeded
     * or failed; and when an attempt of unknown outcome was followed by a failure (the repeat may
     * have been refused by a copy the first attempt never reached).
     */
    @Override
    public CounterEntry apply(BucketKey key, EntryChange change) {
        return calls.apply(key, change);
    }

    @Override
    public CounterEntry get(BucketKey key) {
        return calls.get(key);
    }

    @Override
    public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
        while (true) {
            if (swap(key, null, Objects.requireNonNull(entry))) {
                return null;
            }
            CounterEntry existing = get(key);
            if (existing != null) {
                return existing;
            } // removed in between: try again
        }
    }

    @Override
    public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
        return swap(key, Objects.requireNonNull(expected), replacement);
    }

    @Override
    public boolean remove(BucketKey key, CounterEntry expected) {
        return swap(key, Objects.requireNonNull(expected), null);
    }

    private boolean swap(BucketKey key, CounterEntry expected, CounterEntry next) {
        try {
            apply(key, new Swap(expected, next));
            return true;
        } catch (EntryChange.Rejected moved) {
            return false;
        }
    }

    @Override
    public Collection<BucketKey> dirtyKeys() {
        Set<CounterBucket> dirty;
        try {
            dirty = onMember ? map.localKeySet(DirtyEntries.INSTANCE) : map.keySet(DirtyEntries.INSTANCE);
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
        dirtyCount.counted(dirty.size());
        return dirty.stream().map(CounterBucket::bucket).toList();
    }

    /** This member's dirty entries: a scan every second, followed in between (see {@link DirtyCount}). */
    @Override
    public long dirtyCount() {
        return dirtyCount.get();
    }

    /** Moves the map's counts of database writes of these counters, which every member and client reads. */
    @Override
    public void countDatabaseWrites(Collection<CounterKey> counters) {
        writes.increment(counters);
    }

    @Override
    public long databaseWriteCount(Collection<CounterKey> counters) {
        return writes.get(counters);
    }

    /** Registers this node's participant where the deletes of every member's cache on the map reach it. */
    @Override
    public boolean joinDeletes(DeleteParticipant thisNode) {
        participant = Objects.requireNonNull(thisNode, "thisNode");
        deletes.join(thisNode);
        return true;
    }

    /**
     * Runs {@code deleteRows} while every member of the cluster holds {@code counter} (each writes
     * its share of the counter's deltas first), one delete of the map at a time in the cluster;
     * see docs/cluster.md for what that holds and costs.
     */
    @Override
    public <T> T deleteOnEveryNode(CounterKey counter, Supplier<T> deleteRows) {
        return deletes.deleteOnEveryNode(counter, deleteRows);
    }

    /** Shuts the member down if this cache started it; leaves a given instance and the map alone. */
    @Override
    public void close() {
        if (participant != null) {
            deletes.leave(participant);
        }
        if (sweeper != null) {
            sweeper.close();
        }
        if (ownsInstance) {
            instance.shutdown();
        }
    }

    /** Mutable, not thread-safe builder; errors name the bad value. */
    public static final class Builder {
        private HazelcastInstance instance;
        private Config config;
        private String mapName = DEFAULT_MAP;
        private Duration cleanEntryTtl = Duration.ofMinutes(10);

        private Builder() {}

        /**
         * Work on an instance the application manages: a member, or a client of a separate cluster.
         * No cache shuts it down: the application does, after closing the service. Exclusive with
         * {@link #startMember}.
         */
        public Builder instance(HazelcastInstance instance) {
            this.instance = Objects.requireNonNull(instance, "instance");
            this.config = null;
            return this;
        }

        /**
         * Start an embedded member from {@code config} each time a cache is created, owned by that
         * cache: closing the cache (the service's {@code close()}) shuts it down. The map gets backup-count 1 (synchronous) unless the config
         * names it, and {@code hazelcast.operation.fail.on.indeterminate.state=true} unless the
         * config sets that property (see {@link #FAIL_ON_INDETERMINATE}; the given config is changed). The member logs
         * through JDK logging unless {@code hazelcast.logging.type} is set, without its banner. Exclusive with {@link #instance}.
         */
        public Builder startMember(Config config) {
            this.config = Objects.requireNonNull(config, "config");
            MapPreparation.failOnIndeterminateUnlessSet(config);
            MemberLogging.applyUnlessSet(config);
            this.instance = null;
            return this;
        }

        /** The IMap holding the counters; default {@value #DEFAULT_MAP}. All nodes of an application use the same. */
        public Builder mapName(String mapName) {
            if (mapName == null || mapName.isBlank()) {
                throw new IllegalArgumentException("mapName must not be blank, was '" + mapName + "'");
            }
            this.mapName = mapName;
            return this;
        }

        /**
         * How long an entry without unwritten deltas stays in the map after its last change (at
         * most half as long again, or a minute, more): 1 second to 30 days, or {@link
         * Duration#ZERO} for never; default 10 minutes. This bounds the
         * map's memory the way Ehcache's entry count does; entries holding deltas never expire.
         */
        public Builder cleanEntryTtl(Duration ttl) {
            if (ttl == null
                    || ttl.isNegative()
                    || (!ttl.isZero() && ttl.compareTo(Duration.ofSeconds(1)) < 0)
                    || ttl.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException(
                        "cleanEntryTtl must be 0 (never) or between 1 second and 30 days, was " + ttl);
            }
            this.cleanEntryTtl = ttl;
            return this;
        }

        /**
         * An immutable factory with these settings, for {@code WriteBackConfig.builder(...)}. It
         * keeps the {@code Config} given to {@link #startMember}: do not change that afterwards.
         *
         * @throws IllegalStateException if neither an instance nor a config was given
         */
        public HazelcastCacheFactory factory() {
            if (instance == null && config == null) {
                throw new IllegalStateException("give either instance(...) or startMember(config)");
            }
            return new HazelcastCacheFactory(instance, config, mapName, cleanEntryTtl);
        }

        /**
         * A new cache, owned by the caller; same as {@code factory().create()}.
         *
         * @throws IllegalStateException if neither an instance nor a config was given
         * @throws IllegalArgumentException if the map is configured to evict or expire idle entries
         */
        public HazelcastCounterCache build() {
            return factory().create();
        }
    }

    @Override
    public String toString() {
        return "HazelcastCounterCache[" + map.getName() + (onMember ? " on member " : " on client ")
                + instance.getName() + "]";
    }
}
