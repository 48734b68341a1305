package io.livecount.demo.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a fixed number of {@code GET /r} requests from concurrent clients and tallies the answers
 * by status code. Each client keeps one connection ({@link NoRetryHttpConnection}) and sends every
 * request exactly once, so that the tally is a sound oracle for what the server counted: a 302
 * means one handled click, and a request whose answer did not arrive is tallied as status 0
 * (unknown: the server may or may not have handled it), never sent again behind the test's back.
 *
 * <p>Not the JDK's {@code HttpClient}, which this test used until it failed once with 20,001 clicks
 * stored for 20,000 answers 302 (PostgreSQL, FAST): that client silently sends a GET again when
 * its pooled connection breaks before the answer's first byte ({@code MultiExchange} retries
 * idempotent requests on {@code ConnectionExpiredException}), so one click can be counted twice
 * while the client sees one answer, and the failure could not tell whether the client or Livecount
 * had doubled it. {@code HttpURLConnection} repeats such GETs too.
 */
public final class LoadGenerator {

    /** What came back: how many answers of each status (0: no answer), and how long it took. */
    public record Outcome(Map<Integer, Long> statuses, Duration elapsed) {
        public long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private LoadGenerator() {}

    /**
     * {@code requests} clicks spread over {@code targets} URLs ({@code https://example.com/load/<i>}),
     * sent by {@code clients} threads, each on a connection of its own.
     */
    public static Outcome run(URI demo, int requests, int clients, int targets) throws Exception {
        ConcurrentMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            Future<?>[] workers = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                workers[c] = pool.submit(() -> {
                    try (NoRetryHttpConnection connection = new NoRetryHttpConnection(demo, Duration.ofSeconds(60))) {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            String target = "https://example.com/load/" + (i % targets);
                            int status = connection.get("/r?u=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
                            statuses.computeIfAbsent(status, s -> new LongAdder())
                                    .increment();
                        }
                    }
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Map<Integer, Long> totals = new ConcurrentHashMap<>();
        statuses.forEach((status, count) -> totals.put(status, count.sum()));
        return new Outcome(Map.copyOf(totals), elapsed);
    }
}
