package io.livecount.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.livecount.spi.CounterCacheFactory;
import java.time.Duration;

/**
 * The settings of a Hazelcast cache, as a {@link CounterCacheFactory}. Who owns the Hazelcast
 * instance is part of the value ({@link #startsMember()}): with {@link HazelcastCounterCache.Builder#startMember},
 * each {@link #create()} starts a new embedded member, which that cache shuts down when it is
 * closed; with {@link HazelcastCounterCache.Builder#instance}, every cache works on the application's instance and
 * none shuts it down (the application does, after closing the service). Make it with {@code
 * HazelcastCounterCache.builder()...factory()}. Immutable, except that it keeps the {@link Config}
 * it was given, which must not be changed afterwards.
 */
public final class HazelcastCacheFactory implements CounterCacheFactory {
    private final HazelcastInstance instance; // the application's: no cache shuts it down
    private final Config memberConfig; // or: each cache starts, and shuts down, a member of its own
    private final String mapName;
    private final Duration cleanEntryTtl;

    HazelcastCacheFactory(HazelcastInstance instance, Config memberConfig, String mapName, Duration cleanEntryTtl) {
        this.instance = instance;
        this.memberConfig = memberConfig;
        this.mapName = mapName;
        this.cleanEntryTtl = cleanEntryTtl;
    }

    /** Whether each cache starts its own member and shuts it down on close. */
    public boolean startsMember() {
        return memberConfig != null;
    }

    /** The application's instance, or null when each cache starts a member. */
    HazelcastInstance instance() {
        return instance;
    }

    /** The config members are started from, or null. */
    Config memberConfig() {
        return memberConfig;
    }

    public String mapName() {
        return mapName;
    }

    public Duration cleanEntryTtl() {
        return cleanEntryTtl;
    }

    /**
     * A new cache, owned by the caller; starts a member if {@link #startsMember()}.
     *
     * @throws IllegalArgumentException if the map is configured to evict or expire idle entries
     */
    @Override
    public HazelcastCounterCache create() {
        return new HazelcastCounterCache(this);
    }

    @Override
    public String toString() {
        return "HazelcastCacheFactory[map " + mapName
                + (startsMember()
                        ? ", starts a member of cluster " + memberConfig.getClusterName()
                        : ", on the application's instance " + instance.getName())
                + "]";
    }
}
