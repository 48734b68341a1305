package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.livecount.CounterService;
import io.livecount.CounterValue;
import io.livecount.Period;
import io.livecount.demo.testing.LoadGenerator;
import io.livecount.demo.testing.RunningDemo;
import io.livecount.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/demo.md promises of {@code --cache hazelcast}: demos started on one machine form one
 * cluster and share one map of counters, and when one stops the others take its partitions over.
 * One demo runs in a JVM of its own ({@code DemoMain}, as {@code demo/run} starts it, stopped with
 * SIGTERM as by Ctrl-C), the other in this JVM; both with the test member configuration of {@link
 * DemoSettingsTest} (cluster livecount-demo-test, TCP join on 127.0.0.1), on MariaDB.
 */
@DisplayName("Two demos on --cache hazelcast")
class TwoDemosOnHazelcastTest {

    static final int REQUESTS = 1_000;
    static final int CLIENTS = 4;
    static final int TARGETS = 100;

    @TempDir
    Path directory;

    @Test
    @DisplayName("clicks on both make one count; the one stopped with SIGTERM right after loses none")
    void oneClusterOneCount() throws Exception {
        String[] cache = {"--cache", "hazelcast", "--hazelcast-config", DemoSettingsTest.testConfig()};
        try (RunningDemo here = RunningDemo.on(TestDatabase.MARIADB, directory, cache)) {
            int port = freePort();
            Path output = directory.resolve("other-demo.log");
            Process other = startDemoMain(port, output, cache);
            long redirects;
            try {
                URI otherUri = URI.create("http://localhost:" + port + "/");
                awaitClusterOfTwo(other, output);
                CompletableFuture<LoadGenerator.Outcome> there = CompletableFuture.supplyAsync(() -> load(otherUri));
                LoadGenerator.Outcome onHere = load(here.server().uri());
                redirects = there.get(5, TimeUnit.MINUTES).count(302) + onHere.count(302);
                assertThat(redirects).isEqualTo(2L * REQUESTS);
                // the other node's adds reach this node's cached reads within readRefresh (1 s)
                awaitCounted(here.server().counters(), redirects);

                other.destroy(); // SIGTERM: its shutdown hook writes what its member owns, then it leaves
                // promptly when the close writes first and stops the member after; Hazelcast's own
                // shutdown hook, if on, terminates the member under the closing service instead
                assertThat(other.waitFor(15, TimeUnit.SECONDS))
                        .as("stopped within 15 s")
                        .isTrue();
                String log = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(log)
                        .as("the other demo's output")
                        .doesNotContain("ERROR", "Exception", "Terminating forcefully");
            } finally {
                other.destroyForcibly();
            }
            assertThat(counted(here.server().counters()))
                    .as("read after the other left")
                    .isEqualTo(redirects);
            assertThat(here.client().flushAsAdmin().statusCode()).isEqualTo(200);
            assertThat(here.storedSum("ALL")).isEqualTo(redirects);
            assertThat(here.storedSum("DAY")).isEqualTo(redirects);
            assertThat(here.storedSum("HOUR")).isEqualTo(redirects);
        }
    }

    /** {@code DemoMain} in a JVM of its own, on the test database, with this JVM's class path. */
    private static Process startDemoMain(int port, Path output, String... cache) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DemoMain.class.getName(),
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port)));
        command.addAll(RunningDemo.databaseFlags(TestDatabase.MARIADB));
        command.addAll(List.of(cache));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("LIVECOUNT_DEMO_ADMIN_PASSWORD", RunningDemo.ADMIN_PASSWORD);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LoadGenerator.Outcome load(URI demo) {
        try {
            return LoadGenerator.run(demo, REQUESTS, CLIENTS, TARGETS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The all-time clicks of every target, pending ones included (top lists merge them in). */
    private static long counted(CounterService counters) {
        return counters.top(DemoSettings.CLICKS, Period.ALL, Instant.now(), TARGETS).stream()
                .mapToLong(CounterValue::value)
                .sum();
    }

    private static void awaitCounted(CounterService counters, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (counted(counters) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(counted(counters)).isEqualTo(expected);
    }

    /** Until this JVM's member sees the other demo's: 2 members. */
    private static void awaitClusterOfTwo(Process other, Path output) throws InterruptedException {
        HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
                .filter(hz -> hz.getConfig().getClusterName().equals("livecount-demo-test"))
                .findFirst()
                .orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (member.getCluster().getMembers().size() < 2) {
            assertThat(other.isAlive() && System.nanoTime() < deadline)
                    .as("the other demo's member joins within 2 minutes (output in %s)", output)
                    .isTrue();
            Thread.sleep(100);
        }
    }
}
