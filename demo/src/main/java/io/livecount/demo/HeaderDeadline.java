package io.livecount.demo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection that has not sent its first request's headers within a deadline. Jetty's idle
 * timeout alone restarts with every byte, so a client sending one header byte every few seconds
 * (slowloris) would hold its connection, and one of the bounded connection slots, for ever.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Duration deadline;
    private final Scheduler scheduler;

    HeaderDeadline(Duration deadline, Scheduler scheduler) {
        this.deadline = deadline;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            scheduler.schedule(() -> closeIfNoRequest(http), deadline.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void closeIfNoRequest(HttpConnection connection) {
        if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
            connection.getEndPoint().close();
        }
    }
}
