package io.livecount.it.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started in its own process group ({@code setsid}), its output in one log file, stopped by
 * its process group id with SIGTERM (then SIGKILL after a timeout). Never by name.
 */
final class ServerProcess {

    private final Process process;
    private final Path log;
    private final long startNanos;

    private ServerProcess(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    static ServerProcess start(List<String> command, Path workDir, Map<String, String> env, Path log)
            throws IOException {
        List<String> full = new ArrayList<>();
        full.add("setsid"); // not a group leader when started by the JVM: setsid execs in place, pid == pgid
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        return new ServerProcess(builder.start(), log, start);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long startNanos() {
        return startNanos;
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM to the process group, wait for every process of it; SIGKILL after {@code timeout}. */
    boolean stop(Duration timeout) throws IOException, InterruptedException {
        signalGroup("TERM");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() && !groupAlive()) {
                return true;
            }
            Thread.sleep(200);
        }
        signalGroup("KILL");
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    private void signalGroup(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + pid())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    private boolean groupAlive() throws IOException, InterruptedException {
        return new ProcessBuilder("kill", "-0", "--", "-" + pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor()
                == 0;
    }
}
