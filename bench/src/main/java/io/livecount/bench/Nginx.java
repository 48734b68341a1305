package io.livecount.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx (the Debian package) answering {@code /r} with {@code return 302 $arg_u}: the limit of a
 * redirect service on this machine. Runs under a private prefix in {@code directory} with its own
 * pid file, on 127.0.0.1, 2 worker processes, no access log; stopped by the pid in its file.
 */
final class Nginx implements AutoCloseable {

    private final Path directory;
    private final int port;

    private Nginx(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    static Nginx start(Path directory, int port) throws IOException, InterruptedException {
        directory = directory.toAbsolutePath(); // nginx resolves -c against its -p prefix
        Files.createDirectories(directory.resolve("logs"));
        Files.createDirectories(directory.resolve("tmp"));
        Path config = directory.resolve("nginx.conf");
        Files.writeString(config, configuration(directory, port));
        Process process = new ProcessBuilder("nginx", "-p", directory.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("nginx did not start:\n" + output);
        }
        Nginx nginx = new Nginx(directory, port);
        nginx.awaitListening();
        return nginx;
    }

    private static String configuration(Path directory, int port) {
        String tmp = directory.resolve("tmp").toString();
        return """
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %2$s; proxy_temp_path %2$s; fastcgi_temp_path %2$s;
                  uwsgi_temp_path %2$s; scgi_temp_path %2$s;
                  server {
                    listen 127.0.0.1:%3$d;
                    location /r { return 302 $arg_u; }
                  }
                }
                """.formatted(directory, tmp, port);
    }

    int port() {
        return port;
    }

    /** CPU time of the master and worker processes so far, in nanoseconds (from /proc). */
    long cpuNanos() throws IOException {
        long master = masterPid();
        long total = ProcStat.cpuNanos(master);
        for (String child : Files.readString(
                        Path.of("/proc", String.valueOf(master), "task", String.valueOf(master), "children"))
                .trim()
                .split("\\s+")) {
            if (!child.isEmpty()) {
                total += ProcStat.cpuNanos(Long.parseLong(child));
            }
        }
        return total;
    }

    private long masterPid() throws IOException {
        return Long.parseLong(Files.readString(directory.resolve("nginx.pid")).trim());
    }

    private void awaitListening() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx does not listen on " + port);
    }

    /** Stops nginx by the pid in its pid file (the master stops its workers). */
    @Override
    public void close() {
        try {
            long master = masterPid();
            ProcessHandle.of(master).ifPresent(process -> {
                process.destroy(); // SIGTERM: fast shutdown
                process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
