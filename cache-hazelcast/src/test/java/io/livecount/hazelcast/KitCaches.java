package io.livecount.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;

/**
 * How the kits' caches map onto Hazelcast. The first cache of a test is the JVM's shared member
 * with a map of its own; every further cache of the same test (a second node) is a new member
 * that joins the cluster, works on the same map, and is shut down with its cache. So a test with
 * one node has a one-member cluster, and the kit's two-node cases run on a real two-member
 * cluster with partitions, backups and migration.
 *
 * <p>The kit's capacity becomes the expiry of clean entries: small capacities (the eviction cases)
 * get one second, so that clean entries keep leaving the map and reads keep loading them.
 */
final class KitCaches {

    private static int maps;
    private static String previousMap; // tests run one at a time
    private String map;
    private int cachesInTest;

    /** Called before each test: a new map (the previous test's is destroyed), and the first node again. */
    void nextTest() {
        synchronized (KitCaches.class) {
            HazelcastInstance shared = TestMembers.shared();
            if (previousMap != null) {
                shared.getMap(previousMap).destroy();
            }
            map = "kit-" + (++maps);
            previousMap = map;
        }
        cachesInTest = 0;
    }

    /** The factory of the test's next node: the kit asks for one per service. */
    HazelcastCacheFactory cacheFactory(int capacity) {
        if (map == null) {
            nextTest(); // a crash child calls cacheFactory on a kit that runs no test
        }
        HazelcastCounterCache.Builder builder = HazelcastCounterCache.builder()
                .mapName(map)
                .cleanEntryTtl(capacity < 10_000 ? Duration.ofSeconds(1) : Duration.ofMinutes(10));
        if (cachesInTest++ == 0) {
            builder.instance(TestMembers.shared());
        } else {
            builder.startMember(TestMembers.config());
        }
        return builder.factory();
    }
}
