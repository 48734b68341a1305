package io.livecount.demo.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One request sent byte for byte on a fresh socket ({@code Connection: close}), the answer read to
 * the end of the connection. Unlike {@code HttpClient} nothing is normalised: {@code /api;/top},
 * {@code /x/../api}, {@code %2F} and a forged {@code Host} reach the server as written.
 */
public final class RawHttp {

    /** A parsed answer; header names as sent. */
    public record Answer(int status, List<String[]> headers, String body) {

        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h[0].equalsIgnoreCase(name))
                    .map(h -> h[1])
                    .findFirst();
        }

        /** Every header line, for messages and for "this text appears nowhere" checks. */
        public String headerText() {
            StringBuilder text = new StringBuilder();
            headers.forEach(h -> text.append(h[0]).append(": ").append(h[1]).append('\n'));
            return text.toString();
        }
    }

    private final URI server;

    public RawHttp(URI server) {
        this.server = server;
    }

    /** {@code method target} with a Host header naming the server and {@code extraHeaders} (lines without CRLF). */
    public Answer send(String method, String target, String... extraHeaders) {
        return sendWithBody(method, target, null, extraHeaders);
    }

    /** As {@link #send}, with {@code body} (and its Content-Length) if not null. */
    public Answer sendWithBody(String method, String target, String body, String... extraHeaders) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        boolean hostGiven = false;
        for (String header : extraHeaders) {
            hostGiven |= header.regionMatches(true, 0, "Host:", 0, 5);
            request.append(header).append("\r\n");
        }
        if (!hostGiven) {
            request.append("Host: ")
                    .append(server.getHost())
                    .append(':')
                    .append(server.getPort())
                    .append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return exchange(request.toString().getBytes(StandardCharsets.ISO_8859_1), bytes, !method.equals("HEAD"));
    }

    private Answer exchange(byte[] head, byte[] body, boolean bodyExpected) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String statusLine = readLine(in);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: '" + statusLine + "'");
            }
            List<String[]> headers = new ArrayList<>();
            long length = -1;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                headers.add(new String[] {name, value});
                if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                    length = Long.parseLong(value);
                }
            }
            byte[] rest = bodyExpected && length != 0 ? in.readAllBytes() : new byte[0];
            return new Answer(
                    Integer.parseInt(statusLine.substring(9, 12)), headers, new String(rest, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
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
}
