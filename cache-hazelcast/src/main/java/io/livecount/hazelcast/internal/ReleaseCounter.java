package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/** Sent to every member by {@link ClusterDeletes} after the rows were deleted: see {@link DeleteHolds#release}. */
final class ReleaseCounter implements Callable<Boolean>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    private final String deleteId;
    private transient HazelcastInstance member;

    ReleaseCounter(String deleteId) {
        this.deleteId = deleteId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public Boolean call() {
        DeleteHolds.release(member.getName(), deleteId);
        return Boolean.TRUE;
    }
}
