package io.livecount.internal.writeback;

import io.livecount.spi.BucketKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write-backs a node has attempted and does not yet know to have committed, with the buckets
 * each took; which of them it adopted from another node (see {@code FlushCycle.adopt}), and which
 * carry deltas added on another node, so not in this node's pending total.
 *
 * <p>Thread-safe: the runs of a pass attempt and resolve disjoint ids, and the metrics read {@link
 * #isEmpty} from any thread.
 */
final class InFlightWriteBacks {

    private final Map<Long, List<BucketKey>> unresolved = new ConcurrentHashMap<>();
    /** Write-backs of other nodes taken over in this pass: fenced before their rows are written again. */
    private final Set<Long> adopted = ConcurrentHashMap.newKeySet();
    /** Ids whose deltas were added on another node. */
    private final Set<Long> foreignDeltas = ConcurrentHashMap.newKeySet();

    private final SecureRandom random = new SecureRandom(); // thread-safe

    /** Random, so that ids of all nodes and restarts never need coordination; never 0, never one in flight. */
    long newId() {
        long id;
        do {
            id = random.nextLong() & Long.MAX_VALUE;
        } while (id == 0 || unresolved.containsKey(id));
        return id;
    }

    /** Write-back {@code id} of {@code keys} is about to be attempted. */
    void attempt(long id, List<BucketKey> keys) {
        unresolved.put(id, keys);
    }

    boolean isEmpty() {
        return unresolved.isEmpty();
    }

    /** The write-backs in flight now, with their keys. */
    List<Map.Entry<Long, List<BucketKey>>> snapshot() {
        return List.copyOf(unresolved.entrySet());
    }

    /**
     * Whether a write-back in flight is not one of ours: never seen, or already adopted in this
     * pass from another key (a write-back spans many keys, and every one of them is adopted; our own
     * unresolved ones are retried with all their keys at the start of the pass).
     */
    boolean isForeign(long id) {
        return !unresolved.containsKey(id) || adopted.contains(id);
    }

    /** Adds {@code key} to the adopted write-back {@code foreignId}; true if it is the first key adopted. */
    boolean adopt(long foreignId, BucketKey key) {
        adopted.add(foreignId); // first: another run that meets the id meanwhile adopts its key too
        foreignDeltas.add(foreignId);
        List<BucketKey> before = unresolved.get(foreignId);
        unresolved.compute(foreignId, (id, keys) -> {
            List<BucketKey> adoptedKeys = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
            if (!adoptedKeys.contains(key)) {
                adoptedKeys.add(key);
            }
            return adoptedKeys;
        });
        return before == null;
    }

    boolean anyAdopted() {
        return !adopted.isEmpty();
    }

    boolean isAdopted(long id) {
        return adopted.contains(id);
    }

    boolean hasForeignDeltas(long id) {
        return foreignDeltas.contains(id);
    }

    /**
     * A new write-back of ours for {@code keys}, taking over (some of) the rows of {@code oldId},
     * which the caller forgets once it is replaced: it carries foreign deltas if {@code oldId} did.
     */
    long replacement(long oldId, List<BucketKey> keys) {
        long newId = newId();
        if (foreignDeltas.contains(oldId)) {
            foreignDeltas.add(newId);
        }
        attempt(newId, keys);
        return newId;
    }

    /** Write-back {@code id} is resolved (committed, or nothing of it left in flight). */
    void forget(long id) {
        unresolved.remove(id);
        adopted.remove(id);
        foreignDeltas.remove(id);
    }
}
