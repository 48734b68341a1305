package io.livecount.tck;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link CrashChild} JVM, what it acknowledged, and its kill. */
final class CrashRun {

    /** One "acked N" line: when it arrived (ns) and N. */
    private record Sample(long nanos, long acked) {}

    private final Process process;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<String> otherOutput = new CopyOnWriteArrayList<>();

    private CrashRun(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "crash-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    static CrashRun start(TestDatabase database, String kitClass, long maxDelayMillis) throws IOException {
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        String url = database == TestDatabase.H2 // the child reaches this JVM's in-memory H2 over TCP
                ? ProxiedDatabase.url(database, ProxiedDatabase.serverPort(database))
                : pool.getJdbcUrl();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                url,
                pool.getUsername(),
                pool.getPassword() == null ? "" : pool.getPassword(),
                kitClass,
                Long.toString(maxDelayMillis));
        builder.redirectErrorStream(true);
        return new CrashRun(builder.start());
    }

    /** Waits for the load to run for {@code duration}, then kills the JVM with SIGKILL. */
    void killAfter(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (samples.isEmpty() || samples.get(samples.size() - 1).acked() == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child JVM did not start adding: " + otherOutput);
            }
            Thread.sleep(10);
        }
        Thread.sleep(duration.toMillis());
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no close(), no last write-back
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The last count of returned adds the child printed before it died. */
    long acknowledged() {
        return samples.get(samples.size() - 1).acked();
    }

    /** An upper bound of the adds that had returned when it died (it prints every 10 ms). */
    long maxAcknowledged() {
        return acknowledged() + addsWithin(Duration.ofMillis(100)) + 2;
    }

    /** Adds the child made in {@code window} at its rate over its last second. */
    long addsWithin(Duration window) {
        Sample last = samples.get(samples.size() - 1);
        Sample earlier = samples.get(0);
        for (Sample sample : samples) {
            if (last.nanos() - sample.nanos() <= TimeUnit.SECONDS.toNanos(1)) {
                earlier = sample;
                break;
            }
        }
        double perNano = (double) (last.acked() - earlier.acked()) / Math.max(1, last.nanos() - earlier.nanos());
        return (long) Math.ceil(perNano * window.toNanos());
    }

    void report(long written) {
        long lost = acknowledged() - written;
        System.out.printf(
                "crash: acknowledged=%d written=%d lost=%d rate=%d adds/s lost-window=%.0f ms (allowed: maxDelay 200 ms"
                        + " + one write-back, up to 1 s)%n",
                acknowledged(),
                written,
                lost,
                addsWithin(Duration.ofSeconds(1)),
                lost * 1000.0 / Math.max(1, addsWithin(Duration.ofSeconds(1))));
    }

    private void read() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("acked ")) {
                    samples.add(new Sample(
                            System.nanoTime(), Long.parseLong(line.substring(6).trim())));
                } else if (otherOutput.size() < 50) {
                    otherOutput.add(line);
                }
            }
        } catch (IOException e) {
            // the child died: its output ends
        }
    }
}
