package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.livecount.CounterKey;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Sent to every member by {@link ClusterDeletes}: holds a counter with the participants of the
 * map on the member that runs it (see {@link DeleteHolds#hold}); answers once they hold.
 */
final class HoldCounter implements Callable<Integer>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final String map;
    private final String deleteId;
    private final CounterKey counter;
    private final long leaseMillis;
    private transient HazelcastInstance member;

    HoldCounter(String map, String deleteId, CounterKey counter, Duration lease) {
        this.map = map;
        this.deleteId = deleteId;
        this.counter = counter;
        this.leaseMillis = lease.toMillis();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public Integer call() {
        return DeleteHolds.hold(member.getName(), map, deleteId, counter, Duration.ofMillis(leaseMillis));
    }
}
