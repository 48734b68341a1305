package io.livecount.hazelcast.internal;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Notices when this JVM stopped running for a while (a stop-the-world pause, {@code SIGSTOP}, a
 * suspended virtual machine): one daemon thread per JVM wakes every {@value #TICK_MILLIS} ms and
 * records every gap between two of its ticks longer than {@value #NOTABLE_MILLIS} ms. Whoever asks
 * right after the JVM resumed, before the thread ran again, learns it too: the last tick is then
 * old.
 *
 * <p>Why: a member frozen longer than the cluster's heartbeat timeout has been removed by the others
 * and its partitions handed to its backups, but when it wakes up Hazelcast resets its heartbeat
 * timestamps ("huge system clock jump") and, for a moment, it still acts as the owner of partitions
 * it lost. See {@link PauseGuard}.
 *
 * <p>Thread-safe; the check costs a clock read and two volatile reads.
 */
final class PauseWatch {

    static final long TICK_MILLIS = 100;
    static final long NOTABLE_MILLIS = 1_000;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final long NOTABLE_NANOS = TimeUnit.MILLISECONDS.toNanos(NOTABLE_MILLIS);
    private static final int REMEMBERED = 8;

    private static final PauseWatch JVM = ticking(new PauseWatch(System::nanoTime));

    /** A gap between two ticks: the JVM did not run from {@code endNanos - lengthNanos} to {@code endNanos}. */
    record Pause(long endNanos, long lengthNanos) {}

    private final LongSupplier nanoClock;
    private volatile long lastTickNanos;
    private volatile Pause[] recent = new Pause[0];

    /** A watch nobody ticks: {@link #tick} is called by the JVM's thread, or by a test. */
    PauseWatch(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastTickNanos = nanoClock.getAsLong();
    }

    static PauseWatch jvm() {
        return JVM;
    }

    private static PauseWatch ticking(PauseWatch watch) {
        Thread ticker = new Thread(
                () -> {
                    while (true) {
                        try {
                            Thread.sleep(TICK_MILLIS);
                        } catch (InterruptedException e) {
                            return; // only at JVM exit: the thread is a daemon and nobody else interrupts it
                        }
                        watch.tick();
                    }
                },
                "livecount-pause-watch");
        ticker.setDaemon(true);
        ticker.start();
        return watch;
    }

    /**
     * Whether the JVM stopped for at least {@code minimumNanos} at a time that ended less than
     * {@code withinNanos} ago, or has not been seen running for {@code minimumNanos} (it just woke
     * up).
     */
    boolean pausedRecently(long minimumNanos, long withinNanos) {
        return pausedSince(nanoClock.getAsLong() - withinNanos, minimumNanos);
    }

    /**
     * Whether the JVM stopped for at least {@code minimumNanos} at some time after {@code
     * sinceNanos} (a {@link System#nanoTime} reading), or may be doing so right now.
     */
    boolean pausedSince(long sinceNanos, long minimumNanos) {
        if (nanoClock.getAsLong() - lastTickNanos >= minimumNanos) {
            return true;
        }
        for (Pause pause : recent) {
            if (pause.lengthNanos >= minimumNanos && pause.endNanos - sinceNanos > 0) {
                return true;
            }
        }
        return false;
    }

    /** One tick, {@value #TICK_MILLIS} ms after the last one unless the JVM stood still. */
    void tick() {
        long now = nanoClock.getAsLong();
        long gap = now - lastTickNanos - TICK_NANOS;
        if (gap >= NOTABLE_NANOS) {
            remember(new Pause(now, gap)); // before the new tick: no check in between misses the pause
        }
        lastTickNanos = now;
    }

    private void remember(Pause pause) {
        Pause[] kept = Arrays.copyOf(recent, Math.min(REMEMBERED, recent.length + 1));
        System.arraycopy(kept, 0, kept, 1, kept.length - 1);
        kept[0] = pause;
        recent = kept;
    }
}
