package io.livecount.bench;

import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.hibernate.exception.LockAcquisitionException;

/** Find with {@code PESSIMISTIC_WRITE} (SELECT ... FOR UPDATE), add 1, commit; retries lock conflicts. */
final class JpaPessimisticScenario extends JpaScenario {

    static final String NAME = "jpa-pessimistic";

    private static final int MAX_ATTEMPTS = 20;
    /** Deadlock / serialization failure (SQL standard, PostgreSQL) and H2's lock errors. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "HYT00");
    /** MariaDB/MySQL deadlock and lock wait timeout. */
    private static final Set<Integer> CONFLICT_CODES = Set.of(1213, 1205);

    private final LongAdder retries = new LongAdder();

    JpaPessimisticScenario(BenchDatabase database, DataSource dataSource) {
        super(database, dataSource);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    LockModeType lockMode() {
        return LockModeType.PESSIMISTIC_WRITE;
    }

    @Override
    public void increment(int keyIndex) {
        for (int attempt = 1; ; attempt++) {
            try {
                incrementOnce(keyIndex);
                return;
            } catch (RuntimeException e) {
                if (attempt == MAX_ATTEMPTS || !isLockConflict(e)) {
                    throw e;
                }
                retries.increment();
            }
        }
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    private static boolean isLockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException
                    || t instanceof LockAcquisitionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && (CONFLICT_STATES.contains(sql.getSQLState()) || CONFLICT_CODES.contains(sql.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }
}
