package io.livecount.broker;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the consumers of one JVM saw and forced, by message id: the messages they gave back to the
 * broker by closing the channel before the acknowledgement or by a requeue, and the messages that
 * came again (the broker's redelivered flag). A test intersects them to show that each way of
 * forcing a redelivery did lead to one.
 */
final class Redeliveries {

    private final Set<String> closedBeforeAck = ConcurrentHashMap.newKeySet();
    private final Set<String> requeued = ConcurrentHashMap.newKeySet();
    private final Set<String> redelivered = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedBatches = new AtomicLong();

    void closedBeforeAck(Collection<String> ids) {
        closedBeforeAck.addAll(ids);
    }

    void requeued(Collection<String> ids) {
        requeued.addAll(ids);
    }

    void redelivered(String id) {
        redelivered.add(id);
    }

    /** A batch whose add threw: requeued without being counted as forced. */
    void failedBatch() {
        failedBatches.incrementAndGet();
    }

    long failedBatches() {
        return failedBatches.get();
    }

    /** All messages delivered again, whatever the reason. */
    long redelivered() {
        return redelivered.size();
    }

    long redeliveredAfterClose() {
        return closedBeforeAck.stream().filter(redelivered::contains).count();
    }

    long redeliveredAfterRequeue() {
        return requeued.stream().filter(redelivered::contains).count();
    }

    /** How many of {@code ids} (a killed consumer's last batch) came again. */
    long redeliveredOf(Collection<String> ids) {
        return ids.stream().filter(redelivered::contains).count();
    }

    @Override
    public String toString() {
        return "redelivered " + redelivered.size() + " (after a closed channel " + redeliveredAfterClose()
                + ", after a requeue " + redeliveredAfterRequeue() + "), batches whose add failed "
                + failedBatches.get();
    }
}
