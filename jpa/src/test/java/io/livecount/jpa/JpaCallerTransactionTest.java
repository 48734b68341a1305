package io.livecount.jpa;

import io.livecount.testing.CallerTransactionContract;
import io.livecount.testing.CallerTx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{1} on {0}")
@MethodSource("io.livecount.jpa.Provider#withDatabases")
@DisplayName("Counting inside an EntityManager's transaction")
class JpaCallerTransactionTest extends CallerTransactionContract {

    @Parameter(1)
    Provider provider;

    @Override
    protected CallerTx.Source transactions() {
        return EntityManagerTx.on(provider.open(database));
    }
}
