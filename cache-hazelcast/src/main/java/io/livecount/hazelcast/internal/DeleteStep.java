package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Sent to every member by {@link ClusterDeletes} for a delete whose counter every member holds:
 * write the member's share ({@link DeleteHolds#writeShares}), or, once the rows were deleted,
 * release the hold ({@link DeleteHolds#release}).
 */
final class DeleteStep implements Callable<Boolean>, Serializable, HazelcastInstanceAware {

    private static final long serialVersionUID = 1L;

    enum Kind {
        WRITE_SHARES,
        RELEASE
    }

    private final Kind kind;
    private final String deleteId;
    private transient HazelcastInstance member;

    DeleteStep(Kind kind, String deleteId) {
        this.kind = kind;
        this.deleteId = deleteId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance member) {
        this.member = member;
    }

    @Override
    public Boolean call() {
        switch (kind) {
            case WRITE_SHARES -> DeleteHolds.writeShares(member.getName(), deleteId);
            case RELEASE -> DeleteHolds.release(member.getName(), deleteId);
        }
        return Boolean.TRUE;
    }
}
