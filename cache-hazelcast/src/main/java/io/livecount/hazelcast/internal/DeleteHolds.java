package io.livecount.hazelcast.internal;

import io.livecount.CounterKey;
import io.livecount.spi.DeleteParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the delete tasks ({@link HoldCounter}, {@link DeleteStep}) find on a member of this
 * JVM: the {@link DeleteParticipant}s registered per Hazelcast instance and map (a JVM may run
 * several members, and several services per member), and the holds they took, per delete. A
 * release that arrives before its hold (the hold was slow, the delete gave up) is remembered, so
 * that the hold, when it comes, lets go at once instead of at the end of its lease.
 *
 * <p>Thread-safe; static, since a task carries only names.
 */
final class DeleteHolds {

    /** How long a release that found no hold is remembered: longer than any hold takes to arrive. */
    private static final long RELEASED_KEPT_NANOS = Duration.ofMinutes(2).toNanos();

    private static final Map<String, List<DeleteParticipant>> PARTICIPANTS = new ConcurrentHashMap<>();
    /** Per instance and delete: the holds taken (a {@link Taken}), or the time of an early release (a Long). */
    private static final Map<String, Object> HOLDS = new ConcurrentHashMap<>();

    private DeleteHolds() {}

    static void join(String instance, String map, DeleteParticipant participant) {
        PARTICIPANTS
                .computeIfAbsent(instance + '\0' + map, k -> new CopyOnWriteArrayList<>())
                .add(participant);
    }

    static void leave(String instance, String map, DeleteParticipant participant) {
        PARTICIPANTS.computeIfPresent(instance + '\0' + map, (k, list) -> {
            list.remove(participant);
            return list.isEmpty() ? null : list;
        });
    }

    /**
     * Holds {@code counter} with every participant of {@code map} on {@code instance}; returns how
     * many hold. Should one fail, those held are released and its failure thrown.
     */
    static int hold(String instance, String map, String deleteId, CounterKey counter, Duration lease) {
        List<DeleteParticipant.Hold> taken = new ArrayList<>();
        try {
            for (DeleteParticipant participant : PARTICIPANTS.getOrDefault(instance + '\0' + map, List.of())) {
                taken.add(participant.hold(counter, lease));
            }
        } catch (RuntimeException failure) {
            taken.forEach(DeleteParticipant.Hold::release);
            throw failure;
        }
        Object early = HOLDS.putIfAbsent(instance + '\0' + deleteId, new Taken(taken));
        if (early != null) { // released before held: the delete gave up on this member
            HOLDS.remove(instance + '\0' + deleteId, early);
            taken.forEach(DeleteParticipant.Hold::release);
        }
        return taken.size();
    }

    /**
     * Writes the shares of the holds of delete {@code deleteId} on {@code instance} (see {@link
     * DeleteParticipant.Hold#writeShare}); throws when they are gone (released, lease over).
     */
    static void writeShares(String instance, String deleteId) {
        if (!(HOLDS.get(instance + '\0' + deleteId) instanceof Taken taken)) {
            throw new IllegalStateException("the holds of delete " + deleteId + " ended already on " + instance);
        }
        taken.holds.forEach(DeleteParticipant.Hold::writeShare);
    }

    /** Releases the holds of delete {@code deleteId} on {@code instance}, or makes them let go on arrival. */
    static void release(String instance, String deleteId) {
        long now = System.nanoTime();
        HOLDS.values().removeIf(value -> value instanceof Long at && now - at > RELEASED_KEPT_NANOS);
        Object held = HOLDS.putIfAbsent(instance + '\0' + deleteId, now);
        if (held instanceof Taken taken) {
            HOLDS.remove(instance + '\0' + deleteId, held);
            taken.holds.forEach(DeleteParticipant.Hold::release);
        }
    }

    private record Taken(List<DeleteParticipant.Hold> holds) {}
}
