package io.livecount.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.bench.Options.BadOptionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/** Entry point of {@code bench/run}. Exit codes: 0 all runs fine, 1 a run failed or lost counts, 2 bad options. */
public final class BenchMain {

    /** Spare connections beyond one per thread (Livecount reads, write-back, verification). */
    private static final int SPARE_CONNECTIONS = 4;

    /** The db column of scenarios that use no database. */
    static final String NO_DATABASE = "none";

    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String... args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (BadOptionException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(Options.USAGE);
            return 2;
        }
        if (options.help()) {
            System.out.println(Options.USAGE);
            return 0;
        }
        System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate's logs: warnings only
        Path csv = Path.of(System.getProperty("livecount.bench.results", "target/results.csv"));
        boolean ok = true;
        try (Results results = new Results(csv, System.out)) {
            if (options.heap()) {
                try {
                    return HeapPerBucket.run(results) ? 0 : 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            List<String> inMemory = options.scenarios().stream()
                    .filter(name -> !Scenarios.usesDatabase(name))
                    .toList();
            List<String> withDatabase =
                    options.scenarios().stream().filter(Scenarios::usesDatabase).toList();
            for (String name : inMemory) {
                ok &= runScenario(name, null, null, options, results);
            }
            if (!withDatabase.isEmpty()) {
                for (BenchDatabase database : options.databases()) {
                    ok &= runDatabase(database, withDatabase, options, results);
                }
            }
        }
        return ok ? 0 : 1;
    }

    private static boolean runDatabase(
            BenchDatabase database, List<String> scenarios, Options options, Results results) {
        HikariDataSource pool;
        try {
            pool = database.pool(options.maxThreads() + SPARE_CONNECTIONS);
        } catch (RuntimeException e) {
            System.err.println("bench: cannot connect to " + database.id() + " at " + database.url() + ": "
                    + describe(e) + " (skipping " + database.id() + ")");
            return false;
        }
        try (pool) {
            boolean ok = true;
            for (String name : scenarios) {
                ok &= runScenario(name, database, pool, options, results);
            }
            return ok;
        }
    }

    /** Runs every key count and thread count of one scenario; {@code database} null: in memory. */
    private static boolean runScenario(
            String name, BenchDatabase database, DataSource pool, Options options, Results results) {
        String db = database == null ? NO_DATABASE : database.id();
        Scenario scenario;
        try {
            scenario = Scenarios.create(name, database, pool, options);
        } catch (Exception e) {
            System.err.println("bench: scenario=" + name + " db=" + db + " cannot start: " + describe(e));
            return false;
        }
        boolean ok = true;
        try (scenario) {
            for (int keyCount : options.keys()) {
                List<String> keys =
                        IntStream.range(0, keyCount).mapToObj(i -> "k" + i).toList();
                List<Integer> threadCounts = scenario.usesThreads() ? options.threads() : List.of(1);
                for (int threads : threadCounts) {
                    String run = "scenario=" + name + " db=" + db + " keys=" + keyCount + " threads=" + threads;
                    try {
                        Runner.Result result =
                                Runner.run(scenario, keys, threads, options.warmupSeconds(), options.seconds());
                        results.record(name, db, keyCount, threads, result.opsPerSecond(), result.lost());
                        if (result.statements() >= 0 && result.operations() > 0) {
                            Scenario.StatementsMetric metric = scenario.statementsMetric();
                            double value = result.statements() * metric.per() / result.operations();
                            results.metric(metric.name(), run, value);
                        }
                        if (result.flushNanos() >= 0) {
                            results.metric("written_ops_per_s", run, result.writtenOpsPerSecond());
                        }
                        if (result.cpuNanos() >= 0 && result.operations() > 0) {
                            results.metric("cpu_us_per_op", run, result.cpuNanos() / 1_000.0 / result.operations());
                        }
                        if (result.retries() > 0) {
                            System.err.println("bench: " + run + ": " + result.retries() + " " + scenario.retryKind()
                                    + String.format(
                                            Locale.ROOT,
                                            " (%.2f per operation)",
                                            (double) result.retries() / Math.max(1, result.operations())));
                        }
                        if (result.lost() != 0 && !scenario.losesUpdates()) {
                            System.err.println("bench: " + run + ": ERROR " + result.lost()
                                    + " increments lost (the stored total does not match)");
                            ok = false;
                        }
                    } catch (Exception e) {
                        Throwable cause = e instanceof Runner.RunFailedException ? e.getCause() : e;
                        System.err.println("bench: " + run + " failed: " + describe(cause));
                        ok = false;
                    }
                }
            }
        }
        return ok;
    }

    /** The exception and its causes, one line. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
