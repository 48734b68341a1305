package io.livecount;

/** A counter and its value in one bucket, as returned by {@link CounterOperations#top}. */
public record CounterValue(CounterKey key, long value) {}
