package io.livecount.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.livecount.CounterKey;
import io.livecount.spi.CacheUnavailableException;
import io.livecount.spi.DeleteParticipant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A delete on every member: {@code HazelcastCounterCache.deleteOnEveryNode}. Deletes of one map
 * run one at a time in the cluster (a lock of the map {@value #LOCKS}, keyed by the map's name;
 * two deletes holding members in different orders would wait for each other). Under it, in
 * three rounds through the executor {@value #EXECUTOR}, each sent to every member and awaited:
 * {@link HoldCounter} (its participants hold the counter: no add of it is in progress anywhere
 * any more); {@link DeleteStep} (first each writes the counter's deltas in the partitions it owns,
 * once no partition migrates); then the rows are deleted, and a second {@link DeleteStep} lets every
 * member go on, having made it read the counter again.
 *
 * <p>A member that does not answer within {@link #ANSWER_TIMEOUT} fails the delete (nothing
 * deleted, the others released). A member that joins during the delete is not held. Clients are
 * not members: a client's own participants are held by the client itself when it deletes, those
 * of other clients not at all. A hold the deleting node never releases (it died) lets go after
 * {@link #LEASE}; so does the lock.
 */
public final class ClusterDeletes {

    static final String EXECUTOR = "livecount-deletes";
    static final String LOCKS = "livecount-deletes";
    /** How long a hold lasts at most, from when it holds. */
    public static final Duration LEASE = Duration.ofSeconds(30);
    /** The least that must be left of the lease when the rows are deleted. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** How long every member has to hold, and to release. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private static final System.Logger LOG = System.getLogger(ClusterDeletes.class.getName());

    private final HazelcastInstance instance;
    private final String map;
    private final boolean onMember;

    public ClusterDeletes(HazelcastInstance instance, String map, boolean onMember) {
        this.instance = instance;
        this.map = map;
        this.onMember = onMember;
    }

    public void join(DeleteParticipant participant) {
        DeleteHolds.join(instance.getName(), map, participant);
    }

    public void leave(DeleteParticipant participant) {
        DeleteHolds.leave(instance.getName(), map, participant);
    }

    public <T> T deleteOnEveryNode(CounterKey counter, Supplier<T> deleteRows) {
        IMap<String, Boolean> locks;
        try {
            locks = instance.getMap(LOCKS);
            if (!locks.tryLock(
                    map, 2 * LEASE.toMillis(), TimeUnit.MILLISECONDS, 2 * LEASE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CacheUnavailableException("another delete of map '" + map + "' did not end in time", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheUnavailableException("interrupted while waiting for another delete", e);
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
        try {
            return underLock(counter, deleteRows);
        } finally {
            try {
                locks.unlock(map);
            } catch (RuntimeException leaseOver) {
                LOG.log(System.Logger.Level.WARNING, "the delete lock of map ''{0}'' was lost: {1}", map, leaseOver);
            }
        }
    }

    private <T> T underLock(CounterKey counter, Supplier<T> deleteRows) {
        String deleteId = UUID.randomUUID().toString();
        long sent = System.nanoTime(); // every hold's lease starts later
        IExecutorService executor;
        Map<Member, Future<Integer>> answers;
        try {
            executor = instance.getExecutorService(EXECUTOR);
            answers = executor.submitToAllMembers(new HoldCounter(map, deleteId, counter, LEASE));
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
        try {
            if (!onMember) { // a client is no member: it holds its own participants itself
                DeleteHolds.hold(instance.getName(), map, deleteId, counter, LEASE);
            }
            awaitAll(answers, "hold counter " + counter);
            // no add is in progress anywhere now: every delta of the counter is in the map
            awaitPartitionsInPlace();
            if (!onMember) {
                DeleteHolds.writeShares(instance.getName(), deleteId);
            }
            awaitAll(
                    submit(executor, new DeleteStep(DeleteStep.Kind.WRITE_SHARES, deleteId)),
                    "write its share of counter " + counter);
            if (System.nanoTime() - sent > LEASE.minus(LEASE_MARGIN).toNanos()) {
                throw new CacheUnavailableException(
                        "holding every member took too long: the holds' lease would end before the rows are deleted",
                        null);
            }
            return deleteRows.get();
        } finally {
            release(executor, deleteId);
        }
    }

    /**
     * Waits while partitions migrate (a member joined or left just before): each member writes the
     * dirty entries of the partitions it owns, and a partition on its way from one to the other
     * could be missed by both.
     */
    private void awaitPartitionsInPlace() {
        if (!onMember) {
            return; // a client cannot tell; the members' shares are written as they stand
        }
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        try {
            while (!instance.getPartitionService().isClusterSafe()) {
                if (System.nanoTime() > deadline) {
                    throw new CacheUnavailableException(
                            "partitions kept migrating for " + ANSWER_TIMEOUT + ": the delete cannot be at one point",
                            null);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheUnavailableException("interrupted while waiting for partitions to migrate", e);
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
    }

    private static <T> Map<Member, Future<T>> submit(IExecutorService executor, Callable<T> task) {
        try {
            return executor.submitToAllMembers(task);
        } catch (RuntimeException failure) {
            throw SpiFailures.translated(failure);
        }
    }

    private void release(IExecutorService executor, String deleteId) {
        if (!onMember) {
            DeleteHolds.release(instance.getName(), deleteId);
        }
        try {
            awaitAll(submit(executor, new DeleteStep(DeleteStep.Kind.RELEASE, deleteId)), "release a delete's holds");
        } catch (RuntimeException failure) { // their leases end the holds
            LOG.log(System.Logger.Level.WARNING, "releasing the holds of a delete failed: {0}", failure.toString());
        }
    }

    private static void awaitAll(Map<Member, ? extends Future<?>> answers, String what) {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        for (Map.Entry<Member, ? extends Future<?>> answer : answers.entrySet()) {
            try {
                answer.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CacheUnavailableException("interrupted while waiting for members to " + what, e);
            } catch (TimeoutException e) {
                throw new CacheUnavailableException(
                        "member " + answer.getKey() + " did not " + what + " within " + ANSWER_TIMEOUT, e);
            } catch (ExecutionException e) {
                throw new CacheUnavailableException(
                        "member " + answer.getKey() + " could not " + what + ": " + e.getCause(), e.getCause());
            } catch (RuntimeException e) {
                throw new CacheUnavailableException("member " + answer.getKey() + " could not " + what + ": " + e, e);
            }
        }
    }
}
