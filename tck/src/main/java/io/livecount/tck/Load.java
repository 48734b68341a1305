package io.livecount.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a body on several threads, started together; rethrows the first failure. */
public final class Load {

    /** One thread's work: {@code thread} is 0 to threads - 1. */
    public interface Body {
        void run(int thread) throws Exception;
    }

    private Load() {}

    public static void run(int threads, Body body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            body.run(thread);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "load-" + t);
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a load thread failed: " + failure.get(), failure.get());
        }
    }
}
