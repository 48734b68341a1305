package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dirty count of a member")
class DirtyCountTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicLong dirtyInMap = new AtomicLong();
    private final DirtyCount count = new DirtyCount(
            () -> {
                scans.incrementAndGet();
                return dirtyInMap.get();
            },
            nanos::get);

    @Test
    @DisplayName("the first question scans; later ones follow this node's own changes without scanning")
    void followsOwnChanges() {
        dirtyInMap.set(7);
        assertThat(count.get()).isEqualTo(7);
        count.changed(1);
        count.changed(1);
        count.changed(-1);
        assertThat(count.get()).isEqualTo(8);
        assertThat(scans).hasValue(1);
    }

    @Test
    @DisplayName("an add does not scan while the write-back counted within the recount interval")
    void writeBackCountSparesTheAdds() {
        count.counted(10);
        for (long millis = 0; millis < DirtyCount.RECOUNT_MILLIS; millis += 500) {
            nanos.set(1_000 + TimeUnit.MILLISECONDS.toNanos(millis));
            assertThat(count.get()).isEqualTo(10);
        }
        assertThat(scans).hasValue(0);
    }

    @Test
    @DisplayName("an add scans once the last count is older than the recount interval")
    void staleCountIsRecounted() {
        count.counted(10);
        dirtyInMap.set(3); // another node wrote back meanwhile
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(DirtyCount.RECOUNT_MILLIS) + 1);
        assertThat(count.get()).isEqualTo(3);
        assertThat(scans).hasValue(1);
    }

    @Test
    @DisplayName("the count never goes below zero when other nodes cleaned entries this node counted")
    void neverNegative() {
        count.counted(1);
        count.changed(-1);
        count.changed(-1);
        assertThat(count.get()).isZero();
    }
}
