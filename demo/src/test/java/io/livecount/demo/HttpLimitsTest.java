package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RawSockets;
import io.livecount.demo.testing.RunningDemo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
        // Warm: the timed tests below are about connections, not about the JIT compiling the
        // request path on its first few hundred requests.
        for (int i = 0; i < 500; i++) {
            client.click("http://example.com/warm-up");
        }
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
                Socket socket = RawSockets.connect(client.base());
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
    @DisplayName("200 connections opened within milliseconds are all answered within 1 s (the backlog holds them)")
    void burstOfConnections() throws Exception {
        int connections = 200;
        InetSocketAddress server =
                new InetSocketAddress("127.0.0.1", client.base().getPort());
        List<SocketChannel> channels = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < connections; i++) { // non-blocking: the SYNs leave in a burst
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(server);
                channels.add(channel);
            }
            for (SocketChannel channel : channels) {
                channel.configureBlocking(true);
                channel.finishConnect(); // a SYN that a full backlog dropped is retried after 1 s
                channel.write(ByteBuffer.wrap(("GET /r?u=http%3A%2F%2Fexample.com%2Fburst HTTP/1.1\r\n"
                                + "Host: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
            }
            List<Long> millis = new ArrayList<>();
            for (SocketChannel channel : channels) {
                channel.socket().setSoTimeout(30_000);
                assertThat(RawSockets.status(channel.socket())).isEqualTo(302);
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
            long p99 = millis.get(connections * 99 / 100 - 1); // answers read in order: times ascend
            System.out.printf(
                    "200 connections in a burst: p99 %d ms, all answered after %d ms%n",
                    p99, millis.get(connections - 1));
            assertThat(p99).as("p99 in ms").isLessThan(1_000);
        } finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
    }

    @Test
    @DisplayName("a connection that has not finished its headers within the deadline is closed")
    void headerDeadline() throws Exception {
        try (Socket socket = RawSockets.connect(client.base())) {
            socket.setSoTimeout(
                    Math.toIntExact(HttpServer.HEADER_DEADLINE.plusSeconds(5).toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            // one header byte a second keeps the idle timeout from ever firing
            for (int i = 0; i < HttpServer.HEADER_DEADLINE.toSeconds() + 3 && !RawSockets.closedByPeer(socket); i++) {
                out.write('X');
                out.flush();
                Thread.sleep(1000);
            }
            assertThat(RawSockets.closedByPeer(socket))
                    .as("closed by the server")
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(HttpServer.HEADER_DEADLINE.plusSeconds(3));
        }
    }

    @Test
    @DisplayName("a 200 MB unauthenticated POST gets 413 before its body is read, and the heap does not grow by it")
    void oversizedBody() throws Exception {
        long heapBefore = RawSockets.usedHeapAfterGc();
        long length = 200L * 1024 * 1024;
        try (Socket socket = RawSockets.connect(client.base())) {
            RawSockets.write(
                    socket,
                    "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: " + length + "\r\n\r\n");
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> RawSockets.sendZeros(socket, length));
            assertThat(RawSockets.status(socket)).isEqualTo(413);
            assertThat(sent.getNow(-1L))
                    .as("the whole body sent before the answer")
                    .isNotEqualTo(length);
        }
        assertThat(RawSockets.usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(50L * 1024 * 1024);
    }

    @Test
    @DisplayName("a chunked body over the limit gets 413 too")
    void oversizedChunkedBody() throws Exception {
        try (Socket socket = RawSockets.connect(client.base())) {
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
            RawSockets.write(socket, request.toString());
            assertThat(RawSockets.status(socket)).isEqualTo(413);
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
        try (Socket socket = RawSockets.connect(client.base())) {
            RawSockets.write(socket, "GET /r HTTP/9.9\r\nHost: localhost\r\n\r\n");
            assertThat(RawSockets.status(socket)).isEqualTo(505);
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
        try (Socket socket = RawSockets.connect(client.base())) {
            RawSockets.write(socket, request);
            assertThat(RawSockets.status(socket)).isBetween(400, 499);
        }
    }
}
