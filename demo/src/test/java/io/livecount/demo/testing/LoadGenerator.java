package io.livecount.demo.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Sends a fixed number of {@code GET /r} requests from concurrent clients (threads sharing one
 * {@link HttpClient}, redirects never followed) and tallies the answers by status code.
 */
public final class LoadGenerator {

    /** What came back: how many answers of each status, and how long it took. */
    public record Outcome(Map<Integer, Long> statuses, Duration elapsed) {
        public long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private LoadGenerator() {}

    /**
     * {@code requests} clicks spread over {@code targets} URLs ({@code https://example.com/load/<i>}),
     * sent by {@code clients} threads. A request that fails at the network level counts as status 0.
     */
    public static Outcome run(URI demo, int requests, int clients, int targets) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        ConcurrentMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            Future<?>[] workers = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                workers[c] = pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String target = "https://example.com/load/" + (i % targets);
                        HttpRequest request = HttpRequest.newBuilder(
                                        demo.resolve("r?u=" + URLEncoder.encode(target, StandardCharsets.UTF_8)))
                                .timeout(Duration.ofSeconds(60))
                                .build();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (IOException e) {
                            status = 0;
                        }
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
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
