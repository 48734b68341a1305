package io.livecount;

import io.livecount.testing.CallerTransactionContract;
import io.livecount.testing.CallerTx;
import io.livecount.testing.JdbcTransaction;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Counting inside the caller's JDBC transaction")
class CallerTransactionTest extends CallerTransactionContract {

    @Override
    protected CallerTx.Source transactions() {
        return JdbcTransaction.on(database.dataSource());
    }
}
