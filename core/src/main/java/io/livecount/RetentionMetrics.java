package io.livecount;

import java.time.Instant;

/**
 * A snapshot of the retention pruning of one service (see {@link NamespaceSettings#retain}).
 *
 * @param rowsPruned bucket rows this service deleted because they were older than their retention,
 *     since it started (rows another node deleted first are not counted)
 * @param lastPrune when the last complete pruning pass ended (by the service's clock), or null if
 *     none has yet
 * @param consecutiveFailures pruning passes that failed since the last complete one; 0 normally
 */
public record RetentionMetrics(long rowsPruned, Instant lastPrune, long consecutiveFailures) {}
