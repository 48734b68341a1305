package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer sees: {@code demo/run} and {@code DemoMain} in a process of their own. */
@DisplayName("The first run: help, a port in use, quiet logs")
class FirstRunTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("demo/run --help prints the usage at once, without building (no target directory needed)")
    void helpWithoutBuilding() throws Exception {
        Path script = Path.of("run").toAbsolutePath(); // surefire runs in the module's directory
        Process process = new ProcessBuilder("bash", script.toString(), "--help")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("done within 5 s").isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo(DemoSettings.USAGE);
        assertThat(DemoSettings.USAGE).contains(DemoSettings.H2_FILE_URL, DemoSettings.DEFAULT_ALLOW, "--verbose");
    }

    @Test
    @DisplayName("a port in use: exit code 1 and one line naming the port and --port, before anything starts")
    void portInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process process = demoMain("--port", String.valueOf(taken.getLocalPort()));
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<String> output = lines(process);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output).hasSize(1);
            assertThat(output.get(0)).contains("port " + taken.getLocalPort(), "in use", "--port");
        }
    }

    @Test
    @DisplayName("quiet by default: the start-up prints the banner of the demo and no INFO lines; --verbose shows them")
    void quietUnlessVerbose() throws Exception {
        List<String> quiet = untilRunning(demoMain("--port", "0"));
        assertThat(quiet).noneMatch(line -> line.contains("INFO"));
        assertThat(String.join("\n", quiet)).contains("Livecount demo is running");

        List<String> verbose = untilRunning(demoMain("--port", "0", "--verbose"));
        assertThat(verbose).anyMatch(line -> line.contains("INFO"));
    }

    /** DemoMain in a new JVM with this test's class path, H2 in memory, stdout and stderr merged. */
    private Process demoMain(String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                DemoMain.class.getName(),
                "--db",
                "jdbc:h2:mem:first-run"));
        command.addAll(List.of(flags));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("LIVECOUNT_DEMO_ADMIN_PASSWORD", "secret");
        return builder.start();
    }

    /** The lines printed until "Stop with Ctrl-C." (then the process is stopped). */
    private static List<String> untilRunning(Process process) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                if (line.startsWith("Stop with Ctrl-C")) {
                    break;
                }
            }
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(lines).as("printed before it ran").last().asString().startsWith("Stop with Ctrl-C");
        return lines;
    }

    private static List<String> lines(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }
}
