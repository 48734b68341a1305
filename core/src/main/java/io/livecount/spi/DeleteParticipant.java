package io.livecount.spi;

import io.livecount.CounterKey;
import java.time.Duration;

/**
 * One node's part in a delete that a shared cache runs on every node ({@link
 * CounterCache#deleteOnEveryNode}). Core gives the cache its node's participant once, through
 * {@link CounterCache#joinDeletes}; the cache calls {@link #hold} on the participant of every
 * node before the rows are deleted, and releases every hold afterwards.
 *
 * <p>Thread-safe. A hold may be taken on one thread and released on another.
 */
public interface DeleteParticipant {

    /**
     * Holds {@code counter} on this node and returns once it is held: waits for a write-back pass
     * in progress, moves the local window into the cache, and waits for the adds of the counter in
     * progress. From then on, until {@link Hold#release}, this node runs no write-back pass and puts
     * no add of the counter into the cache. A hold not released within {@code lease} releases
     * itself and logs a warning (the deleting node died or stalled), so that adds never wait for
     * good. A participant whose service is closing holds nothing and returns at once.
     */
    Hold hold(CounterKey counter, Duration lease);

    /** A hold of one counter on one node. */
    interface Hold {

        /**
         * Writes the counter's unwritten deltas in this node's share of the cache ({@link
         * CounterCache#dirtyKeys()} of this node), once every node holds the counter (before, an
         * add of another node could still put deltas into this node's share); returns once written.
         *
         * @throws RuntimeException (a {@code LivecountException}) when they could not be written, or
         *     an {@link IllegalStateException} when the hold ended already (released, lease over)
         */
        void writeShare();

        /**
         * Ends the hold, after the counter's rows were deleted: drops what of the counter could not
         * be written, makes this node read the counter's values again, and lets passes and adds go
         * on. Does not wait for that. Idempotent.
         */
        void release();
    }
}
