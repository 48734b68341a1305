package io.livecount.cdi;

import io.livecount.CounterService;
import io.livecount.Livecount;
import io.livecount.LivecountConfig;
import io.livecount.cdi.internal.ConfigReader;
import io.livecount.cdi.internal.PersistenceUnits;
import io.livecount.cdi.internal.SettingsSource;
import io.livecount.jta.JtaTransactions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Makes {@code @Inject CounterService} work: produces the application's one {@link CounterService}
 * ({@code @ApplicationScoped}, closed when the container stops) from a {@link LivecountConfig}
 * that it reads from the {@code livecount.*} settings (MicroProfile Config when present, otherwise
 * system properties and {@code livecount.properties}). The service is created at start-up, so a
 * wrong or missing setting fails the deployment with a message naming the key.
 *
 * <p><b>Who owns what.</b> The configuration is read once per container ({@code @Singleton}) and
 * is a plain value: injecting or looking it up creates nothing. The service creates the FAST cache
 * from the configuration's factory and its pool from a JDBC URL, and closes both. A persistence
 * unit that this producer had to bootstrap (no bean of that unit) is closed after the service;
 * data sources, persistence units and Hazelcast instances of the application are never closed.
 *
 * <p>To replace the configuration, write your own {@code @Produces @Alternative @Priority(1)
 * LivecountConfig} method; to replace the service, the same for {@code CounterService}.
 *
 * <p>STRICT and FAST adds join the caller's JTA transaction when a {@link
 * TransactionSynchronizationRegistry} is found (a CDI bean, or JNDI) and the data source enlists.
 */
@ApplicationScoped
public class LivecountProducer {

    private static final System.Logger LOG = System.getLogger(LivecountProducer.class.getName());

    /** What reading the configuration created (a bootstrapped persistence unit): closed after the service. */
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();

    private volatile boolean serviceCreated;

    /*
     * One Instance per type looked up, never Instance<Object>: with that, Quarkus ArC would count
     * every bean as used and remove none of the application's unused beans.
     */
    @Inject
    @Any
    Instance<DataSource> dataSources;

    @Inject
    @Any
    Instance<TransactionSynchronizationRegistry> transactionRegistries;

    /**
     * The configuration read from the {@code livecount.*} settings, once per container. {@code
     * Singleton} rather than {@code ApplicationScoped}: the class is final and cannot be proxied.
     */
    @Produces
    @Singleton
    public LivecountConfig livecountConfig() {
        try {
            return ConfigReader.read(SettingsSource.detect(), new ApplicationResources());
        } catch (RuntimeException e) {
            closeOwned(); // no configuration, so nobody else will use what reading it bootstrapped
            throw e;
        }
    }

    /** The application's counter service. */
    @Produces
    @ApplicationScoped
    public CounterService counterService(LivecountConfig config) {
        CounterService service;
        try {
            service = Livecount.create(config);
        } catch (RuntimeException e) {
            closeOwned(); // a unit bootstrapped for this service is not left open when it fails to start
            throw e;
        }
        serviceCreated = true;
        return service;
    }

    /** Writes pending FAST deltas and closes the service, then what reading the configuration opened. */
    public void close(@Disposes CounterService service) {
        try {
            service.close();
        } finally {
            closeOwned();
        }
    }

    /** Without a service (replaced, or it failed to start), nothing uses what the configuration opened. */
    @PreDestroy
    void closeUnused() {
        if (!serviceCreated) {
            closeOwned();
        }
    }

    /**
     * Creates the service at start-up: bad settings fail the deployment, not the first request. One
     * exception: a JNDI name that is not bound yet. Payara binds an application's own names
     * ({@code java:global}/{@code java:app} data sources of its {@code web.xml}, {@code
     * java:comp/env} references) only after CDI's start-up; the service is then created at first
     * use, where a name that is still missing fails with the same message.
     */
    void startUp(@Observes Startup startup, CounterService service) {
        try {
            service.config();
        } catch (RuntimeException e) {
            if (!causedBy(e, NameNotFoundException.class)) {
                throw e;
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Livecount: a JNDI name is not bound yet at start-up; the service is created at first use ({0})",
                    e.getMessage());
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private void closeOwned() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource + " failed", e);
            }
        }
        owned.clear();
    }

    /** What settings can refer to: CDI beans first, then JNDI, then (Java SE only) a bootstrapped unit. */
    private final class ApplicationResources implements ConfigReader.Resources {

        @Override
        public DataSource dataSourceBean(String name) {
            Instance<DataSource> found = name == null ? dataSources : dataSources.select(NamedLiteral.of(name));
            if (!found.isResolvable()) {
                throw new IllegalArgumentException("livecount.datasource = '" + (name == null ? "cdi" : "cdi:" + name)
                        + "': " + (found.isAmbiguous() ? "several" : "no") + " DataSource bean"
                        + (name == null ? "" : " named '" + name + "'") + " found");
            }
            return found.get();
        }

        @Override
        public DataSource jndiDataSource(String jndiName) {
            try {
                return (DataSource) new InitialContext().lookup(jndiName);
            } catch (NamingException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "livecount.datasource = '" + jndiName + "': no DataSource at this JNDI name (" + e + ")", e);
            }
        }

        @Override
        public DataSource persistenceUnit(String unit) {
            return PersistenceUnits.dataSource(unit, owned::add); // bootstrapped: closed after the service
        }

        @Override
        public Optional<TransactionSynchronizationRegistry> transactionRegistry() {
            if (transactionRegistries.isResolvable()) {
                return Optional.of(transactionRegistries.get());
            }
            try {
                return Optional.of(
                        (TransactionSynchronizationRegistry) new InitialContext().lookup(JtaTransactions.JNDI_NAME));
            } catch (NamingException | RuntimeException | LinkageError absent) {
                return Optional.empty(); // no JTA here
            }
        }
    }
}
