package io.livecount.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The demo's HTTP server: Jetty 12 with the limits a service exposed to clients needs. Jetty reads
 * requests without holding a thread (a connection that sends half its headers costs a socket, not
 * a request thread), and answers malformed HTTP itself with 4xx.
 *
 * <p>Made in two steps, so that a port in use fails before anything else starts: {@link #bind}
 * opens the listening socket, {@link #start} serves a handler on it.
 */
final class HttpServer {

    /** Request line plus headers; larger ones get 431. */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    /** Request bodies (the login form, the flush button); larger ones get 413 before being read. */
    static final long MAX_REQUEST_BODY_BYTES = 64 * 1024;

    /** A connection with nothing sent or received for this long is closed (keep-alive, stalled I/O). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);

    /** A new connection must have sent its first request's headers within this time. */
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);

    /** Open connections; at the limit Jetty stops accepting and new ones wait in the backlog. */
    static final int MAX_CONNECTIONS = 2_000;

    /** The listen backlog (capped by the kernel's {@code net.core.somaxconn}). */
    static final int ACCEPT_QUEUE = 1_024;

    /** Request threads: FAST clicks never block, STRICT ones wait for one of 10 pooled connections. */
    static final int MAX_THREADS = 32;

    /**
     * Threads that read and write connections, one per core (at most 8), as nginx runs a worker per
     * core: FAST clicks are answered on these threads ({@link ClickPath}), so on one selector a
     * server would answer clicks on one core.
     */
    static final int SELECTORS = Math.min(8, Runtime.getRuntime().availableProcessors());

    /** How long {@link #stop} lets requests in flight finish before closing their connections. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Opens the listening socket; a port in use throws {@link PortInUseException}. */
    static HttpServer bind(String host, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
        threads.setName("livecount-demo-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setStopAtShutdown(false); // DemoServer.close() stops HTTP first, then the CDI container
        ServerConnector connector =
                new ServerConnector(server, 1, SELECTORS, new HttpConnectionFactory(httpConfiguration()));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.addBean(new HeaderDeadline(HEADER_DEADLINE, connector.getScheduler()));
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(MAX_CONNECTIONS, connector));
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);
        try {
            connector.open();
        } catch (IOException e) { // Jetty wraps the BindException
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortInUseException(host, port, e);
            }
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        return new HttpServer(server, connector);
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        return http;
    }

    /**
     * Serves {@code application} behind the body limit (bodies read whole before it sees them, see
     * {@link BodyFirst}), with {@code front} before the limit: it sees every request first and must
     * answer only requests without a body, passing the rest on. Both are inside the in-flight
     * request count that {@link #stop} waits for.
     */
    void start(Handler.Wrapper front, Handler application) {
        SizeLimitHandler bodyLimit = new SizeLimitHandler(MAX_REQUEST_BODY_BYTES, -1);
        bodyLimit.setHandler(new BodyFirst(ClientAddress.noting(application)));
        front.setHandler(bodyLimit);
        server.setHandler(new GracefulHandler(front));
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("the HTTP server did not start", e);
        }
    }

    /** The port it listens on (the one chosen for port 0). */
    int port() {
        return connector.getLocalPort();
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (up to {@link
     * #STOP_TIMEOUT}), then closes every connection and stops the application handler. Never
     * throws: a problem is logged.
     */
    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            // Jetty has stopped everything by now; what it reports is late (requests cut off at
            // the stop timeout) or a handler's failure to stop. Neither must keep the caller from
            // closing the CDI container, which writes the pending clicks.
            System.getLogger(HttpServer.class.getName())
                    .log(System.Logger.Level.WARNING, "the HTTP server did not stop cleanly", e);
        } finally {
            connector.close(); // a socket bound but never started
        }
    }

    /** The port is taken: the one failure a newcomer meets most, told in one line. */
    public static final class PortInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String host, int port, IOException cause) {
            super(
                    "port " + port + " on " + host + " is already in use: choose another with --port (--port 0 takes"
                            + " any free port)",
                    cause);
        }
    }
}
