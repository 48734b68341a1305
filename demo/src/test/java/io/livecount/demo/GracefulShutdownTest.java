package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterService;
import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.demo.testing.LoadGenerator;
import io.livecount.demo.testing.RawSockets;
import io.livecount.demo.testing.RunningDemo;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "hung up first: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("FAST: close() while 64 clients have pipelined 5,000 clicks each and stopped reading the answers"
            + " returns within 5 s, not the 10 s stop timeout, whether they hung up (reset, or closed unread as wrk"
            + " does) or stay connected. The clicks taken are stored")
    void clientsThatStopReadingDoNotHoldTheStop(boolean hungUp) throws Exception {
        RunningDemo demo = RunningDemo.onH2File(directory);
        try (PipeliningClients clients = PipeliningClients.stalled(demo, 64)) {
            if (hungUp) {
                clients.hangUp();
            }
            Duration stop = timedClose(demo);

            assertThat(stop).as("close()").isLessThan(Duration.ofSeconds(5));
        }
        assertClicksStored(demo, 64);
    }

    private static Duration timedClose(RunningDemo demo) {
        long start = System.nanoTime();
        demo.close();
        Duration stop = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("close() took " + stop.toMillis() + " ms");
        return stop;
    }

    /** At least each client's first click (answered), none beyond those sent, in every period. */
    private static void assertClicksStored(RunningDemo demo, int clients) {
        long stored = demo.storedSum("ALL");
        assertThat(stored)
                .as("clicks stored")
                .isBetween((long) clients, (long) clients * PipeliningClients.CLICKS_PER_CLIENT);
        assertThat(demo.storedSum("HOUR")).isEqualTo(stored);
    }

    /**
     * Clients that each send {@value #CLICKS_PER_CLIENT} pipelined clicks and read only the first
     * answer: far more answers than a socket's buffers hold, so the server stops reading and waits
     * to write, one request of each connection in flight.
     */
    private static final class PipeliningClients implements AutoCloseable {

        static final int CLICKS_PER_CLIENT = 5_000;

        private final List<Socket> sockets = new ArrayList<>();
        private final ExecutorService writers;

        private PipeliningClients(int count) {
            writers = Executors.newFixedThreadPool(count);
        }

        static PipeliningClients stalled(RunningDemo demo, int count) throws Exception {
            PipeliningClients clients = new PipeliningClients(count);
            for (int i = 0; i < count; i++) {
                Socket socket = RawSockets.connect(demo.server().uri());
                String requests = clicks(i);
                // a thread each: once the server stops reading, the write blocks
                clients.writers.execute(() -> writeUntilClosed(socket, requests));
                clients.sockets.add(socket);
            }
            for (Socket socket : clients.sockets) {
                assertThat(RawSockets.status(socket)).as("first answer").isEqualTo(302);
            }
            Thread.sleep(500); // the unread answers fill the buffers
            return clients;
        }

        /** Half reset (a killed client), half closed with answers unread (the kernel resets them too, as wrk). */
        void hangUp() throws IOException {
            for (int i = 0; i < sockets.size(); i++) {
                if (i % 2 == 0) {
                    sockets.get(i).setSoLinger(true, 0);
                }
                sockets.get(i).close();
            }
        }

        @Override
        public void close() throws Exception {
            for (Socket socket : sockets) {
                socket.close();
            }
            writers.shutdown();
            assertThat(writers.awaitTermination(10, TimeUnit.SECONDS))
                    .as("writes ended with their sockets")
                    .isTrue();
        }

        private static void writeUntilClosed(Socket socket, String requests) {
            try {
                RawSockets.write(socket, requests);
            } catch (IOException closed) {
                // hung up, or closed by the server's stop
            }
        }

        private static String clicks(int client) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < CLICKS_PER_CLIENT; i++) {
                requests.append("GET /r?u=https%3A%2F%2Fexample.com%2Fc")
                        .append(client)
                        .append("%2F")
                        .append(i % 50)
                        .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            }
            return requests.toString();
        }
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
