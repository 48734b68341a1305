package io.livecount.tck;

import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * An H2 TCP server in this JVM (started once, on a free port, on 127.0.0.1) that serves the test's
 * in-memory H2 database to connections through a proxy and to the crash test's child JVM.
 */
final class H2TcpServer {

    private static Server server;

    private H2TcpServer() {}

    static synchronized int port() {
        if (server == null) {
            try {
                server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon").start();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start an H2 TCP server", e);
            }
        }
        return server.getPort();
    }
}
