package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The callers of a cache")
class CallersTest {

    private final Callers callers = new Callers();

    @Test
    @DisplayName("a thread gets back the caller it gave back, numbering on")
    void reused() {
        Callers.Caller first = callers.borrow();
        assertThat(first.nextSequence()).isEqualTo(1);
        callers.giveBack(first);

        Callers.Caller again = callers.borrow();
        assertThat(again).isSameAs(first);
        assertThat(again.nextSequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("calls at once get different callers")
    void concurrentCallsDiffer() {
        Callers.Caller one = callers.borrow();
        Callers.Caller two = callers.borrow();
        assertThat(two).isNotSameAs(one);
        assertThat(two.id()).isNotEqualTo(one.id());
    }

    @Test
    @DisplayName("no caller is ever held by two threads at once, and few are made")
    void neverShared() throws InterruptedException {
        Map<Callers.Caller, AtomicBoolean> inUse = new ConcurrentHashMap<>();
        AtomicLong shared = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 200_000; i++) {
                    Callers.Caller caller = callers.borrow();
                    AtomicBoolean busy = inUse.computeIfAbsent(caller, c -> new AtomicBoolean());
                    if (!busy.compareAndSet(false, true)) {
                        shared.incrementAndGet();
                    }
                    caller.nextSequence();
                    busy.set(false);
                    callers.giveBack(caller);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(shared).hasValue(0);
        assertThat(inUse.size()).isLessThan(1_000); // reused, not one per call
    }
}
