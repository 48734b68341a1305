package io.livecount.cdi.testing;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.livecount.testing.TestDatabase;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import javax.sql.XADataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Standalone JTA: Narayana's transaction manager and an Agroal pool of XA connections that
 * enlists every connection taken inside a transaction (a plain pool would not, and a rolled-back
 * add would stay).
 */
public final class Jta {

    public static final TransactionManager TM = com.arjuna.ats.jta.TransactionManager.transactionManager();
    public static final TransactionSynchronizationRegistry TSR = new TransactionSynchronizationRegistryImple();

    private Jta() {}

    /** An enlisting pool of XA connections to {@code database} (H2 or MariaDB). */
    public static AgroalDataSource dataSource(TestDatabase database) {
        database.dataSource(); // fails (CI) or aborts the test when the server is unreachable
        Class<? extends XADataSource> xa =
                switch (database) {
                    case H2 -> JdbcDataSource.class;
                    case MARIADB -> MariaDbDataSource.class;
                    default -> throw new IllegalArgumentException("no XA data source set up for " + database);
                };
        String url = database == TestDatabase.H2
                ? "jdbc:h2:mem:livecount;DB_CLOSE_DELAY=-1"
                : "jdbc:mariadb://127.0.0.1:3306/" + TestDatabase.localDatabaseName();
        String user = database == TestDatabase.H2 ? "sa" : "root";
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(20)
                        .transactionIntegration(new NarayanaTransactionIntegration(TM, TSR))
                        .connectionFactoryConfiguration(factory -> factory.connectionProviderClass(xa)
                                .jdbcUrl(url)
                                .principal(new NamePrincipal(user))
                                .credential(new SimplePassword(""))));
        try {
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build the XA pool for " + database, e);
        }
    }
}
