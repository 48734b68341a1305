package io.livecount.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.livecount.hazelcast.HazelcastCounterCache;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast members of the Hazelcast scenarios: 1 or 3 members in this JVM, on 127.0.0.1 with
 * TCP join (ports 5751 and up), multicast and phone-home off, a cluster name of this process. With
 * 3 members, two thirds of the operations go to another member over loopback TCP and every change
 * waits for its synchronous backup, as on a real cluster; all members share this JVM's cores.
 */
final class HazelcastMembers implements AutoCloseable {

    private final List<HazelcastInstance> members = new ArrayList<>();

    HazelcastMembers(int count) {
        String cluster = "livecount-bench-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        for (int i = 0; i < count; i++) {
            members.add(Hazelcast.newHazelcastInstance(config(cluster)));
        }
    }

    /** The member the benchmark's threads call through. */
    HazelcastInstance first() {
        return members.get(0);
    }

    /** Every member but the first: each is an application node too, writing back its partitions. */
    List<HazelcastInstance> others() {
        return members.subList(1, members.size());
    }

    private static Config config(String cluster) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // as docs/cluster.md asks of members given to the cache (a backup that does not confirm fails the call)
        config.setProperty(HazelcastCounterCache.FAIL_ON_INDETERMINATE, "true");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(5751).setPortAutoIncrement(true).setPortCount(20).setReuseAddress(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        return config;
    }

    @Override
    public void close() {
        members.forEach(HazelcastInstance::shutdown);
    }
}
