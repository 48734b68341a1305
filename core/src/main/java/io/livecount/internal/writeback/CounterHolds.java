package io.livecount.internal.writeback;

import io.livecount.CounterKey;
import io.livecount.spi.DeleteParticipant;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Holds a counter on this node for a delete, in the one place that takes this node's locks for it,
 * in the order pass, window, counter stripe (a pass drains the window under its lock; an add holds
 * its stripe only around its cache changes): {@link #holding} runs a delete while no write-back
 * pass and no drain of the local window runs (every sum added before is drained first, whole) and
 * no add of the counter is half in the cache.
 *
 * <p>A delete on this node alone (a cache of its own) runs within {@link #holding} on its caller's
 * thread. For a delete on every node of a shared cache, this is the node's {@link
 * DeleteParticipant}: {@link #hold} runs {@link #holding} on a thread of its own (the locks belong
 * to the thread that takes them), which reports it held, writes the node's share of the counter
 * when asked, and waits for the release or the lease, then discards the counter and lets go.
 *
 * <p>Thread-safe.
 */
final class CounterHolds implements DeleteParticipant {

    private static final System.Logger LOG = System.getLogger(CounterHolds.class.getName());

    /** What a closing service holds: nothing (it writes all it has, through its last pass). */
    private static final Hold NOTHING_HELD = new Hold() {
        @Override
        public void writeShare() {}

        @Override
        public void release() {}
    };

    private final WriteBackEngine engine;
    private final Object window; // the local window's lock; null: no window
    private final Runnable drainWindow;
    private final AddGate gate;
    private final Consumer<CounterKey> writeCounter;
    private final Consumer<CounterKey> discardCounter;
    private final Set<Held> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    CounterHolds(
            WriteBackEngine engine,
            Object window,
            Runnable drainWindow,
            AddGate gate,
            Consumer<CounterKey> writeCounter,
            Consumer<CounterKey> discardCounter) {
        this.engine = engine;
        this.window = window;
        this.drainWindow = drainWindow;
        this.gate = gate;
        this.writeCounter = writeCounter;
        this.discardCounter = discardCounter;
    }

    /** Runs {@code work} while {@code key} is held on this node (see above), on the caller's thread. */
    <T> T holding(CounterKey key, Supplier<T> work) {
        return engine.betweenPasses(() -> {
            if (window == null) {
                return gate.exclusively(key, work);
            }
            synchronized (window) {
                drainWindow.run();
                return gate.exclusively(key, work);
            }
        });
    }

    @Override
    public Hold hold(CounterKey counter, Duration lease) {
        if (closed) {
            return NOTHING_HELD; // no add comes any more; the closing service writes what it holds
        }
        Held held = new Held(counter, lease);
        active.add(held);
        if (closed) {
            held.release(); // close() may have missed it
        }
        Thread thread = new Thread(held::run, "livecount-delete-hold");
        thread.setDaemon(true);
        thread.start();
        held.awaitHeld();
        return held;
    }

    /** Refuses new holds and releases those in progress at once, so that closing waits for none. */
    void close() {
        closed = true;
        active.forEach(Held::release);
    }

    /**
     * One hold, on a thread of its own: takes the locks, reports held, then runs what it is asked
     * ({@link #writeShare}) until it is released or its lease is over, then discards the counter
     * and lets go of the locks.
     */
    private final class Held implements Hold {
        private static final Runnable RELEASE = () -> {};

        private final CounterKey counter;
        private final Duration lease;
        private final CompletableFuture<Void> held = new CompletableFuture<>();
        private final BlockingQueue<Runnable> requests = new LinkedBlockingQueue<>();
        private volatile boolean over;

        Held(CounterKey counter, Duration lease) {
            this.counter = counter;
            this.lease = lease;
        }

        void run() {
            try {
                holding(counter, () -> {
                    held.complete(null);
                    serveUntilReleased();
                    discardCounter.accept(counter);
                    return null;
                });
            } catch (RuntimeException | Error failure) {
                if (!held.completeExceptionally(failure)) {
                    LOG.log(System.Logger.Level.WARNING, "discarding deleted counter " + counter + " failed", failure);
                }
            } finally {
                over = true;
                active.remove(this);
                for (Runnable left; (left = requests.poll()) != null; ) {
                    left.run(); // a write asked too late: it fails
                }
            }
        }

        private void serveUntilReleased() {
            long deadline = System.nanoTime() + lease.toNanos();
            while (true) {
                Runnable request;
                try {
                    request = requests.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException ignored) {
                    continue; // our own thread: nobody interrupts it but to end the hold, which release() does
                }
                if (request == null) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "counter {0} was held for a delete on another node, which did not release it"
                                    + " within {1} (it died or stalled): released; adds of it go on",
                            counter,
                            lease);
                }
                if (request == null || request == RELEASE) {
                    over = true;
                    return;
                }
                request.run();
            }
        }

        void awaitHeld() {
            await(held);
        }

        @Override
        public void writeShare() {
            CompletableFuture<Void> written = new CompletableFuture<>();
            requests.add(() -> {
                if (over) {
                    written.completeExceptionally(
                            new IllegalStateException("the hold of " + counter + " for a delete ended already"));
                    return;
                }
                try {
                    writeCounter.accept(counter);
                    written.complete(null);
                } catch (RuntimeException | Error failure) {
                    written.completeExceptionally(failure);
                }
            });
            if (over) { // the thread may have drained the requests before this one came
                requests.poll();
                throw new IllegalStateException("the hold of " + counter + " for a delete ended already");
            }
            await(written);
        }

        @Override
        public void release() {
            requests.add(RELEASE);
        }
    }

    /** Waits for {@code done} however often interrupted (what is under way must be seen through). */
    private static void await(CompletableFuture<Void> done) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
