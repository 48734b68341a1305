package io.livecount.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one scenario with a number of threads: reset, warm-up, measured phase, verification. Every
 * thread increments keys picked uniformly at random until time is up; an increment counts once it
 * has returned (committed).
 */
final class Runner {

    /**
     * What one run measured. {@code lost} = completed increments − increase of the stored total;
     * {@code statements}: database statements of the measured phase and the final {@code
     * storedTotal} (-1: not counted, see {@link Scenario#statements}); {@code cpuNanos}: CPU time
     * this JVM spent in the measured phase, all its threads (an in-memory H2 and Hazelcast members
     * of the benchmark included, a database server not; -1: not measured); {@code flushNanos}: how
     * long the final {@code storedTotal} took to write what the measured phase left in memory (-1:
     * nothing held in memory, see {@link Scenario#lastFlushNanos}).
     */
    record Result(
            long operations, long nanos, long lost, long retries, long statements, long cpuNanos, long flushNanos) {
        long opsPerSecond() {
            return Math.round(operations * 1e9 / nanos);
        }

        /** Operations per second of the measured phase and the final flush together. */
        long writtenOpsPerSecond() {
            return Math.round(operations * 1e9 / (nanos + flushNanos));
        }
    }

    /**
     * A scenario that times something other than increments from many threads (the {@code flush}
     * scenario times only the write-back); {@link #run} hands the whole run to it.
     */
    interface SelfTimed {
        Result run(List<String> keys, int warmupSeconds, int seconds) throws Exception;
    }

    /** An increment threw; the run has no valid result. */
    static final class RunFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        RunFailedException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    private record Phase(long operations, long nanos) {}

    private Runner() {}

    static Result run(Scenario scenario, List<String> keys, int threads, int warmupSeconds, int seconds)
            throws Exception {
        if (scenario instanceof SelfTimed selfTimed) {
            return selfTimed.run(keys, warmupSeconds, seconds);
        }
        scenario.reset(keys);
        if (warmupSeconds > 0) {
            phase(scenario, keys.size(), threads, warmupSeconds);
        }
        long totalBefore = scenario.storedTotal();
        long statementsBefore = scenario.statements();
        long retriesBefore = scenario.retries();
        long cpuBefore = processCpuNanos();
        Phase measured = phase(scenario, keys.size(), threads, seconds);
        long cpuNanos = processCpuNanos() - cpuBefore;
        long increase = scenario.storedTotal() - totalBefore;
        long statementsAfter = scenario.statements();
        return new Result(
                measured.operations(),
                measured.nanos(),
                measured.operations() - increase,
                scenario.retries() - retriesBefore,
                statementsBefore < 0 ? -1 : statementsAfter - statementsBefore,
                cpuNanos,
                scenario.lastFlushNanos());
    }

    /**
     * CPU time of this JVM: steadier than throughput on a machine whose speed swings between runs,
     * and it shows what work a scenario adds to the same operations.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Lets {@code threads} workers increment for {@code seconds}, then waits for all of them. */
    private static Phase phase(Scenario scenario, int keyCount, int threads, int seconds)
            throws InterruptedException, RunFailedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAdder operations = new LongAdder();
        int perCall = scenario.batchSize(keyCount);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(
                    () -> {
                        long done = 0;
                        try {
                            start.await();
                            ThreadLocalRandom random = ThreadLocalRandom.current();
                            while (!stop.get()) {
                                scenario.increment(random.nextInt(keyCount));
                                done += perCall;
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            operations.add(done);
                            finished.countDown();
                        }
                    },
                    "bench-" + scenario.name() + "-" + i);
            worker.start();
            workers.add(worker);
        }
        long startNanos = System.nanoTime();
        start.countDown();
        finished.await(seconds, TimeUnit.SECONDS); // returns early only if every worker failed
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        long nanos = System.nanoTime() - startNanos; // includes the increments in flight at the stop
        if (failure.get() != null) {
            throw new RunFailedException(failure.get());
        }
        return new Phase(operations.sum(), nanos);
    }
}
