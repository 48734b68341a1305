package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParallelWritersTest {

    @Test
    @DisplayName("runs at once: the caller and a helper meet")
    void concurrent() {
        ParallelWriters writers = new ParallelWriters(2);
        CountDownLatch both = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Runnable meet = () -> {
            threads.add(Thread.currentThread().getName());
            both.countDown();
            try {
                assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        writers.runAll(List.of(meet, meet));
        assertThat(threads).hasSize(2).contains(Thread.currentThread().getName());
        writers.close();
    }

    @Test
    @DisplayName("a failing run does not stop the other; its failure is thrown after both ended")
    void failureWaitsForTheOthers() {
        ParallelWriters writers = new ParallelWriters(2);
        AtomicBoolean otherDone = new AtomicBoolean();
        Runnable fails = () -> {
            throw new IllegalStateException("database down");
        };
        Runnable slow = () -> {
            sleep(200);
            otherDone.set(true);
        };
        assertThatThrownBy(() -> writers.runAll(List.of(fails, slow))).hasMessage("database down");
        assertThat(otherDone).isTrue();
        AtomicBoolean firstDone = new AtomicBoolean();
        assertThatThrownBy(() -> writers.runAll(List.of(() -> firstDone.set(true), fails)))
                .hasMessage("database down");
        assertThat(firstDone).isTrue();
        assertThatThrownBy(() -> writers.runAll(List.of(fails, fails)))
                .hasMessage("database down")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        writers.close();
    }

    @Test
    @DisplayName("after close, and with one writer, everything runs on the caller")
    void inlineAfterClose() {
        for (ParallelWriters writers : List.of(new ParallelWriters(1), closed(new ParallelWriters(3)))) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            Runnable record = () -> threads.add(Thread.currentThread().getName());
            writers.runAll(List.of(record, record, record));
            assertThat(threads).containsExactly(Thread.currentThread().getName());
        }
    }

    private static ParallelWriters closed(ParallelWriters writers) {
        writers.close();
        return writers;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
