package io.livecount.demo.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection on a plain socket that sends each request exactly once: when
 * the connection breaks, the request's outcome is reported as unknown ({@link #NO_ANSWER}) and the
 * next request opens a new connection. Reads the answers the demo's HTTP server
 * gives (a length, chunks, or the end of the connection). Not thread-safe: one per client thread.
 */
final class NoRetryHttpConnection implements AutoCloseable {

    /** The status reported for a request that got no answer: not sent, or sent and the answer lost. */
    static final int NO_ANSWER = 0;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket; // null: none open
    private InputStream in;
    private OutputStream out;

    NoRetryHttpConnection(URI server, Duration timeout) {
        this.host = server.getHost();
        this.port = server.getPort();
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** Sends {@code GET pathAndQuery} once; its status, or {@link #NO_ANSWER}. */
    int get(String pathAndQuery) {
        try {
            if (socket == null) {
                open();
            }
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAnswer();
        } catch (IOException broken) {
            close();
            return NO_ANSWER;
        }
    }

    private void open() throws IOException {
        IOException refused = null;
        for (InetAddress address : InetAddress.getAllByName(host)) { // localhost: ::1 and 127.0.0.1
            Socket candidate = new Socket();
            try {
                candidate.connect(new InetSocketAddress(address, port), timeoutMillis);
                candidate.setSoTimeout(timeoutMillis);
                candidate.setTcpNoDelay(true);
                socket = candidate;
                in = new BufferedInputStream(candidate.getInputStream());
                out = candidate.getOutputStream();
                return;
            } catch (IOException e) {
                candidate.close();
                refused = e;
            }
        }
        throw refused != null ? refused : new IOException("no address for " + host);
    }

    /** Reads one answer: status line, headers, body; closes the connection if the server will. */
    private int readAnswer() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closes = value.contains("close");
                default -> {}
            }
        }
        if (chunked) {
            skipChunks();
        } else if (length >= 0) {
            skip(length);
        } else if (status != 204 && status != 304) {
            in.transferTo(OutputStream.nullOutputStream()); // the body ends with the connection
            closes = true;
        }
        if (closes) {
            close();
        }
        return status;
    }

    private void skipChunks() throws IOException {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
            skip(size);
            readLine(); // the CRLF after the chunk
        }
        while (!readLine().isEmpty()) {} // trailers
    }

    private long chunkSize() throws IOException {
        String line = readLine();
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private void skip(long bytes) throws IOException {
        in.skipNBytes(bytes); // throws EOFException if the connection ends first
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing more to learn
            }
            socket = null;
        }
    }
}
