package io.livecount.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.merge.DiscardMergePolicy;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.spi.properties.HazelcastProperties;

/**
 * What {@link HazelcastCounterCache} checks and configures before it uses the map: Livecount's map
 * configuration where nobody configured the map, and refusals or warnings for settings that would
 * lose deltas.
 */
final class MapPreparation {

    private static final System.Logger LOG = System.getLogger(HazelcastCounterCache.class.getName());

    private MapPreparation() {}

    /**
     * A map nobody configured gets Livecount's configuration, added to the cluster's dynamic
     * configuration before first use: one synchronous backup, no eviction, {@link
     * DiscardMergePolicy}. A map configured by the user is checked (on a member; a client cannot
     * read the cluster's configuration).
     */
    static void prepare(HazelcastInstance instance, String name, boolean onMember) {
        Config config = instance.getConfig();
        if (!onMember || config.getMapConfigOrNull(name) == null) {
            try {
                config.addMapConfig(LivecountMaps.mapConfig(name));
            } catch (InvalidConfigurationException configuredMeanwhile) {
                // another node (or the user) configured it differently: checked below
            }
        }
        if (onMember) {
            checkMapConfig(config.getMapConfig(name));
            checkIndeterminateSetting(config);
        }
    }

    private static void checkMapConfig(MapConfig config) {
        if (config.getEvictionConfig().getEvictionPolicy() != EvictionPolicy.NONE) {
            throw new IllegalArgumentException("map '" + config.getName() + "' is configured with eviction policy "
                    + config.getEvictionConfig().getEvictionPolicy()
                    + ": Hazelcast would evict entries holding deltas not yet written; use NONE"
                    + " (clean entries expire by cleanEntryTtl)");
        }
        if (config.getMaxIdleSeconds() != 0) {
            throw new IllegalArgumentException(
                    "map '" + config.getName() + "' is configured with max-idle-seconds " + config.getMaxIdleSeconds()
                            + ": Hazelcast would drop idle entries holding deltas not yet written; use 0");
        }
        String mergePolicy = config.getMergePolicyConfig().getPolicy();
        if (!DiscardMergePolicy.class.getName().equals(mergePolicy) && !"DiscardMergePolicy".equals(mergePolicy)) {
            throw new IllegalArgumentException("map '" + config.getName() + "' merges with " + mergePolicy
                    + " after a split-brain: the smaller side's copies of entries would add deltas the larger side"
                    + " also holds, or wrote already; use DiscardMergePolicy (see docs/cluster.md)");
        }
        if (config.getBackupCount() + config.getAsyncBackupCount() == 0) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "map ''{0}'' has no backups: the deltas a member holds die with it",
                    config.getName());
        }
    }

    /**
     * Sets {@link HazelcastCounterCache#FAIL_ON_INDETERMINATE} to true on a member's {@code config}
     * unless it says otherwise.
     */
    static void failOnIndeterminateUnlessSet(Config config) {
        if (config.getProperty(HazelcastCounterCache.FAIL_ON_INDETERMINATE) == null) {
            config.setProperty(HazelcastCounterCache.FAIL_ON_INDETERMINATE, "true");
        }
    }

    /** See {@link HazelcastCounterCache#FAIL_ON_INDETERMINATE}. */
    private static void checkIndeterminateSetting(Config config) {
        if (!new HazelcastProperties(config).getBoolean(ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} is not set to true on this member: an add whose backup is lost with an owner that"
                            + " is then removed (frozen or cut off for the heartbeat timeout) is acknowledged"
                            + " and lost (see docs/cluster.md)",
                    HazelcastCounterCache.FAIL_ON_INDETERMINATE);
        }
    }
}
