package io.livecount.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 between a JDBC driver and a database server, for failure tests. It can
 * cut every connection, refuse new ones, and lose a reply: forward the request that contains a
 * marker, let the server act on it, then close the connection without relaying the answer.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> loseReplyTo = new AtomicReference<>();
    private volatile boolean refusing;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every open connection (new ones are still accepted unless {@link #refuse}). */
    public void cutAll() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** While true, new connections are closed as soon as they are accepted. */
    public void refuse(boolean refusing) {
        this.refusing = refusing;
    }

    /**
     * The next client request containing {@code marker} (as ASCII/UTF-8 text) reaches the server;
     * 300 ms later its connection is closed without the reply. One shot.
     */
    public void loseReplyTo(String marker) {
        loseReplyTo.set(marker);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(target.getHostString(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                AtomicBoolean replyLost = new AtomicBoolean();
                pump(client, server, true, replyLost);
                pump(server, client, false, replyLost);
            } catch (IOException e) {
                // listener closed, or the server refused: the client sees a closed connection
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer, AtomicBoolean replyLost) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            boolean lastRequest = clientToServer && matchesMarker(buffer, n);
                            if (lastRequest) {
                                replyLost.set(true); // before forwarding: no byte of the reply gets out
                            }
                            if (!clientToServer && replyLost.get()) {
                                return;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                            if (lastRequest) {
                                Thread.sleep(300); // the server executes and commits meanwhile
                                return;
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // one side closed
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private boolean matchesMarker(byte[] buffer, int length) {
        String marker = loseReplyTo.get();
        if (marker == null) {
            return false;
        }
        // text protocols (MySQL, PostgreSQL) send SQL as single bytes; H2's TCP protocol as UTF-16
        boolean found = new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains(marker)
                || new String(buffer, 0, length - length % 2, StandardCharsets.UTF_16BE).contains(marker)
                || length > 1
                        && new String(buffer, 1, length - 1 - (length - 1) % 2, StandardCharsets.UTF_16BE)
                                .contains(marker);
        return found && loseReplyTo.compareAndSet(marker, null);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
