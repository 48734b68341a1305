package io.livecount.broker;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.ConsistencyMode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ConsumerJvm} started on the test's class path, and killed mid-batch with {@code kill -9}. */
final class ConsumerProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;

    private ConsumerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::read, "consumer-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ConsumerProcess start(
            HikariDataSource database,
            Topology topology,
            String cluster,
            ConsistencyMode mode,
            String queue,
            String namespace)
            throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx384m",
                // what Hazelcast asks for on Java 9+ (the same as the surefire argLine)
                "--add-modules=java.se",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.management/sun.management=ALL-UNNAMED",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dlivecount.test.rabbitmq.port=" + Rabbit.PORT,
                "-cp",
                System.getProperty("java.class.path"),
                ConsumerJvm.class.getName(),
                database.getJdbcUrl(),
                database.getUsername(),
                database.getPassword() == null ? "" : database.getPassword(),
                topology.name(),
                cluster,
                mode.name(),
                queue,
                namespace);
        builder.redirectErrorStream(true);
        Path log = Path.of("target", "consumer-logs", namespace + ".log");
        Files.createDirectories(log.getParent());
        return new ConsumerProcess(builder.start(), log);
    }

    /**
     * Waits until the consumer has acknowledged {@code acknowledgements} batches and started adding the
     * next one, then kills it with SIGKILL: no shutdown hook, no write-back, no leaving the cluster.
     *
     * @return the message ids of the batch it was adding, which the broker must redeliver
     */
    List<String> killMidBatch(int acknowledgements, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int acknowledged = 0;
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the consumer JVM did not acknowledge " + acknowledgements + " batches within "
                        + timeout + "; its output is in " + log.toAbsolutePath());
            }
            if (line.startsWith("acknowledged ")) {
                acknowledged++;
            } else if (line.startsWith("adding ") && acknowledged >= acknowledgements) {
                new ProcessBuilder("kill", "-9", Long.toString(process.pid()))
                        .inheritIO()
                        .start()
                        .waitFor();
                process.waitFor(30, TimeUnit.SECONDS);
                return Arrays.asList(line.substring("adding ".length()).split(","));
            }
        }
    }

    private void read() {
        try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                file.write(line.startsWith("adding ") ? "adding (ids)" : line);
                file.newLine();
                file.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            // the JVM died: its output ends
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
