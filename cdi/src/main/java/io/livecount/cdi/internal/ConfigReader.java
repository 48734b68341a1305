package io.livecount.cdi.internal;

import io.livecount.ConsistencyMode;
import io.livecount.LivecountConfig;
import io.livecount.LivecountConfig.SchemaAction;
import io.livecount.NamespaceSettings;
import io.livecount.Period;
import io.livecount.jta.JtaTransactions;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Builds a {@link LivecountConfig} from {@code livecount.*} settings. Fails with an {@link
 * IllegalArgumentException} naming the key and the bad value; a key nobody reads (a typo) fails too.
 */
public final class ConfigReader {

    /** What the settings refer to in the application: data sources, persistence units, JTA. */
    public interface Resources {
        /** The application's DataSource bean: {@code @Default} when {@code name} is null, else {@code @Named}. */
        DataSource dataSourceBean(String name);

        DataSource jndiDataSource(String jndiName);

        /** The pool of the persistence unit {@code unit} (needs livecount-jpa). */
        DataSource persistenceUnit(String unit);

        Optional<TransactionSynchronizationRegistry> transactionRegistry();
    }

    enum Transactions {
        AUTO,
        JTA,
        NONE
    }

    static final String DATASOURCE = "livecount.datasource";
    static final String PERSISTENCE_UNIT = "livecount.persistence-unit";
    static final String JDBC_URL = "livecount.jdbc.url";
    static final String NAMESPACE = "livecount.namespace.";

    private static final System.Logger LOG = System.getLogger(ConfigReader.class.getName());

    private final SettingValues values;
    private final Resources resources;

    private ConfigReader(SettingsSource source, Resources resources) {
        this.values = new SettingValues(source);
        this.resources = resources;
    }

    public static LivecountConfig read(SettingsSource source, Resources resources) {
        return new ConfigReader(source, resources).read();
    }

    private LivecountConfig read() {
        LivecountConfig.Builder builder = LivecountConfig.builder();
        boolean enlists = storage(builder);
        values.choice("livecount.mode", ConsistencyMode.class).ifPresent(builder::defaultMode);
        values.zone("livecount.zone").ifPresent(builder::zone);
        NamespaceSettings defaults = values.periods("livecount.periods")
                .map(p -> NamespaceSettings.of(p.toArray(Period[]::new)))
                .orElse(NamespaceSettings.of());
        builder.defaultNamespaceSettings(RetentionSettings.apply(values, "livecount", defaults));
        boolean anyFast = namespaces(builder)
                || values.choice("livecount.mode", ConsistencyMode.class)
                        .filter(ConsistencyMode.FAST::equals)
                        .isPresent();
        values.number("livecount.conflict-retries", 0, 100).ifPresent(n -> builder.conflictRetries(n.intValue()));
        values.number("livecount.max-concurrent-commits", 1, 256)
                .ifPresent(n -> builder.maxConcurrentCommits(n.intValue()));
        values.choice("livecount.schema", SchemaAction.class).ifPresent(builder::schemaAction);
        transactions(builder, enlists);
        WriteBackSettings writeBack = WriteBackSettings.read(values, anyFast);
        refuseUnknownKeys();
        writeBack.create().ifPresent(builder::writeBack);
        return builder.build();
    }

    /**
     * A declared key nobody read is a typo or a setting of another version: start-up fails, naming
     * each key and its source. Environment variables declare no keys; unused {@code LIVECOUNT_*}
     * ones are only mentioned in the log.
     */
    private void refuseUnknownKeys() {
        Set<String> unknown = values.unread();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) "
                    + unknown.stream()
                            .map(key -> key + " (from " + values.origin(key) + ")")
                            .collect(Collectors.joining(", "))
                    + "; see the keys in docs/configuration.md");
        }
        Set<String> ignored = Environment.system().unusedVariables(values.readKeys());
        if (!ignored.isEmpty()) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "environment variables " + ignored + " are not Livecount settings (none of the keys it"
                            + " reads): ignored");
        }
    }

    /** Sets the one storage; returns whether its connections can enlist in JTA transactions. */
    private boolean storage(LivecountConfig.Builder builder) {
        Optional<String> dataSource = values.text(DATASOURCE);
        Optional<String> unit = values.text(PERSISTENCE_UNIT);
        Optional<String> url = values.text(JDBC_URL);
        Optional<String> user = values.text("livecount.jdbc.username");
        Optional<String> password = values.text("livecount.jdbc.password");
        Optional<Long> poolSize = values.number("livecount.jdbc.max-pool-size", 1, 1000);
        List<String> given = new ArrayList<>();
        dataSource.ifPresent(v -> given.add(DATASOURCE));
        unit.ifPresent(v -> given.add(PERSISTENCE_UNIT));
        url.ifPresent(v -> given.add(JDBC_URL));
        if (given.size() != 1) {
            throw new IllegalArgumentException((given.isEmpty() ? "no database configured" : "set only one of " + given)
                    + ": set exactly one of " + DATASOURCE + " (a JNDI name, or 'cdi' / 'cdi:<name>' for the"
                    + " application's DataSource bean), " + PERSISTENCE_UNIT + " or " + JDBC_URL + " (from "
                    + values.sourceDescription() + ")");
        }
        if (dataSource.isPresent()) {
            builder.dataSource(dataSourceOf(dataSource.get()));
            return true;
        }
        if (unit.isPresent()) {
            builder.dataSource(resources.persistenceUnit(unit.get()));
            return true;
        }
        if (!url.get().startsWith("jdbc:")) {
            throw values.bad(JDBC_URL, url.get(), "a JDBC URL starting with jdbc:");
        }
        builder.jdbcUrl(url.get(), user.orElse(null), password.orElse(null));
        poolSize.ifPresent(n -> builder.maxPoolSize(n.intValue()));
        return false;
    }

    private DataSource dataSourceOf(String value) {
        if (value.equals("cdi")) {
            return resources.dataSourceBean(null);
        }
        if (value.startsWith("cdi:")) {
            return resources.dataSourceBean(value.substring(4));
        }
        return resources.jndiDataSource(value);
    }

    /** Reads {@code livecount.namespace.<name>.mode|periods|retention.*}; returns whether one is FAST. */
    private boolean namespaces(LivecountConfig.Builder builder) {
        Set<String> names = RetentionSettings.namespaces(values);
        for (String key : values.unread()) {
            if (key.startsWith(NAMESPACE) && (key.endsWith(".mode") || key.endsWith(".periods"))) {
                names.add(key.substring(NAMESPACE.length(), key.lastIndexOf('.')));
            }
        }
        boolean anyFast = false;
        for (String name : names) {
            Optional<ConsistencyMode> mode = values.choice(NAMESPACE + name + ".mode", ConsistencyMode.class);
            Set<Period> periods = values.periods(NAMESPACE + name + ".periods").orElse(Set.of());
            NamespaceSettings settings = RetentionSettings.apply(
                    values, NAMESPACE + name, NamespaceSettings.of(periods.toArray(Period[]::new)));
            builder.namespace(name, mode.map(settings::withMode).orElse(settings));
            anyFast |= mode.filter(ConsistencyMode.FAST::equals).isPresent();
        }
        return anyFast;
    }

    private void transactions(LivecountConfig.Builder builder, boolean enlists) {
        String key = "livecount.transactions";
        Transactions choice = values.choice(key, Transactions.class).orElse(Transactions.AUTO);
        if (choice == Transactions.NONE) {
            return;
        }
        Optional<TransactionSynchronizationRegistry> registry = resources.transactionRegistry();
        if (choice == Transactions.JTA && (registry.isEmpty() || !enlists)) {
            throw values.bad(
                    key,
                    "jta",
                    registry.isEmpty()
                            ? "a TransactionSynchronizationRegistry (a CDI bean, or JNDI " + JtaTransactions.JNDI_NAME
                                    + "), and none was found"
                            : DATASOURCE + " or " + PERSISTENCE_UNIT + ": connections from " + JDBC_URL
                                    + " never enlist");
        }
        if (enlists) {
            registry.ifPresent(r -> builder.joinTransactions(JtaTransactions.of(r)));
        }
    }
}
