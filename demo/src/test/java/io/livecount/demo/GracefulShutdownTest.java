package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterService;
import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.demo.testing.LoadGenerator;
import io.livecount.demo.testing.RunningDemo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Stopping the demo under load")
class GracefulShutdownTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("FAST: close() while 8 clients click: every click answered 302 is stored afterwards")
    void everyAcknowledgedClickIsStored() throws Exception {
        RunningDemo demo = RunningDemo.onH2File(directory);
        CompletableFuture<LoadGenerator.Outcome> load = CompletableFuture.supplyAsync(() -> {
            try {
                return LoadGenerator.run(demo.server().uri(), 100_000, 8, 100);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitClicks(demo, 500); // clicks are flowing, most still pending in the cache
        demo.close(); // stops accepting, lets requests in flight finish, then writes what is pending
        LoadGenerator.Outcome outcome = load.get(5, TimeUnit.MINUTES);
        System.out.println("clicks during close(): " + outcome.statuses());

        long redirects = outcome.count(302);
        assertThat(redirects).as("302s before close()").isPositive();
        // 503: a request on an open connection after close() began, refused and not counted
        assertThat(outcome.statuses().keySet()).as("302, 503 or no answer").isSubsetOf(302, 503, 0);
        // A click whose 302 was lost with its connection is stored but unanswered: its outcome is
        // unknown to the client (status 0), so it may be stored or not; no answered one may be lost.
        assertThat(demo.storedSum("ALL")).isBetween(redirects, redirects + outcome.count(0));
        assertThat(demo.storedSum("HOUR")).isEqualTo(demo.storedSum("ALL"));
    }

    /** Waits until the demo has counted {@code clicks} (top() includes FAST's pending clicks). */
    private static void awaitClicks(RunningDemo demo, long clicks) throws InterruptedException {
        CounterService counters = demo.server().counters();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (counters.top(DemoSettings.CLICKS, Period.ALL, Instant.now(), 100).stream()
                        .mapToLong(CounterValue::value)
                        .sum()
                < clicks) {
            assertThat(System.nanoTime())
                    .as("%d clicks counted within 2 minutes", clicks)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
