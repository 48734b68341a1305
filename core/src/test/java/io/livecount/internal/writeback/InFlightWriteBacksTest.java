package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.spi.BucketKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The write-backs in flight")
class InFlightWriteBacksTest {

    private static final BucketKey A = new BucketKey(CounterKey.of("ns", "a"), Period.ALL, 0);
    private static final BucketKey B = new BucketKey(CounterKey.of("ns", "b"), Period.ALL, 0);

    private final InFlightWriteBacks inFlight = new InFlightWriteBacks();

    @Test
    @DisplayName("tell an attempt of ours from a write-back never seen, which is another node's")
    void foreign() {
        long ours = inFlight.newId();
        assertThat(ours).isPositive();
        assertThat(inFlight.isForeign(ours)).isTrue(); // not attempted yet
        inFlight.attempt(ours, List.of(A));
        assertThat(inFlight.isForeign(ours)).isFalse();
        assertThat(inFlight.isEmpty()).isFalse();
        assertThat(inFlight.snapshot()).containsExactly(Map.entry(ours, List.of(A)));
        inFlight.forget(ours);
        assertThat(inFlight.isEmpty()).isTrue();
    }

    @Test
    @DisplayName(
            "adopt another node's write-back key by key, stay foreign, and carry its foreign deltas to a replacement")
    void adoption() {
        long theirs = 42;
        assertThat(inFlight.adopt(theirs, A)).as("first key").isTrue();
        assertThat(inFlight.adopt(theirs, B)).as("second key").isFalse();
        assertThat(inFlight.adopt(theirs, B)).as("same key again").isFalse();
        assertThat(inFlight.snapshot()).containsExactly(Map.entry(theirs, List.of(A, B)));
        assertThat(inFlight.isForeign(theirs))
                .as("another key of it is adopted too")
                .isTrue();
        assertThat(inFlight.anyAdopted()).isTrue();
        assertThat(inFlight.hasForeignDeltas(theirs)).isTrue();

        long replacement = inFlight.replacement(theirs, List.of(A, B));
        inFlight.forget(theirs);
        assertThat(inFlight.isAdopted(replacement))
                .as("ours: written, not fenced")
                .isFalse();
        assertThat(inFlight.hasForeignDeltas(replacement))
                .as("still not in our pending total")
                .isTrue();
        assertThat(inFlight.anyAdopted()).isFalse();
        assertThat(inFlight.snapshot()).containsExactly(Map.entry(replacement, List.of(A, B)));
    }

    @Test
    @DisplayName("split one of ours into single rows that keep what the original carried")
    void split() {
        long ours = inFlight.newId();
        inFlight.attempt(ours, List.of(A, B));
        long first = inFlight.replacement(ours, List.of(A));
        long second = inFlight.replacement(ours, List.of(B));
        inFlight.forget(ours);
        assertThat(first).isNotEqualTo(second).isNotEqualTo(ours);
        assertThat(inFlight.snapshot())
                .containsExactlyInAnyOrder(Map.entry(first, List.of(A)), Map.entry(second, List.of(B)));
        assertThat(inFlight.hasForeignDeltas(first)).isFalse();
    }
}
