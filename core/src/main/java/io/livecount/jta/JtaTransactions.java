package io.livecount.jta;

import io.livecount.spi.CallerTransactions;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Objects;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Joins JTA transactions through the {@link TransactionSynchronizationRegistry}: work after commit
 * runs as an interposed synchronization, so it runs after the data sources have committed.
 *
 * <p>Thread-safe. Pass it to {@code LivecountConfig.Builder.joinTransactions(...)}.
 */
public final class JtaTransactions implements CallerTransactions {

    /** The registry's standard JNDI name in Jakarta EE servers. */
    public static final String JNDI_NAME = "java:comp/TransactionSynchronizationRegistry";

    private static final System.Logger LOG = System.getLogger(JtaTransactions.class.getName());

    private final TransactionSynchronizationRegistry registry;

    private JtaTransactions(TransactionSynchronizationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** JTA through {@code registry}, e.g. Narayana's {@code TransactionSynchronizationRegistryImple}. */
    public static JtaTransactions of(TransactionSynchronizationRegistry registry) {
        return new JtaTransactions(registry);
    }

    /**
     * JTA through the registry bound at {@value #JNDI_NAME}.
     *
     * @throws IllegalStateException if JNDI has no such registry
     */
    public static JtaTransactions fromJndi() {
        try {
            return of((TransactionSynchronizationRegistry) new InitialContext().lookup(JNDI_NAME));
        } catch (NamingException | RuntimeException e) {
            throw new IllegalStateException("no TransactionSynchronizationRegistry at " + JNDI_NAME + ": " + e, e);
        }
    }

    @Override
    public boolean inTransaction() {
        int status = registry.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public <T extends Runnable> T afterCommit(Object key, Supplier<T> create) {
        if (!inTransaction()) {
            throw new IllegalStateException("no active JTA transaction on this thread");
        }
        @SuppressWarnings("unchecked")
        T bound = (T) registry.getResource(key);
        if (bound == null) {
            T created = create.get();
            registry.putResource(key, created);
            registry.registerInterposedSynchronization(new RunAfterCommit(created));
            bound = created;
        }
        return bound;
    }

    private record RunAfterCommit(Runnable action) implements Synchronization {

        @Override
        public void beforeCompletion() {}

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return; // rolled back, or unknown: nothing of the transaction counts
            }
            try {
                action.run();
            } catch (RuntimeException e) {
                // The business transaction has committed; the transaction manager would only log this too.
                LOG.log(System.Logger.Level.ERROR, "after-commit work of a JTA transaction failed", e);
            }
        }
    }
}
