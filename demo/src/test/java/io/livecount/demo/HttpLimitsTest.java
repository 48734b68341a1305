package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RawHttp;
import io.livecount.demo.testing.RunningDemo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The HTTP server's limits: slow and oversized requests, malformed HTTP")
class HttpLimitsTest {

    private static RunningDemo demo;
    private static DemoClient client;

    @BeforeAll
    static void start() {
        demo = RunningDemo.onH2Memory("http-limits");
        client = demo.client();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    @DisplayName("64 connections that never finish their headers do not stop a normal client (answers within 1 s)")
    void halfOpenConnections() throws Exception {
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 64; i++) {
                Socket socket = RawHttp.connect(client.base());
                socket.getOutputStream()
                        .write(("GET /r?u=http%3A%2F%2Fexample.com%2F HTTP/1.1\r\nHost: localhost\r\n")
                                .getBytes(StandardCharsets.US_ASCII)); // no final CRLF: the headers never end
                halfOpen.add(socket);
            }
            Thread.sleep(200); // the server has read what they sent
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                CompletableFuture<Integer> status = CompletableFuture.supplyAsync(
                        () -> client.click("http://example.com/normal").statusCode());
                assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(302);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            }
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName(
            "200 connections opened at once are all answered, p99 under 1 s (the backlog holds them: no SYN retried)")
    void burstOfConnections() throws Exception {
        int connections = 200;
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> millis = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                millis.add(threads.submit(() -> {
                    go.await();
                    long started = System.nanoTime();
                    try (Socket socket = RawHttp.connect(client.base())) {
                        RawHttp.write(
                                socket,
                                "GET /r?u=http%3A%2F%2Fexample.com%2Fburst HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Connection: close\r\n\r\n");
                        assertThat(RawHttp.status(socket)).isEqualTo(302);
                    }
                    return (System.nanoTime() - started) / 1_000_000;
                }));
            }
            go.countDown();
            List<Long> sorted = new ArrayList<>();
            for (Future<Long> each : millis) {
                sorted.add(each.get(60, TimeUnit.SECONDS));
            }
            Collections.sort(sorted);
            long p99 = sorted.get(connections * 99 / 100 - 1);
            System.out.printf(
                    "200 connections at once: median %d ms, p99 %d ms, max %d ms%n",
                    sorted.get(connections / 2), p99, sorted.get(connections - 1));
            // A connection the backlog drops is retried by the client's TCP after 1 s (then 3 s, 7 s...)
            assertThat(p99).as("p99 in ms").isLessThan(1_000);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("a connection that has not finished its headers within the deadline is closed")
    void headerDeadline() throws Exception {
        try (Socket socket = RawHttp.connect(client.base())) {
            socket.setSoTimeout(
                    Math.toIntExact(HttpServer.HEADER_DEADLINE.plusSeconds(5).toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            // one header byte a second keeps the idle timeout from ever firing
            for (int i = 0; i < HttpServer.HEADER_DEADLINE.toSeconds() + 3 && !RawHttp.closedByPeer(socket); i++) {
                out.write('X');
                out.flush();
                Thread.sleep(1000);
            }
            assertThat(RawHttp.closedByPeer(socket)).as("closed by the server").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(HttpServer.HEADER_DEADLINE.plusSeconds(3));
        }
    }

    @Test
    @DisplayName("a 200 MB unauthenticated POST gets 413 before its body is read, and the heap does not grow by it")
    void oversizedBody() throws Exception {
        long heapBefore = RawHttp.usedHeapAfterGc();
        long length = 200L * 1024 * 1024;
        try (Socket socket = RawHttp.connect(client.base())) {
            RawHttp.write(
                    socket,
                    "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: " + length + "\r\n\r\n");
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> RawHttp.sendZeros(socket, length));
            assertThat(RawHttp.status(socket)).isEqualTo(413);
            assertThat(sent.getNow(-1L))
                    .as("the whole body sent before the answer")
                    .isNotEqualTo(length);
        }
        assertThat(RawHttp.usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(50L * 1024 * 1024);
    }

    @Test
    @DisplayName("a chunked body over the limit gets 413 too")
    void oversizedChunkedBody() throws Exception {
        try (Socket socket = RawHttp.connect(client.base())) {
            StringBuilder request = new StringBuilder("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "a".repeat(8192);
            for (int i = 0; i < 16; i++) {
                request.append(Integer.toHexString(chunk.length()))
                        .append("\r\n")
                        .append(chunk)
                        .append("\r\n");
            }
            request.append("0\r\n\r\n");
            RawHttp.write(socket, request.toString());
            assertThat(RawHttp.status(socket)).isEqualTo(413);
        }
    }

    @Test
    @DisplayName("headers over 8 KiB get 431")
    void oversizedHeaders() {
        HttpResponse<String> response = client.get("", "X-Padding", "a".repeat(HttpServer.MAX_REQUEST_HEADER_BYTES));
        assertThat(response.statusCode()).isEqualTo(431);
    }

    @Test
    @DisplayName("an unknown HTTP version gets 505")
    void unknownVersion() throws IOException {
        try (Socket socket = RawHttp.connect(client.base())) {
            RawHttp.write(socket, "GET /r HTTP/9.9\r\nHost: localhost\r\n\r\n");
            assertThat(RawHttp.status(socket)).isEqualTo(505);
        }
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("malformed HTTP gets 4xx from the server, never 500")
    @ValueSource(
            strings = {
                "GARBAGE\r\n\r\n",
                "GET /r HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n",
                "GET /r HTTP/1.1\r\n\r\n",
                "GET /r HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n",
                "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde",
                "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET /r?u=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET \u0000 HTTP/1.1\r\nHost: localhost\r\n\r\n",
            })
    void malformed(String request) throws IOException {
        try (Socket socket = RawHttp.connect(client.base())) {
            RawHttp.write(socket, request);
            assertThat(RawHttp.status(socket)).isBetween(400, 499);
        }
    }
}
