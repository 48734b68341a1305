package io.livecount.demo.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** HTTP on a plain socket, for requests no HTTP client sends: unfinished, oversized, malformed. */
public final class RawSockets {

    private RawSockets() {}

    /** A connection to {@code base}'s host and port, reads timing out after 10 s. */
    public static Socket connect(URI base) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    public static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Writes up to {@code length} zero bytes; returns how many it wrote before the server hung up. */
    public static long sendZeros(Socket socket, long length) {
        byte[] zeros = new byte[64 * 1024];
        long sent = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (sent < length) {
                int n = (int) Math.min(zeros.length, length - sent);
                out.write(zeros, 0, n);
                sent += n;
            }
        } catch (IOException hungUp) {
            // what a server that refuses the body does
        }
        return sent;
    }

    /** The status code of the answer's status line. */
    public static int status(Socket socket) throws IOException {
        String line = readLine(socket.getInputStream());
        if (!line.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: '" + line + "'");
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    /** Whether the server closed the connection (a read ends, rather than waiting 100 ms). */
    public static boolean closedByPeer(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(100);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Heap in use after a few collections: compared before and after, it shows what was kept. */
    public static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new UncheckedIOException(new IOException("connection closed before an answer"));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
