package io.livecount.bench;

import jakarta.persistence.LockModeType;
import javax.sql.DataSource;

/** The click-counter tutorial: find, add 1, commit, no lock and no version. Loses updates. */
final class JpaNaiveScenario extends JpaScenario {

    static final String NAME = "jpa-naive";

    JpaNaiveScenario(BenchDatabase database, DataSource dataSource) {
        super(database, dataSource);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    LockModeType lockMode() {
        return LockModeType.NONE;
    }

    @Override
    public void increment(int keyIndex) {
        incrementOnce(keyIndex);
    }

    @Override
    public boolean losesUpdates() {
        return true;
    }
}
