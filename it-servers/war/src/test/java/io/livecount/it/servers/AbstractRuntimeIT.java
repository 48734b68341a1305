package io.livecount.it.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One runtime in one configuration, started once: every variant of the test application is deployed
 * at start-up, then each is checked (settings honoured, 10 committed + 10 rolled-back requests count
 * exactly 10 in STRICT and in FAST), then the server is stopped and its log and the database checked
 * (a clean shutdown; every pending FAST delta written by the service's disposer).
 *
 * <p>Select runtimes with {@code -Dit.runtimes=payara,wildfly,liberty,quarkus} (default all), or one
 * class with {@code -Dit.test=PayaraIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractRuntimeIT {

    static final int REQUESTS = 10;
    static final int PENDING_AT_SHUTDOWN = 5;
    static final int MESSAGES = 5;
    static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    /** A log line that reports a problem: at shutdown there must be none. */
    static final Pattern PROBLEM = Pattern.compile(
            "^.*(\\bERROR\\b|\\bSEVERE\\b|\\bFATAL\\b|Exception\\b|^\\s+at [\\w.$]+\\().*$", Pattern.MULTILINE);

    private final HttpCalls http = new HttpCalls();

    protected ServerProcess server;
    protected Path runDir;
    private final Map<Variant, Boolean> deployed = new LinkedHashMap<>();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private long firstOkMillis = -1;
    private long startedMillis = -1;
    private boolean stopped;

    /** The name {@code -Dit.runtimes} selects this class by. */
    abstract String runtime();

    /** This configuration's name in the timings line (e.g. "mpConfig"). */
    String configuration() {
        return "default";
    }

    abstract List<Variant> variants();

    /** Starts the runtime with {@code wars} deployed (a runtime without WARs ignores them). */
    abstract ServerProcess start(Path runDir, List<Path> wars) throws Exception;

    /** A log line that says start-up, deployments included, is over (successfully or not). */
    abstract Pattern startedPattern();

    /** The application's JAX-RS root for {@code variant}. */
    abstract String apiUrl(Variant variant);

    /** The package of the server's own JPA provider, which a persistence unit must be served by. */
    String jpaProvider() {
        return "org.hibernate";
    }

    /** Whether the MariaDB variants carry the JDBC driver in WEB-INF/lib (not on Liberty: a server library). */
    boolean driverInWar() {
        return true;
    }

    /** What the runtime deploys: one WAR per variant (Quarkus overrides: one application). */
    List<Path> artifacts(Path dir) throws IOException {
        List<Path> wars = new ArrayList<>();
        for (Variant variant : variants()) {
            wars.add(TestWars.build(variant, dir.resolve("wars"), driverInWar()));
        }
        return wars;
    }

    /** Size of what a user deploys, for the timings line. */
    long deployedBytes() throws IOException {
        return Files.size(TestWars.baseWar());
    }

    Stream<Variant> variantList() {
        return variants().stream();
    }

    @BeforeAll
    void startRuntime() throws Exception {
        requireSelected(runtime());

        runDir = TestWars.serversDir().getParent().resolve("it-runs").resolve(runtime() + "-" + configuration());
        deleteRecursively(runDir);
        Files.createDirectories(runDir);
        List<Path> wars = artifacts(runDir);
        server = start(runDir, wars);

        long deadline = server.startNanos() + START_TIMEOUT.toNanos();
        boolean started = false;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Variant variant : variants()) {
                if (!deployed.getOrDefault(variant, false)) {
                    if (get(apiUrl(variant) + "/info").statusCode() == 200) {
                        deployed.put(variant, true);
                        if (firstOkMillis < 0) {
                            firstOkMillis = (System.nanoTime() - server.startNanos()) / 1_000_000;
                        }
                    } else {
                        all = false;
                    }
                }
            }
            if (all || !server.isAlive() || started) {
                break; // after the started line, an application that does not answer failed to deploy
            }
            started = startedPattern().matcher(server.logText()).find();
            if (started) {
                startedMillis = (System.nanoTime() - server.startNanos()) / 1_000_000;
            }
            Thread.sleep(started ? 1000 : 100);
        }
        variants().forEach(v -> deployed.putIfAbsent(v, false));

        String line = String.format(
                Locale.ROOT,
                "[it-servers] runtime=%s config=%s first_200_ms=%d started_ms=%d deployed=%d/%d artifact_kb=%d java=%s",
                runtime(),
                configuration(),
                firstOkMillis,
                startedMillis,
                deployed.values().stream().filter(b -> b).count(),
                variants().size(),
                deployedBytes() / 1024,
                System.getProperty("java.version"));
        System.out.println(line);
        Files.writeString(
                TestWars.serversDir().getParent().resolve("it-servers-timings.txt"),
                line + System.lineSeparator(),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @AfterAll
    void stopRuntime() throws Exception {
        if (server != null && !stopped) {
            server.stop(STOP_TIMEOUT);
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("variantList")
    void deploysAndReadsItsSettings(Variant variant) throws Exception {
        requireDeployed(variant);
        Map<String, String> info = json(get(apiUrl(variant) + "/info").body());
        System.out.println("[it-servers] " + runtime() + "/" + configuration() + " " + variant + " info=" + info);
        assertThat(info.get("zone"))
                .as("livecount.zone of the variant's settings file (%s) was read", variant.source())
                .isEqualTo(variant.source().zone);
        assertThat(info.get("defaultMode")).isEqualTo("FAST");
        assertThat(info.get("strictNamespaceMode")).isEqualTo("STRICT");
        assertThat(info.get("transactions"))
                .as("the service joins the server's JTA transactions")
                .isNotEmpty();
        if (variant.database() == Variant.Database.PERSISTENCE_UNIT) {
            assertThat(info.get("entityManagerFactory"))
                    .as("the unit is the server's own, served by its JPA provider (not a second one bootstrapped"
                            + " from the WAR's jars)")
                    .startsWith(jpaProvider());
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("variantList")
    void countsExactlyTheCommittedRequests(Variant variant) throws Exception {
        requireDeployed(variant);
        String key = key(variant);
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> committed = post(apiUrl(variant) + "/add?key=" + key);
            assertThat(committed.statusCode()).as(committed.body()).isEqualTo(200);
            HttpResponse<String> rolledBack = post(apiUrl(variant) + "/add?fail=true&key=" + key);
            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(409);
        }
        assertThat(totals(variant, key)).as("before the flush").isEqualTo(Map.of("strict", "10", "fast", "10"));
        HttpResponse<String> flushed = post(apiUrl(variant) + "/flush");
        assertThat(flushed.statusCode()).as(flushed.body()).isEqualTo(200);
        assertThat(totals(variant, key)).as("after the flush").isEqualTo(Map.of("strict", "10", "fast", "10"));
        if (CounterTable.readable(variant)) {
            assertThat(CounterTable.storedTotal(variant, "orders", key))
                    .as("STRICT in the table")
                    .isEqualTo(REQUESTS);
            assertThat(CounterTable.storedTotal(variant, "clicks", key))
                    .as("FAST in the table after the flush")
                    .isEqualTo(REQUESTS);
        }
    }

    /**
     * Each message comes three times (twice before a flush, once after) after an attempt that rolled
     * back: counted once, in the STRICT batch and in FAST.
     */
    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("variantList")
    void countsEachMessageOnce(Variant variant) throws Exception {
        requireDeployed(variant);
        String key = key(variant) + "-msg";
        List<String> messages = IntStream.range(0, MESSAGES)
                .mapToObj(i -> apiUrl(variant) + "/message?key=" + key + "&msg=" + key + "-" + i)
                .toList();
        for (String message : messages) {
            HttpResponse<String> rolledBack = post(message + "&fail=true");
            assertThat(rolledBack.statusCode()).as(rolledBack.body()).isEqualTo(409);
            for (int delivery = 0; delivery < 2; delivery++) {
                HttpResponse<String> counted = post(message);
                assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
            }
        }
        assertThat(post(apiUrl(variant) + "/flush").statusCode()).isEqualTo(200);
        for (String message : messages) { // redelivered after its first delivery was written
            assertThat(post(message).statusCode()).isEqualTo(200);
        }
        assertThat(post(apiUrl(variant) + "/flush").statusCode()).isEqualTo(200);
        String once = String.valueOf(MESSAGES);
        assertThat(totals(variant, key)).isEqualTo(Map.of("strict", once, "fast", once));
        assertThat(totals(variant, key + "-b")).containsEntry("strict", String.valueOf(2 * MESSAGES));
        if (CounterTable.readable(variant)) {
            assertThat(CounterTable.storedTotal(variant, "orders", key)).isEqualTo(MESSAGES);
            assertThat(CounterTable.storedTotal(variant, "orders", key + "-b")).isEqualTo(2 * MESSAGES);
            assertThat(CounterTable.storedTotal(variant, "clicks", key)).isEqualTo(MESSAGES);
        }
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("variantList")
    void leavesFastDeltasPendingForTheShutdown(Variant variant) throws Exception {
        requireDeployed(variant);
        String key = key(variant);
        for (int i = 0; i < PENDING_AT_SHUTDOWN; i++) {
            assertThat(post(apiUrl(variant) + "/add?key=" + key).statusCode()).isEqualTo(200);
        }
        String total = String.valueOf(REQUESTS + PENDING_AT_SHUTDOWN);
        assertThat(totals(variant, key)).isEqualTo(Map.of("strict", total, "fast", total));
        if (CounterTable.readable(variant)) {
            assertThat(CounterTable.storedTotal(variant, "clicks", key))
                    .as("FAST deltas wait in the cache (max-delay 1h)")
                    .isEqualTo(REQUESTS);
        }
    }

    @Order(4)
    @Test
    void stopsCleanlyAndTheDisposerWritesEveryPendingDelta() throws Exception {
        assumeTrue(server != null);
        int offset = server.logText().length();
        boolean graceful = server.stop(STOP_TIMEOUT);
        stopped = true;
        String shutdownLog =
                server.logText().substring(Math.min(offset, server.logText().length()));
        assertThat(graceful).as("stopped by SIGTERM within " + STOP_TIMEOUT).isTrue();
        List<String> problems = problems(shutdownLog);
        List<String> failures = new ArrayList<>();
        if (!problems.isEmpty()) {
            failures.add("the shutdown log has " + problems.size() + " problem lines, first: "
                    + problems.subList(0, Math.min(8, problems.size())));
        }
        for (Variant variant : variants()) {
            if (deployed.get(variant) && CounterTable.readable(variant)) {
                long clicks = CounterTable.storedTotal(variant, "clicks", key(variant));
                if (clicks != REQUESTS + PENDING_AT_SHUTDOWN) {
                    failures.add(variant + ": " + clicks + " FAST adds in the table after the shutdown, expected "
                            + (REQUESTS + PENDING_AT_SHUTDOWN) + " (the disposer did not close the service)");
                }
            }
        }
        if (deployed.containsValue(false)) {
            failures.add("not deployed: "
                    + deployed.entrySet().stream()
                            .filter(e -> !e.getValue())
                            .map(e -> e.getKey().name())
                            .toList());
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures) + "\n(log: " + server.log() + ")");
        }
    }

    // --- helpers

    /**
     * Skips the calling class unless {@code -Dit.runtimes} selects {@code runtime}; under {@code
     * CI=true} fails instead: a developer may run one runtime, CI runs them all and never skips one
     * silently.
     */
    static void requireSelected(String runtime) {
        Set<String> selected = Arrays.stream(System.getProperty("it.runtimes", "all")
                        .toLowerCase(Locale.ROOT)
                        .split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
        boolean wanted = selected.contains("all") || selected.contains(runtime);
        assertThat(wanted || !"true".equals(System.getenv("CI")))
                .as("CI=true runs every runtime: -Dit.runtimes=%s leaves out %s", selected, runtime)
                .isTrue();
        assumeTrue(wanted, "runtime " + runtime + " not selected (-Dit.runtimes=" + selected + ")");
    }

    String key(Variant variant) {
        return runtime() + "-" + configuration() + "-" + variant.name() + "-" + runId;
    }

    private void requireDeployed(Variant variant) {
        if (!deployed.getOrDefault(variant, false)) {
            List<String> all = server == null ? List.of() : problems(server.logText());
            List<String> mine =
                    all.stream().filter(line -> line.contains(variant.name())).toList();
            List<String> problems = mine.isEmpty() ? all : mine;
            fail(variant + " is not deployed on " + runtime() + " (" + configuration() + "); log "
                    + (server == null ? "-" : server.log()) + ", first problem lines:\n"
                    + String.join("\n", problems.subList(0, Math.min(12, problems.size()))));
        }
    }

    static List<String> problems(String log) {
        List<String> lines = new ArrayList<>();
        Matcher m = PROBLEM.matcher(log);
        while (m.find()) {
            lines.add(m.group().strip());
        }
        return lines;
    }

    private Map<String, String> totals(Variant variant, String key) throws InterruptedException {
        return http.totals(apiUrl(variant), key);
    }

    HttpResponse<String> get(String url) throws InterruptedException {
        return http.get(url);
    }

    HttpResponse<String> post(String url) throws InterruptedException {
        return http.post(url);
    }

    static Map<String, String> json(String body) {
        return HttpCalls.json(body);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }

    static String java() {
        return Path.of(javaHome(), "bin", "java").toString();
    }
}
