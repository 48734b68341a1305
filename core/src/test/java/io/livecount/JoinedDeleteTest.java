package io.livecount;

import io.livecount.testing.CallerTx;
import io.livecount.testing.JdbcTransaction;
import io.livecount.testing.JoinedDeleteContract;
import io.livecount.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
@DisplayName("Deleting a FAST counter inside the caller's JDBC transaction")
class JoinedDeleteTest extends JoinedDeleteContract {

    @Override
    protected CallerTx.Source transactions() {
        return JdbcTransaction.on(database.dataSource());
    }
}
