package io.livecount.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.spi.merge.DiscardMergePolicy;

/**
 * The Hazelcast configuration Livecount's map needs, for members configured in code. (In XML or
 * YAML, write the same settings; {@code docs/cluster.md} shows them.)
 */
public final class LivecountMaps {

    /** How long a member may miss heartbeats and still count towards the majority. */
    public static final int HEARTBEAT_TOLERANCE_MILLIS = 3_000;

    private LivecountMaps() {}

    /**
     * The map's configuration: entries stored as objects (immutable records: no copy needed) without
     * JSON metadata (the default policy inspects every changed value for JSON), one synchronous backup (an acknowledged add is on two members), no
     * eviction or max-idle (entries holding deltas must stay), and {@link DiscardMergePolicy}:
     * after a split-brain the smaller side's copies are dropped, never added to the larger side's.
     */
    public static MapConfig mapConfig(String mapName) {
        return new MapConfig(mapName)
                .setInMemoryFormat(InMemoryFormat.OBJECT) // entry processors and scans use the objects as they are
                .setMetadataPolicy(MetadataPolicy.OFF) // values are never JSON: no JSON check on every change
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setMergePolicyConfig(new MergePolicyConfig().setPolicy(DiscardMergePolicy.class.getName()));
    }

    /**
     * Adds {@link #mapConfig} protected by a split-brain protection that refuses every operation
     * on the map (adds, reads, write-backs) on a side with fewer than {@code minimumClusterSize}
     * members that were heard from in the last {@value #HEARTBEAT_TOLERANCE_MILLIS} ms. Use the
     * majority of the cluster's size: then only one side of a split counts, and the other side's
     * callers get an exception instead of an acknowledgement that the merge would drop. Also sets
     * {@code hazelcast.operation.fail.on.indeterminate.state=true} unless {@code config} sets it:
     * without it, an add whose backup was lost with a member that is then removed could be
     * acknowledged (see {@link HazelcastCounterCache#FAIL_ON_INDETERMINATE}).
     *
     * @return {@code config}
     */
    public static Config protectAgainstSplitBrain(Config config, String mapName, int minimumClusterSize) {
        if (minimumClusterSize < 2) {
            throw new IllegalArgumentException(
                    "minimumClusterSize must be at least 2 (a majority), was " + minimumClusterSize);
        }
        String protection = "livecount-" + mapName + "-majority";
        config.addSplitBrainProtectionConfig(
                SplitBrainProtectionConfig.newRecentlyActiveSplitBrainProtectionConfigBuilder(
                                protection, minimumClusterSize, HEARTBEAT_TOLERANCE_MILLIS)
                        .enabled(true)
                        .build());
        config.addMapConfig(mapConfig(mapName).setSplitBrainProtectionName(protection));
        MapPreparation.failOnIndeterminateUnlessSet(config);
        return config;
    }
}
