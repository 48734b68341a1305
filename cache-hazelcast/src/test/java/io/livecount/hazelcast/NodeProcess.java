package io.livecount.hazelcast;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link ClusterNode} JVM: its commands, its answers, and the signals a test sends it. */
final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile long progress;

    @Override
    public String toString() {
        return name;
    }

    private final Path logFile;

    private NodeProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node that joins (or forms) {@code cluster}; returns once its service is ready. */
    static NodeProcess start(String name, String cluster, TestDatabase database, boolean protect) throws IOException {
        HikariDataSource pool = (HikariDataSource) database.dataSource();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx512m",
                // what Hazelcast asks for on Java 9+ (the same as the surefire argLine)
                "--add-modules=java.se",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.management/sun.management=ALL-UNNAMED",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "-D" + TestMembers.CLUSTER_PROPERTY + "=" + cluster,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                ClusterNode.class.getName(),
                pool.getJdbcUrl(),
                pool.getUsername(),
                pool.getPassword() == null ? "" : pool.getPassword(),
                protect ? "protect" : "plain");
        builder.redirectErrorStream(true);
        Path logFile = Path.of("target", "cluster-logs", cluster + "-" + name + ".log");
        Files.createDirectories(logFile.getParent());
        NodeProcess node = new NodeProcess(name, builder.start(), logFile);
        node.await("ready", Duration.ofSeconds(90));
        return node;
    }

    /** Sends a command. */
    void send(String command) {
        commands.println(command);
    }

    /** Sends a command and returns the words of its answer after the expected first word. */
    String[] ask(String command, String answer, Duration timeout) {
        send(command);
        return await(answer, timeout);
    }

    /** Waits for the next answer starting with {@code word}; returns the words after it. */
    String[] await(String word, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError(
                            name + " did not answer '" + word + "' within " + timeout + "; its last output: " + tail());
                }
                String[] words = line.split(" ");
                if (words[0].equals(word)) {
                    return java.util.Arrays.copyOfRange(words, 1, words.length);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Adds that had returned at the last progress report. */
    long progress() {
        return progress;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no write-back, no leaving the cluster. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP or SIGCONT: the JVM freezes as in a long pause, or wakes up. */
    void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String tail() {
        return String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size()));
    }

    private void read() {
        try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(logFile.toFile(), StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                file.println(line); // the whole output, for after the test
                file.flush();
                if (line.startsWith("progress ")) {
                    progress = Long.parseLong(line.substring(9).trim());
                    continue;
                }
                log.add(line);
                if (log.size() > 500) {
                    log.remove(0);
                }
                answers.add(line);
            }
        } catch (IOException e) {
            // the JVM died: its output ends
        }
    }
}
