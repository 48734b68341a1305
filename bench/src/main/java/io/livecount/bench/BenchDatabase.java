package io.livecount.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MariaDBDialect;

/**
 * The databases the benchmark knows. URL, user and password can be overridden with {@code
 * LIVECOUNT_BENCH_<DB>_URL}, {@code _USER} and {@code _PASSWORD}.
 */
enum BenchDatabase {
    MARIADB("jdbc:mysql://127.0.0.1:3306/test?sslMode=DISABLED", "root", ""),
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""),
    H2("jdbc:h2:mem:livecount-bench;DB_CLOSE_DELAY=-1", "sa", "");

    private final String defaultUrl;
    private final String defaultUser;
    private final String defaultPassword;

    BenchDatabase(String defaultUrl, String defaultUser, String defaultPassword) {
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
        this.defaultPassword = defaultPassword;
    }

    /** The name used in options and results: mariadb, postgresql, h2. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<BenchDatabase> byId(String id) {
        return Arrays.stream(values()).filter(db -> db.id().equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(BenchDatabase::id).toList();
    }

    String url() {
        return env("URL", defaultUrl);
    }

    /**
     * {@link #url()} with the driver's batch rewriting turned on: MariaDB (mysql-connector-j) {@code
     * rewriteBatchedStatements=true}, PostgreSQL {@code reWriteBatchedInserts=true}; H2 unchanged.
     */
    String batchRewritingUrl() {
        String parameter =
                switch (this) {
                    case MARIADB -> "rewriteBatchedStatements=true";
                    case POSTGRESQL -> "reWriteBatchedInserts=true";
                    case H2 -> null;
                };
        String url = url();
        if (parameter == null || url.contains(parameter)) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    /** A pool of {@code size} connections, all opened up front. */
    HikariDataSource pool(int size) {
        return pool(size, url());
    }

    /** A pool of {@code size} connections to {@code url}, all opened up front. */
    HikariDataSource pool(int size, String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-" + id() + (url.equals(url()) ? "" : "-rewrite"));
        config.setJdbcUrl(url);
        config.setUsername(env("USER", defaultUser));
        config.setPassword(env("PASSWORD", defaultPassword));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    /**
     * The Hibernate dialect to force, if any. Through mysql-connector-j MariaDB reports itself as
     * MySQL "5.5.5-10.11…": Hibernate would then pick MySQL 5.5 SQL and its {@code for update of}
     * fails on MariaDB. A dialect object (not a name) fixes both the family and the version.
     */
    Optional<Object> hibernateDialect() {
        return this == MARIADB ? Optional.of(new MariaDBDialect(DatabaseVersion.make(10, 11))) : Optional.empty();
    }

    private String env(String suffix, String fallback) {
        String value = System.getenv("LIVECOUNT_BENCH_" + name() + "_" + suffix);
        return value != null ? value : fallback;
    }
}
