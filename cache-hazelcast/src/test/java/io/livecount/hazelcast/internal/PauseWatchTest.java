package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pause watch on a clock the test moves (the real JVM thread is what ClusterTest.splitBrain freezes). */
@DisplayName("The pause watch")
class PauseWatchTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MINIMUM = 7 * SECOND; // half a 15 s heartbeat timeout
    private static final long WITHIN = 17 * SECOND; // the timeout plus two 1 s heartbeats

    private long now = 1_000 * SECOND;
    private final PauseWatch watch = new PauseWatch(() -> now);

    private void runFor(long nanos) {
        long end = now + nanos;
        while (now < end) {
            now += TimeUnit.MILLISECONDS.toNanos(PauseWatch.TICK_MILLIS);
            watch.tick();
        }
    }

    @Test
    @DisplayName("sees no pause while it ticks on time")
    void ticking() {
        runFor(60 * SECOND);
        assertThat(watch.pausedRecently(MINIMUM, WITHIN)).isFalse();
    }

    @Test
    @DisplayName("reports a long pause to whoever asks before its thread ran again")
    void justWoken() {
        runFor(SECOND);
        now += 8 * SECOND; // frozen: no tick
        assertThat(watch.pausedRecently(MINIMUM, WITHIN)).isTrue();
    }

    @Test
    @DisplayName("reports a long pause for the window after it, and not later")
    void window() {
        runFor(SECOND);
        now += 8 * SECOND;
        watch.tick();
        runFor(16 * SECOND);
        assertThat(watch.pausedRecently(MINIMUM, WITHIN)).isTrue();
        runFor(2 * SECOND);
        assertThat(watch.pausedRecently(MINIMUM, WITHIN)).isFalse();
    }

    @Test
    @DisplayName("ignores pauses shorter than the minimum, and remembers a long one behind short ones")
    void shortPauses() {
        runFor(SECOND);
        now += 3 * SECOND; // a long GC pause, but below half the heartbeat timeout
        watch.tick();
        assertThat(watch.pausedRecently(MINIMUM, WITHIN)).isFalse();
        now += 9 * SECOND;
        watch.tick();
        for (int i = 0; i < 5; i++) {
            now += 2 * SECOND;
            watch.tick();
        }
        assertThat(watch.pausedRecently(MINIMUM, WITHIN)).isTrue();
    }

    @Test
    @DisplayName("tells whether a call that started before a long pause spanned it")
    void spanned() {
        runFor(SECOND);
        long callStart = now;
        assertThat(watch.pausedSince(callStart, MINIMUM)).isFalse();
        now += 8 * SECOND;
        assertThat(watch.pausedSince(callStart, MINIMUM)).isTrue(); // woken, not ticked yet
        watch.tick();
        assertThat(watch.pausedSince(callStart, MINIMUM)).isTrue();
        runFor(SECOND);
        assertThat(watch.pausedSince(now, MINIMUM)).isFalse(); // a call started after it
    }
}
