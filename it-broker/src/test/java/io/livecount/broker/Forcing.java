package io.livecount.broker;

/**
 * Which batches a {@link ClickConsumer} gives back to the broker after adding them, by their number
 * (1, 2, ...) on that consumer: the redeliveries a test forces.
 */
interface Forcing {

    /** What happens to a batch after its add. */
    enum Ending {
        ACKNOWLEDGE,
        /** The channel is closed before the acknowledgement: the broker redelivers what it had handed out. */
        CLOSE_BEFORE_ACK,
        /** {@code basicNack(lastTag, multiple, requeue)}: every unacknowledged delivery up to the batch's last. */
        REQUEUE
    }

    Ending end(long batch);

    Forcing NONE = batch -> Ending.ACKNOWLEDGE;

    /**
     * Of the first 50 batches, batch 3 of every ten ends with the channel closed before the
     * acknowledgement and batch 7 is requeued; later batches are acknowledged, so that a run ends
     * soon. Each of these gives back the whole prefetch window, batches waiting for their barrier
     * included.
     */
    Forcing SOME = batch -> batch > 50
            ? Ending.ACKNOWLEDGE
            : batch % 10 == 3 ? Ending.CLOSE_BEFORE_ACK : batch % 10 == 7 ? Ending.REQUEUE : Ending.ACKNOWLEDGE;
}
