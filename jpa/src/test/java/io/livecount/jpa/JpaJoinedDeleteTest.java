package io.livecount.jpa;

import io.livecount.testing.CallerTx;
import io.livecount.testing.JoinedDeleteContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{1} on {0}")
@MethodSource("io.livecount.jpa.Provider#withDatabases")
@DisplayName("Deleting a FAST counter inside an EntityManager's transaction")
class JpaJoinedDeleteTest extends JoinedDeleteContract {

    @Parameter(1)
    Provider provider;

    @Override
    protected CallerTx.Source transactions() {
        return EntityManagerTx.on(provider.open(database));
    }
}
