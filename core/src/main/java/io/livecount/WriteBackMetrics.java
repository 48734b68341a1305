package io.livecount;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of the FAST-mode write-back of one service.
 *
 * @param pendingCounters counter buckets with deltas not yet in the database (in the cache)
 * @param pendingTotal the sum of the deltas this service added in FAST mode and has not yet written
 * @param lastSuccessfulFlush when the last write-back committed, or null if none has yet
 * @param consecutiveFailures failed write-back attempts since the last success
 * @param oldestPendingAge an upper bound of the age of the oldest delta not yet written (zero when
 *     nothing is pending)
 * @param flushedRows counter buckets written back since the service started
 * @param flushStatements write-back statements run since the service started
 * @param unwritableBuckets counter buckets holding acknowledged deltas that cannot be written
 *     because the stored value plus the delta leaves the range of a long (see {@link
 *     CounterOverflowException}); 0 normally
 */
public record WriteBackMetrics(
        long pendingCounters,
        long pendingTotal,
        Instant lastSuccessfulFlush,
        long consecutiveFailures,
        Duration oldestPendingAge,
        long flushedRows,
        long flushStatements,
        long unwritableBuckets) {}
