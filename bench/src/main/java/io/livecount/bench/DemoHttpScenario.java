package io.livecount.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.livecount.demo.DemoServer;
import io.livecount.demo.DemoSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The demo application end to end: each increment is one {@code GET /r?u=https://example.com/bench/<key>}
 * over HTTP/1.1 (keep-alive, redirects not followed) that must answer 302. The demo runs in this
 * JVM, started as {@code demo/run} starts it, on the benchmark's database: {@code demo-http} in
 * FAST mode (Ehcache, the demo's default), {@code demo-http-strict} in STRICT. The stored total
 * flushes and then reads the table, so {@code lost} compares 302 answers with stored clicks.
 */
final class DemoHttpScenario implements Scenario {

    static final String NAME = "demo-http";
    static final String STRICT_NAME = "demo-http-strict";

    private final HikariDataSource dataSource;
    private final boolean strict;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private DemoServer demo;
    private HttpRequest[] requests = new HttpRequest[0];

    DemoHttpScenario(DataSource dataSource, boolean strict) {
        this.dataSource = (HikariDataSource) dataSource; // BenchDatabase.pool: its URL and user are the demo's
        this.strict = strict;
    }

    @Override
    public String name() {
        return strict ? STRICT_NAME : NAME;
    }

    /** A freshly started demo per run (new cache, new metrics) and an empty clicks namespace. */
    @Override
    public void reset(List<String> keys) throws SQLException {
        close();
        demo = startDemo(dataSource, strict);
        URI base = demo.uri();
        requests = keys.stream()
                .map(key -> HttpRequest.newBuilder(base.resolve(
                                "r?u=" + URLEncoder.encode("https://example.com/bench/" + key, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(60))
                        .build())
                .toArray(HttpRequest[]::new);
    }

    /**
     * The demo as {@code demo/run} starts it, on {@code dataSource}'s URL and user, any free port,
     * FAST or STRICT, redirecting to example.com; with namespace {@value DemoSettings#CLICKS}
     * emptied.
     */
    static DemoServer startDemo(HikariDataSource dataSource, boolean strict) throws SQLException {
        String password = dataSource.getPassword() == null ? "" : dataSource.getPassword();
        DemoSettings settings = DemoSettings.parse(
                new String[] {
                    "--port",
                    "0",
                    "--db",
                    dataSource.getJdbcUrl(),
                    "--db-user",
                    dataSource.getUsername(),
                    "--db-password=" + password,
                    "--mode",
                    strict ? "strict" : "fast",
                    "--allow",
                    "example.com"
                },
                Map.of("LIVECOUNT_DEMO_ADMIN_PASSWORD", "bench"));
        DemoServer demo = DemoServer.start(settings); // creates livecount_counter if missing
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM livecount_counter WHERE ns = '" + DemoSettings.CLICKS + "'");
        } catch (SQLException | RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    /** The all-time clicks stored, after writing what is pending. */
    static long storedClicks(DemoServer demo, DataSource dataSource) throws SQLException {
        demo.counters().flush();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(counter_value), 0) FROM livecount_counter"
                        + " WHERE ns = '" + DemoSettings.CLICKS + "' AND period_type = 'ALL'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void increment(int keyIndex) throws IOException, InterruptedException {
        int status = http.send(requests[keyIndex], HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 302) {
            throw new IllegalStateException("GET " + requests[keyIndex].uri() + " answered " + status + ", not 302");
        }
    }

    @Override
    public long storedTotal() throws SQLException {
        return storedClicks(demo, dataSource);
    }

    /** FAST's write-back statements; STRICT has no write-back to count (its adds are the statements). */
    @Override
    public long statements() {
        return strict ? -1 : demo.counters().writeBackMetrics().flushStatements();
    }

    @Override
    public void close() {
        if (demo != null) {
            demo.close(); // writes what is pending (nothing after storedTotal)
            demo = null;
        }
    }
}
