package io.livecount.bench;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.demo.DemoServer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/http}: the demo's {@code /r} over HTTP against nginx answering the same URLs with
 * {@code return 302}, side by side with {@code wrk} in one invocation. Per key count and mode (the
 * demo in FAST and in STRICT on the database): both warmed up, then rounds of nginx and the demo
 * measured one after the other. Prints rows like {@code bench/run}'s, the ratio demo / nginx per
 * round and their median, and CPU per request; fails
 * (exit 1) if the demo's stored clicks differ from the 302s wrk saw.
 */
public final class HttpComparison {

    static final String USAGE = """
            usage: bench/http [--db mariadb|postgresql|h2] [--keys 1,10000] [--modes fast,strict]
                              [--seconds 10] [--warmup 5] [--rounds 3] [--threads 2] [--connections 16]
              wrk -t<threads> -c<connections> against nginx and the demo, alternating, --rounds times
              each, after one warm-up of each; results also in bench/target/http-results.csv;
              LIVECOUNT_BENCH_<DB>_URL etc. as for bench/run""";

    private HttpComparison() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.println(USAGE);
            return;
        }
        Path results = Path.of(System.getProperty("livecount.bench.results", "target/http-results.csv"));
        try (Results out = new Results(results, System.out)) {
            System.exit(new HttpComparison.Run(options, out, results.getParent()).all() ? 0 : 1);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "db", "mariadb",
                "keys", "1,10000",
                "modes", "fast,strict",
                "seconds", "10",
                "warmup", "5",
                "rounds", "3",
                "threads", "2",
                "connections", "16"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (name.equals("help")) {
                options.put("help", "true");
            } else if (options.containsKey(name) && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: '" + args[i] + "'");
            }
        }
        return options;
    }

    /** One invocation: its options, where results go, and the runs. */
    private record Run(Map<String, String> options, Results out, Path directory) {

        boolean all() throws Exception {
            BenchDatabase database = BenchDatabase.byId(options.get("db"))
                    .orElseThrow(() -> new IllegalArgumentException("--db takes " + BenchDatabase.ids()));
            boolean ok = true;
            try (HikariDataSource pool = database.pool(2)) {
                for (String keys : options.get("keys").split(",")) {
                    ok &= forKeys(database, pool, Integer.parseInt(keys.trim()));
                }
            }
            return ok;
        }

        private boolean forKeys(BenchDatabase database, HikariDataSource pool, int keys) throws Exception {
            Wrk wrk = Wrk.forKeys(directory, keys);
            try (Nginx nginx = Nginx.start(directory.resolve("nginx"), freePort())) {
                wrk.run(nginx.port(), threads(), connections(), warmup());
                boolean ok = true;
                for (String mode : options.get("modes").split(",")) {
                    ok &= demo(database, pool, keys, mode.trim().toLowerCase(Locale.ROOT), wrk, nginx);
                }
                return ok;
            }
        }

        /**
         * The demo in {@code mode}: a warm-up, then rounds of nginx and the demo measured one after
         * the other (the machine's speed drifts: a ratio compares neighbours), each demo run's stored
         * clicks against its 302s; the median ratio when there are several rounds.
         */
        private boolean demo(BenchDatabase database, HikariDataSource pool, int keys, String mode, Wrk wrk, Nginx nginx)
                throws Exception {
            String scenario = "http-demo-" + mode;
            String context = context(scenario, database.id(), keys);
            DemoServer demo = DemoHttpScenario.startDemo(pool, mode.equals("strict"));
            try {
                int port = demo.uri().getPort();
                wrk.run(port, threads(), connections(), warmup());
                List<Double> ratios = new ArrayList<>();
                boolean ok = true;
                for (int round = 0; round < rounds(); round++) {
                    long nginxRate = measureNginx(nginx, wrk, keys);
                    long storedBefore = DemoHttpScenario.storedClicks(demo, pool);
                    long cpuBefore = processCpuNanos();
                    Wrk.Outcome outcome = wrk.run(port, threads(), connections(), seconds());
                    long cpu = processCpuNanos() - cpuBefore;
                    long stored = DemoHttpScenario.storedClicks(demo, pool) - storedBefore;
                    long lost = outcome.redirects() - stored;
                    out.record(scenario, database.id(), keys, connections(), outcome.perSecond(), lost);
                    ratios.add((double) outcome.perSecond() / nginxRate);
                    out.metric("ratio_to_nginx", context, ratios.get(round));
                    out.metric("cpu_us_per_op", context, cpu / 1e3 / outcome.redirects());
                    if (lost != 0 || outcome.others() > 0) {
                        System.err.printf(
                                "%s keys=%d: %d answers 302, %d stored, %d other answers%n",
                                scenario, keys, outcome.redirects(), stored, outcome.others());
                        ok = false;
                    }
                }
                if (ratios.size() > 1) {
                    out.metric("median_ratio_to_nginx", context, median(ratios));
                }
                return ok;
            } finally {
                demo.close();
            }
        }

        /** One measured run of nginx: its row and CPU metric; returns its rate. */
        private long measureNginx(Nginx nginx, Wrk wrk, int keys) throws Exception {
            long cpuBefore = nginx.cpuNanos();
            Wrk.Outcome outcome = wrk.run(nginx.port(), threads(), connections(), seconds());
            long cpu = nginx.cpuNanos() - cpuBefore;
            out.record("http-nginx", "none", keys, connections(), outcome.perSecond(), 0);
            out.metric("cpu_us_per_op", context("http-nginx", "none", keys), cpu / 1e3 / outcome.redirects());
            return outcome.perSecond();
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        private String context(String scenario, String db, int keys) {
            return "scenario=" + scenario + " db=" + db + " keys=" + keys + " threads=" + connections();
        }

        private int seconds() {
            return Integer.parseInt(options.get("seconds"));
        }

        private int rounds() {
            int rounds = Integer.parseInt(options.get("rounds"));
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, was " + rounds);
            }
            return rounds;
        }

        private int warmup() {
            return Integer.parseInt(options.get("warmup"));
        }

        private int threads() {
            return Integer.parseInt(options.get("threads"));
        }

        private int connections() {
            return Integer.parseInt(options.get("connections"));
        }
    }

    /** CPU time of this JVM (the demo runs in it; wrk and nginx do not). */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
