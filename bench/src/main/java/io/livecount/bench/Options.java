package io.livecount.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Command-line options; {@link #parse} throws {@link BadOptionException} with a message for the user. */
record Options(
        List<String> scenarios,
        List<BenchDatabase> databases,
        List<Integer> threads,
        List<Integer> keys,
        int seconds,
        int warmupSeconds,
        int maxDelayMillis,
        boolean heap,
        boolean help) {

    static final String USAGE =
            """
            usage: bench/run [options]
              --scenarios a,b,...   %s (default: all)
              --db a,b,...          %s (default: mariadb,postgresql)
              --threads n,...       threads per run (default: 1,4,16)
              --keys n,...          distinct counters, each op picks one at random (default: 1,10000)
              --seconds n           measured seconds per run (default: 2)
              --warmup n            warm-up seconds before each run, 0 for none (default: 1)
              --max-delay-ms n      maxDelay of the fast-* scenarios' write-back, 10 to 3600000 (default: 1000)
              --heap                instead of the scenarios: heap bytes per cached counter bucket
                                    (Ehcache provider, no database; set -Xmx in LIVECOUNT_BENCH_JAVA_OPTS)
              --help                this text
            Every combination runs once; a line per run goes to stdout and to bench/target/results.csv.
            Scenarios without a database (longadder, ehcache-cas) run once, first, as db=none.
            Environment: LIVECOUNT_BENCH_MARIADB_URL, LIVECOUNT_BENCH_POSTGRESQL_URL, LIVECOUNT_BENCH_H2_URL
            (and _USER, _PASSWORD) override the connection settings.""".formatted(String.join(",", Scenarios.names()), String.join(",", BenchDatabase.ids()));

    static final class BadOptionException extends Exception {
        private static final long serialVersionUID = 1L;

        BadOptionException(String message) {
            super(message);
        }
    }

    static Options parse(String... args) throws BadOptionException {
        List<String> scenarios = Scenarios.names();
        List<BenchDatabase> databases = List.of(BenchDatabase.MARIADB, BenchDatabase.POSTGRESQL);
        List<Integer> threads = List.of(1, 4, 16);
        List<Integer> keys = List.of(1, 10_000);
        int seconds = 2;
        int warmup = 1;
        int maxDelay = WriteBackScenario.DEFAULT_MAX_DELAY_MILLIS;
        boolean heap = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Options(scenarios, databases, threads, keys, seconds, warmup, maxDelay, false, true);
            }
            if (arg.equals("--heap")) {
                heap = true;
                continue;
            }
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                value = null;
            }
            switch (name) {
                case "--scenarios" -> scenarios = list(name, value, Options::scenario);
                case "--db" -> databases = list(name, value, Options::database);
                case "--threads" -> threads = list(name, value, v -> number(name, v, 1, 1024));
                case "--keys" -> keys = list(name, value, v -> number(name, v, 1, 1_000_000));
                case "--seconds" -> seconds = number(name, required(name, value), 1, 3600);
                case "--warmup" -> warmup = number(name, required(name, value), 0, 3600);
                case "--max-delay-ms" -> maxDelay = number(name, required(name, value), 10, 3_600_000);
                default ->
                    throw new BadOptionException(
                            arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
            }
        }
        return new Options(scenarios, databases, threads, keys, seconds, warmup, maxDelay, heap, false);
    }

    int maxThreads() {
        return threads.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value) throws BadOptionException;
    }

    private static <T> List<T> list(String option, String value, Parser<T> parser) throws BadOptionException {
        LinkedHashSet<T> items = new LinkedHashSet<>();
        for (String item : required(option, value).split(",", -1)) {
            items.add(parser.parse(item.strip()));
        }
        return new ArrayList<>(items);
    }

    private static String required(String option, String value) throws BadOptionException {
        if (value == null || value.isBlank() || value.startsWith("--")) {
            throw new BadOptionException(option + " needs a value");
        }
        return value;
    }

    private static String scenario(String value) throws BadOptionException {
        if (!Scenarios.names().contains(value)) {
            throw new BadOptionException(
                    "unknown scenario '" + value + "'; known: " + String.join(", ", Scenarios.names()));
        }
        return value;
    }

    private static BenchDatabase database(String value) throws BadOptionException {
        return BenchDatabase.byId(value)
                .orElseThrow(() -> new BadOptionException(
                        "unknown database '" + value + "'; known: " + String.join(", ", BenchDatabase.ids())));
    }

    private static int number(String option, String value, int min, int max) throws BadOptionException {
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadOptionException(
                option + " takes whole numbers from " + min + " to " + max + ", got '" + value + "'");
    }
}
