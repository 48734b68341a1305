package io.livecount.bench;

import io.livecount.CounterKey;
import io.livecount.Period;
import io.livecount.ehcache.EhcacheCounterCache;
import io.livecount.spi.BucketKey;
import io.livecount.spi.CounterEntry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code bench/run --heap}: heap bytes per counter bucket cached by {@link EhcacheCounterCache},
 * put through the SPI as Livecount's core would. Used heap after repeated {@code System.gc()},
 * before and after filling a cache of 1,100,000 heap entries with 1,000,000 entries, divided by
 * 1,000,000. Layouts: 1,000 counters × 1,000 SECOND buckets (keys shared, the realistic one) and
 * 1,000,000 counters × 1 bucket, clean (a database value, nothing pending: Ehcache's heap tier);
 * and 1,000 × 1,000 dirty (one pending delta each: the pinned map of unwritten deltas). Each
 * layout runs in a child JVM with this JVM's options (give it a fixed heap: {@code -Xms4g -Xmx4g}).
 */
final class HeapPerBucket {

    private static final String NAMESPACE = "bench-heap";
    private static final int HEAP_ENTRIES = 1_100_000;
    private static final long FIRST_SECOND = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private HeapPerBucket() {}

    /**
     * Prints one metric line per layout, each measured in a JVM of its own (same class path and JVM
     * options as this one): a previous layout's cache would otherwise linger in "before" through
     * references Ehcache keeps after close (soft ones survive {@code System.gc()} with some
     * collectors). False if a measurement failed or lost entries (evicted: not per bucket).
     */
    static boolean run(Results results) throws IOException, InterruptedException {
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("+"))
                .replace(' ', '_');
        String jvm = "max_heap_mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " gc=" + gc;
        boolean ok = true;
        ok &= measureInChild(results, jvm, 1_000, 1_000, false);
        ok &= measureInChild(results, jvm, 1_000_000, 1, false);
        ok &= measureInChild(results, jvm, 1_000, 1_000, true);
        return ok;
    }

    private static boolean measureInChild(
            Results results, String jvm, int counters, int bucketsPerCounter, boolean dirty)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HeapPerBucket.class.getName());
        command.add(String.valueOf(counters));
        command.add(String.valueOf(bucketsPerCounter));
        command.add(dirty ? "dirty" : "clean");
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = child.waitFor();
        if (exit != 0 && output.isEmpty()) {
            System.err.println("bench: heap: the measurement of " + counters + " x " + bucketsPerCounter
                    + " failed (exit " + exit + ")");
            return false;
        }
        results.metric(
                "heap_bytes_per_bucket",
                String.format(
                        Locale.ROOT,
                        "cache=ehcache state=%s counters=%d buckets_per_counter=%d %s",
                        dirty ? "dirty" : "clean",
                        counters,
                        bucketsPerCounter,
                        jvm),
                Double.parseDouble(output));
        return exit == 0;
    }

    /** Child JVM: {@code counters bucketsPerCounter clean|dirty}; prints bytes per bucket; exit 1 if entries were lost. */
    public static void main(String[] args) throws InterruptedException {
        int counters = Integer.parseInt(args[0]);
        int bucketsPerCounter = Integer.parseInt(args[1]);
        boolean dirty = args[2].equals("dirty");
        long entries = (long) counters * bucketsPerCounter;
        EhcacheCounterCache cache =
                EhcacheCounterCache.builder().heapEntries(HEAP_ENTRIES).build();
        try {
            long before = usedAfterGc();
            long now = System.currentTimeMillis();
            for (int c = 0; c < counters; c++) {
                CounterKey key = CounterKey.of(NAMESPACE, "counter-" + c); // shared by its buckets
                for (int b = 0; b < bucketsPerCounter; b++) {
                    BucketKey bucket = new BucketKey(key, Period.SECOND, FIRST_SECOND + b);
                    CounterEntry entry = dirty
                            ? new CounterEntry(0, 1 + b, 0, 0, 0)
                            : new CounterEntry(1_000L * c + b, 0, 0, 0, now);
                    if (cache.putIfAbsent(bucket, entry) != null) {
                        throw new IllegalStateException("duplicate bucket " + bucket);
                    }
                }
            }
            long after = usedAfterGc();
            long present = countPresent(cache, counters, bucketsPerCounter);
            System.out.println(String.format(Locale.ROOT, "%.3f", (double) (after - before) / entries));
            if (present != entries) {
                System.err.println("bench: heap: only " + present + " of " + entries
                        + " buckets are still cached (evicted?): the figure is not per bucket");
                System.exit(1);
            }
        } finally {
            Reference.reachabilityFence(cache);
            cache.close();
        }
    }

    private static long countPresent(EhcacheCounterCache cache, int counters, int bucketsPerCounter) {
        long present = 0;
        for (int c = 0; c < counters; c++) {
            CounterKey key = CounterKey.of(NAMESPACE, "counter-" + c);
            for (int b = 0; b < bucketsPerCounter; b++) {
                if (cache.get(new BucketKey(key, Period.SECOND, FIRST_SECOND + b)) != null) {
                    present++;
                }
            }
        }
        return present;
    }

    /** Used heap after full collections, repeated until it stops shrinking by more than 0.1 %. */
    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now > used - used / 1000) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
