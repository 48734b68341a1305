package io.livecount;

import io.livecount.internal.KeyRules;
import io.livecount.spi.CallerTransactions;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Immutable configuration of a {@link CounterService}. Build it with {@link #builder()}; the builder
 * rejects a bad value at once with an {@link IllegalArgumentException} that names the setting and
 * the value.
 *
 * <p>Exactly one storage must be given: your {@link DataSource}, or a JDBC URL from which Livecount
 * builds and owns a HikariCP pool ({@code com.zaxxer:HikariCP} must then be on the class path). To
 * use the pool of a JPA persistence unit, pass {@code LivecountJpa.dataSource(entityManagerFactory)}
 * from {@code livecount-jpa} as the data source.
 */
public final class LivecountConfig {

    /** What the service does with the {@code livecount_counter} table at start-up. */
    public enum SchemaAction {
        /** Run the shipped script if the table is missing, then validate it. */
        CREATE_IF_MISSING,
        /** Only validate: the table must exist (for schemas managed by Flyway or a DBA). */
        VALIDATE
    }

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final int maxPoolSize;
    private final ZoneId zone;
    private final Clock clock;
    private final ConsistencyMode defaultMode;
    private final NamespaceSettings defaultNamespaceSettings;
    private final Map<String, NamespaceSettings> namespaces;
    private final int conflictRetries;
    private final int maxConcurrentCommits;
    private final SchemaAction schemaAction;
    private final WriteBackConfig writeBack;
    private final CallerTransactions callerTransactions;

    private LivecountConfig(Builder b) {
        this.dataSource = b.dataSource;
        this.jdbcUrl = b.jdbcUrl;
        this.username = b.username;
        this.password = b.password;
        this.maxPoolSize = b.maxPoolSize;
        this.zone = b.zone;
        this.clock = b.clock;
        this.defaultMode = b.defaultMode;
        this.defaultNamespaceSettings = b.defaultNamespaceSettings;
        this.namespaces = Map.copyOf(b.namespaces);
        this.conflictRetries = b.conflictRetries;
        this.maxConcurrentCommits = b.maxConcurrentCommits;
        this.schemaAction = b.schemaAction;
        this.writeBack = b.writeBack;
        this.callerTransactions = b.callerTransactions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings that apply to {@code namespace}: its own, or the defaults. */
    public NamespaceSettings namespace(String namespace) {
        return namespaces.getOrDefault(namespace, defaultNamespaceSettings);
    }

    /** The mode of an add in {@code namespace} with no per-call override. */
    public ConsistencyMode modeOf(String namespace) {
        ConsistencyMode mode = namespace(namespace).mode();
        return mode != null ? mode : defaultMode;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    /**
     * For {@link Livecount} alone, which builds the pool with it: not public, so that neither this
     * configuration nor {@link CounterService#config()} hands the password to anyone else. No
     * {@code toString} includes it.
     */
    String password() {
        return password;
    }

    public int maxPoolSize() {
        return maxPoolSize;
    }

    public ZoneId zone() {
        return zone;
    }

    public Clock clock() {
        return clock;
    }

    public ConsistencyMode defaultMode() {
        return defaultMode;
    }

    public NamespaceSettings defaultNamespaceSettings() {
        return defaultNamespaceSettings;
    }

    public Map<String, NamespaceSettings> namespaces() {
        return namespaces;
    }

    public int conflictRetries() {
        return conflictRetries;
    }

    public int maxConcurrentCommits() {
        return maxConcurrentCommits;
    }

    public SchemaAction schemaAction() {
        return schemaAction;
    }

    /** FAST mode's configuration, or null when FAST mode is not set up. */
    public WriteBackConfig writeBack() {
        return writeBack;
    }

    /** The transactions the service joins by itself (JTA), or null when it joins none. */
    public CallerTransactions callerTransactions() {
        return callerTransactions;
    }

    /** Mutable, not thread-safe builder of {@link LivecountConfig}. */
    public static final class Builder {
        private DataSource dataSource;
        private String jdbcUrl;
        private String username;
        private String password;
        private int maxPoolSize = 10;
        private ZoneId zone = ZoneOffset.UTC;
        private Clock clock = Clock.systemUTC();
        private ConsistencyMode defaultMode = ConsistencyMode.STRICT;
        private NamespaceSettings defaultNamespaceSettings = NamespaceSettings.of();
        private final Map<String, NamespaceSettings> namespaces = new LinkedHashMap<>();
        private int conflictRetries = 10;
        private int maxConcurrentCommits = 2;
        private SchemaAction schemaAction = SchemaAction.CREATE_IF_MISSING;
        private WriteBackConfig writeBack;
        private CallerTransactions callerTransactions;

        private Builder() {}

        /** Your pool; Livecount borrows connections per operation and never closes it. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * A JDBC URL; Livecount builds a HikariCP pool of {@link #maxPoolSize} and closes it. The
         * password is kept for that pool only: no public method of the configuration returns it.
         */
        public Builder jdbcUrl(String jdbcUrl, String username, String password) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
                throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:', was " + quote(jdbcUrl));
            }
            this.jdbcUrl = jdbcUrl;
            this.username = username;
            this.password = password;
            return this;
        }

        /** Pool size when built from a JDBC URL: 1 to 1000, default 10. */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = inRange("maxPoolSize", maxPoolSize, 1, 1000);
            return this;
        }

        /** Time zone in which buckets start; default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Source of "now" for adds without an event time; read on every add. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Mode of namespaces that do not set their own; default STRICT. */
        public Builder defaultMode(ConsistencyMode mode) {
            this.defaultMode = Objects.requireNonNull(mode, "defaultMode");
            return this;
        }

        /** Settings of namespaces not configured by {@link #namespace}; default: ALL only. */
        public Builder defaultNamespaceSettings(NamespaceSettings settings) {
            this.defaultNamespaceSettings = Objects.requireNonNull(settings, "defaultNamespaceSettings");
            return this;
        }

        /** Settings of one namespace. */
        public Builder namespace(String namespace, NamespaceSettings settings) {
            KeyRules.check("namespace", namespace, CounterKey.MAX_NAMESPACE_BYTES);
            namespaces.put(namespace, Objects.requireNonNull(settings, "settings of namespace " + namespace));
            return this;
        }

        /** How often a deadlock or serialization failure is retried in owned transactions: 0 to 100. */
        public Builder conflictRetries(int conflictRetries) {
            this.conflictRetries = inRange("conflictRetries", conflictRetries, 0, 100);
            return this;
        }

        /**
         * How many STRICT transactions Livecount runs at once (1 to 256, default 2). Adds arriving
         * while all are busy wait and share the next commit (group commit). Keep it below the pool
         * size so that reads find connections.
         */
        public Builder maxConcurrentCommits(int maxConcurrentCommits) {
            this.maxConcurrentCommits = inRange("maxConcurrentCommits", maxConcurrentCommits, 1, 256);
            return this;
        }

        public Builder schemaAction(SchemaAction schemaAction) {
            this.schemaAction = Objects.requireNonNull(schemaAction, "schemaAction");
            return this;
        }

        /** Enables FAST mode: the cache and write-back settings. Without it, FAST is refused. */
        public Builder writeBack(WriteBackConfig writeBack) {
            this.writeBack = Objects.requireNonNull(writeBack, "writeBack");
            return this;
        }

        /**
         * Makes the service join the calling thread's transaction (e.g. {@code
         * JtaTransactions.of(registry)}): while one is active, STRICT adds and deletes run in it and
         * commit or roll back with it, and FAST adds reach the cache only after it commits. The
         * connections of your {@link #dataSource} must enlist in
         * it; a pool built from a JDBC URL never does, so that combination is refused.
         */
        public Builder joinTransactions(CallerTransactions callerTransactions) {
            this.callerTransactions = Objects.requireNonNull(callerTransactions, "callerTransactions");
            return this;
        }

        public LivecountConfig build() {
            int storages = (dataSource != null ? 1 : 0) + (jdbcUrl != null ? 1 : 0);
            if (storages != 1) {
                throw new IllegalArgumentException(
                        "exactly one of dataSource and jdbcUrl must be set, found " + storages);
            }
            if (callerTransactions != null && jdbcUrl != null) {
                throw new IllegalArgumentException("joinTransactions(...) needs a dataSource"
                        + " whose connections enlist in those transactions; the pool built from jdbcUrl "
                        + quote(jdbcUrl) + " never does");
            }
            if (writeBack == null) {
                requireStrict("defaultMode", defaultMode);
                requireStrict("defaultNamespaceSettings.mode", defaultNamespaceSettings.mode());
                namespaces.forEach(
                        (name, settings) -> requireStrict("mode of namespace " + quote(name), settings.mode()));
            }
            return new LivecountConfig(this);
        }

        private static void requireStrict(String setting, ConsistencyMode mode) {
            if (mode == ConsistencyMode.FAST) {
                throw new IllegalArgumentException(
                        setting + " is FAST, but no write-back is configured; set writeBack(...) or use STRICT");
            }
        }

        private static int inRange(String setting, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        setting + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        private static String quote(String value) {
            return value == null ? "null" : "'" + value + "'";
        }
    }
}
