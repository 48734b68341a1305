package io.livecount.demo.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The load test's HTTP connection")
class NoRetryHttpConnectionTest {

    /** A server on 127.0.0.1 answering each request of each connection with {@code answers[i]} in turn (null: close instead). */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requestLines = new CopyOnWriteArrayList<>();
        final Thread thread;

        ScriptedServer(String... answers) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(answers));
            thread.start();
        }

        private void serve(String[] answers) {
            int next = 0;
            while (next < answers.length) {
                try (Socket connection = socket.accept()) {
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = connection.getOutputStream();
                    for (String line = in.readLine(); line != null && next < answers.length; line = in.readLine()) {
                        requestLines.add(line);
                        while (!in.readLine().isEmpty()) {} // headers
                        String answer = answers[next++];
                        if (answer == null) {
                            break; // the request was read: close without answering
                        }
                        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5_000);
        }
    }

    private static final String FOUND =
            "HTTP/1.1 302 Found\r\nLocation: https://example.com/\r\nContent-length: 0\r\n\r\n";
    private static final String CHUNKED =
            "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";

    @Test
    @DisplayName("reads answers with a length and in chunks from one kept-alive connection")
    void keepAlive() throws Exception {
        try (ScriptedServer server = new ScriptedServer(FOUND, CHUNKED, FOUND);
                NoRetryHttpConnection connection = new NoRetryHttpConnection(server.uri(), Duration.ofSeconds(5))) {
            assertThat(connection.get("/r?u=a")).isEqualTo(302);
            assertThat(connection.get("/r?u=b")).isEqualTo(400);
            assertThat(connection.get("/r?u=c")).isEqualTo(302);
            assertThat(server.requestLines)
                    .containsExactly("GET /r?u=a HTTP/1.1", "GET /r?u=b HTTP/1.1", "GET /r?u=c HTTP/1.1");
        }
    }

    @Test
    @DisplayName("reports a request whose answer was lost as unknown (0) and never sends it again")
    void noRetry() throws Exception {
        try (ScriptedServer server = new ScriptedServer(FOUND, null, FOUND);
                NoRetryHttpConnection connection = new NoRetryHttpConnection(server.uri(), Duration.ofSeconds(5))) {
            assertThat(connection.get("/r?u=a")).isEqualTo(302);
            assertThat(connection.get("/r?u=b")).isEqualTo(NoRetryHttpConnection.NO_ANSWER);
            assertThat(connection.get("/r?u=c")).isEqualTo(302); // on a new connection
            assertThat(server.requestLines)
                    .containsExactly("GET /r?u=a HTTP/1.1", "GET /r?u=b HTTP/1.1", "GET /r?u=c HTTP/1.1");
        }
    }
}
