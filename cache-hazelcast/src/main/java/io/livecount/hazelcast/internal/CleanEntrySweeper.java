package io.livecount.hazelcast.internal;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes the clean entries that have not changed for the clean-entry TTL, every half TTL (at
 * least every 500 ms, at most every minute), on a daemon thread of its own: on a member those of
 * the partitions it owns, on a client all of them (each client then sweeps the whole map; a removal
 * that finds the entry changed does nothing). The removals are one {@link ExpireClean} sent with
 * {@code executeOnKeys}: one operation per partition, not per key. A sweep that fails (a member
 * leaving, split-brain protection) is logged and the next one tries again: a clean entry that
 * stays longer costs memory, nothing else.
 */
public final class CleanEntrySweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CleanEntrySweeper.class.getName());
    private static final long MIN_PERIOD_MILLIS = 500;
    private static final long MAX_PERIOD_MILLIS = 60_000;

    private final IMap<CounterBucket, StoredEntry> map;
    private final boolean onMember;
    private final long ttlMillis;
    private final ScheduledExecutorService timer;

    public CleanEntrySweeper(IMap<CounterBucket, StoredEntry> map, boolean onMember, Duration ttl) {
        this.map = map;
        this.onMember = onMember;
        this.ttlMillis = ttl.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "livecount-expiry-" + map.getName());
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, ttlMillis / 2));
        timer.scheduleWithFixedDelay(this::sweepLogged, period, period, TimeUnit.MILLISECONDS);
    }

    /** Removes the clean entries unchanged for the TTL now; returns how many it found. */
    public int sweep() {
        long now = System.currentTimeMillis();
        ExpireClean expire = new ExpireClean(now - ttlMillis, now);
        Set<CounterBucket> keys = onMember ? map.localKeySet(expire) : map.keySet(expire);
        if (!keys.isEmpty()) {
            map.executeOnKeys(keys, expire);
        }
        return keys.size();
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.DEBUG, "removing clean entries of map " + map.getName() + " failed", failed);
        }
    }

    /** Stops sweeping; waits for a sweep under way. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
