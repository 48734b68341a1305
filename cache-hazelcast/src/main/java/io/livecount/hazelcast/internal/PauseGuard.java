package io.livecount.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.spi.properties.HazelcastProperties;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a member that has just woken from a long pause from changing entries until the cluster has
 * settled who owns its partitions.
 *
 * <p>A member frozen for at least half the heartbeat timeout ({@code
 * hazelcast.max.no.heartbeat.seconds}) may have been removed by the others, who then promoted the
 * backups of its partitions and went on adding to them. When it wakes up, Hazelcast resets its
 * heartbeat timestamps (it takes the pause for a clock jump), so for a moment it still believes
 * it owns those partitions, and even a recently-active split-brain protection lets its operations
 * through: adds it acknowledges there would be dropped by the merge, and write-backs of its stale
 * copies would write deltas the new owners write too. So for one heartbeat timeout plus two
 * heartbeats after such a pause (enough for it to hear that it was removed, or for the others to
 * be heard from again) every change on this member is refused with a {@link
 * SplitBrainProtectionException}, as the split-brain protection itself would refuse it. Backups
 * are never refused: they follow an owner that decided.
 *
 * <p>One per member, kept in its user context. Thread-safe.
 */
public final class PauseGuard {

    private static final String KEY = PauseGuard.class.getName();

    private final long minimumNanos;
    private final long withinNanos;

    private PauseGuard(HazelcastProperties properties) {
        long timeout = properties.getMillis(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS);
        long heartbeat = properties.getMillis(ClusterProperty.HEARTBEAT_INTERVAL_SECONDS);
        this.minimumNanos = TimeUnit.MILLISECONDS.toNanos(timeout / 2); // Hazelcast's own "huge clock jump"
        this.withinNanos = TimeUnit.MILLISECONDS.toNanos(timeout + 2 * heartbeat);
    }

    public static PauseGuard of(HazelcastInstance member) {
        Object guard = member.getUserContext().get(KEY);
        if (guard == null) {
            guard = member.getUserContext()
                    .computeIfAbsent(KEY, key -> new PauseGuard(new HazelcastProperties(member.getConfig())));
        }
        return (PauseGuard) guard;
    }

    /**
     * Null, or the exception for a call that started at {@code startNanos} on this member and
     * spanned a long pause: its change may have run on this member's copy of an entry and never
     * reached the members that own it now (the copy is dropped when this member merges back), or
     * it may have reached them. Nobody can tell which.
     */
    public IndeterminateOperationStateException spannedPause(long startNanos) {
        if (!PauseWatch.jvm().pausedSince(startNanos, minimumNanos)) {
            return null;
        }
        return new IndeterminateOperationStateException(pausedFor()
                + " during the call: the change may or may not have been applied (read the counter to find out)");
    }

    /** Null if changes may go on, or the exception that refuses them. */
    SplitBrainProtectionException refusal() {
        if (!PauseWatch.jvm().pausedRecently(minimumNanos, withinNanos)) {
            return null;
        }
        return new SplitBrainProtectionException(pausedFor() + " less than "
                + TimeUnit.NANOSECONDS.toSeconds(withinNanos)
                + " s ago: the others may have removed it and promoted its backups, so it refuses changes until"
                + " that is settled");
    }

    private String pausedFor() {
        return "this member was paused for " + TimeUnit.NANOSECONDS.toSeconds(minimumNanos)
                + " s or more (half the heartbeat timeout)";
    }
}
