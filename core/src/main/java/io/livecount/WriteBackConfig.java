package io.livecount;

import io.livecount.spi.CounterCacheFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of FAST mode: how to make the cache that holds pending deltas, and when
 * they are written back. Build it with {@link #builder(CounterCacheFactory)} and pass it to {@link
 * LivecountConfig.Builder#writeBack}. Errors name the setting and the value.
 *
 * <p><b>A value, not a resource.</b> It holds the cache's {@link CounterCacheFactory}, never a
 * running cache: building, copying or sharing it starts nothing. Each service made from it creates
 * its own cache from the factory when it starts and closes that cache when it closes.
 *
 * <p><b>Loss window.</b> A FAST add lives only in memory until its write-back commits. With the
 * in-process caches (Ehcache), a crash of the JVM loses the adds of about the last {@link
 * #maxDelay()} plus the duration of one write-back, plus {@link #localWindow()}; while the database
 * is unreachable, the whole backlog (at most {@link #maxBacklog()} counter buckets). A clean {@code
 * close()} loses nothing. See {@code docs/fast-mode.md}.
 *
 * <p><b>Knobs deliberately left out:</b> the retry backoff of failed write-backs (100 ms doubling
 * to 5 s) and the rows per write-back statement (at most 2,000).
 */
public final class WriteBackConfig {

    /** What an add does when the backlog of unwritten counter buckets is full. */
    public enum BacklogPolicy {
        /** The caller waits until write-backs make room (interruptible). */
        BLOCK,
        /** The add throws {@link BacklogFullException}; nothing of it is kept. */
        FAIL_FAST,
        /** The add is committed at once as a STRICT add would be (and fails as one would). */
        WRITE_THROUGH
    }

    private final CounterCacheFactory cacheFactory;
    private final Duration maxDelay;
    private final long flushThreshold;
    private final int maxDirtyCounters;
    private final long maxBacklog;
    private final BacklogPolicy backlogPolicy;
    private final Duration localWindow;
    private final Duration readRefresh;
    private final Duration closeTimeout;
    private final int parallelStatements;

    private WriteBackConfig(Builder b) {
        this.cacheFactory = b.cacheFactory;
        this.maxDelay = b.maxDelay;
        this.flushThreshold = b.flushThreshold;
        this.maxDirtyCounters = b.maxDirtyCounters;
        this.maxBacklog = b.maxBacklog;
        this.backlogPolicy = b.backlogPolicy;
        this.localWindow = b.localWindow;
        this.readRefresh = b.readRefresh;
        this.closeTimeout = b.closeTimeout;
        this.parallelStatements = b.parallelStatements;
    }

    /**
     * A builder for FAST mode on caches made by {@code cacheFactory}, with the defaults below; for
     * example {@code WriteBackConfig.builder(EhcacheCounterCache.builder().factory())}.
     */
    public static Builder builder(CounterCacheFactory cacheFactory) {
        return new Builder(Objects.requireNonNull(cacheFactory, "cacheFactory"));
    }

    /** Makes the cache: each service calls it once at start-up, and closes the cache it got. */
    public CounterCacheFactory cacheFactory() {
        return cacheFactory;
    }

    /** Longest time a delta waits in the cache before its write-back starts. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** Pending amount (absolute) of one counter bucket that starts a write-back early; 0: off. */
    public long flushThreshold() {
        return flushThreshold;
    }

    /** Number of dirty counter buckets that starts a write-back early. */
    public int maxDirtyCounters() {
        return maxDirtyCounters;
    }

    /** Most dirty counter buckets kept while write-backs fail; then {@link #backlogPolicy()}. */
    public long maxBacklog() {
        return maxBacklog;
    }

    public BacklogPolicy backlogPolicy() {
        return backlogPolicy;
    }

    /** How long adds are summed in the JVM before they reach the cache; zero: off. */
    public Duration localWindow() {
        return localWindow;
    }

    /** Age after which a cached database value is read again on a {@code get}; zero: always. */
    public Duration readRefresh() {
        return readRefresh;
    }

    /** How long {@code close()} keeps retrying the last write-back. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** How many write-back statements of one pass run at once, each on its own connection. */
    public int parallelStatements() {
        return parallelStatements;
    }

    /** Mutable, not thread-safe builder of {@link WriteBackConfig}. */
    public static final class Builder {
        private final CounterCacheFactory cacheFactory;
        private Duration maxDelay = Duration.ofSeconds(1);
        private long flushThreshold = 0;
        private int maxDirtyCounters = 100_000;
        private long maxBacklog = 1_000_000;
        private BacklogPolicy backlogPolicy = BacklogPolicy.BLOCK;
        private Duration localWindow = Duration.ZERO;
        private Duration readRefresh = Duration.ofSeconds(1);
        private Duration closeTimeout = Duration.ofSeconds(30);
        private int parallelStatements = 2;

        private Builder(CounterCacheFactory cacheFactory) {
            this.cacheFactory = cacheFactory;
        }

        /** 10 ms to 1 hour; default 1 s. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = inRange("maxDelay", maxDelay, Duration.ofMillis(10), Duration.ofHours(1));
            return this;
        }

        /**
         * Starts a write-back as soon as one counter bucket's pending amount reaches {@code
         * threshold} in absolute value, whatever the deltas that got it there; 0 (default) turns it
         * off.
         */
        public Builder flushThreshold(long threshold) {
            if (threshold < 0) {
                throw new IllegalArgumentException("flushThreshold must be 0 (off) or positive, was " + threshold);
            }
            this.flushThreshold = threshold;
            return this;
        }

        /**
         * 1 to 10,000,000; default 100,000. Keep it above the number of counter buckets that are
         * busy within one {@code maxDelay}: otherwise every pass finds them dirty again at once and
         * write-backs run back to back (measured: at 10,000 busy buckets and the limit 10,000, nine
         * passes a second instead of one, and 3.3 instead of 0.96 statements per million adds).
         */
        public Builder maxDirtyCounters(int maxDirtyCounters) {
            if (maxDirtyCounters < 1 || maxDirtyCounters > 10_000_000) {
                throw new IllegalArgumentException(
                        "maxDirtyCounters must be between 1 and 10000000, was " + maxDirtyCounters);
            }
            this.maxDirtyCounters = maxDirtyCounters;
            return this;
        }

        /** 1 to 1,000,000,000 counter buckets; default 1,000,000. */
        public Builder maxBacklog(long maxBacklog, BacklogPolicy policy) {
            if (maxBacklog < 1 || maxBacklog > 1_000_000_000L) {
                throw new IllegalArgumentException("maxBacklog must be between 1 and 1000000000, was " + maxBacklog);
            }
            this.maxBacklog = maxBacklog;
            this.backlogPolicy = Objects.requireNonNull(policy, "backlogPolicy");
            return this;
        }

        /** Zero (off, the default) to 1 s. */
        public Builder localWindow(Duration window) {
            this.localWindow = inRange("localWindow", window, Duration.ZERO, Duration.ofSeconds(1));
            return this;
        }

        /** Zero to 1 hour; default 1 s. */
        public Builder readRefresh(Duration refresh) {
            this.readRefresh = inRange("readRefresh", refresh, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /** Zero to 1 hour; default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = inRange("closeTimeout", timeout, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /**
         * 1 to 16; default 2. A pass cuts its sorted dirty buckets into contiguous ranges and writes
         * this many at once, each on its own connection (so a pass borrows up to this many from the
         * pool) and each statement still in sorted order; passes themselves never overlap. Two
         * statements overlap the client's work on one with the database's work on the other: on
         * 2 cores, 2 wrote a pass of 10,000 buckets 1.6 × (MariaDB) and 1.3 × (PostgreSQL) as fast
         * as 1 (medians of 3 runs, {@code
         * docs/performance.md}). 1 writes one statement at a time, as before.
         */
        public Builder parallelStatements(int parallelStatements) {
            if (parallelStatements < 1 || parallelStatements > 16) {
                throw new IllegalArgumentException(
                        "parallelStatements must be between 1 and 16, was " + parallelStatements);
            }
            this.parallelStatements = parallelStatements;
            return this;
        }

        public WriteBackConfig build() {
            if (maxBacklog < maxDirtyCounters) {
                throw new IllegalArgumentException(
                        "maxBacklog (" + maxBacklog + ") must be at least maxDirtyCounters (" + maxDirtyCounters + ")");
            }
            return new WriteBackConfig(this);
        }

        private static Duration inRange(String setting, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, setting);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        setting + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }
    }
}
