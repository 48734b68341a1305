package io.livecount;

import java.time.Instant;

/**
 * One bucket of a series: the instant the bucket starts and the counter's value in it (0 for a
 * bucket nothing was added to).
 */
public record BucketValue(Instant start, long value) {}
