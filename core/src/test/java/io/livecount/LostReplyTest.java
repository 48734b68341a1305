package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.livecount.testing.DatabaseTest;
import io.livecount.testing.TcpProxy;
import io.livecount.testing.TestDatabase;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "on {0}")
@EnumSource(
        value = TestDatabase.class,
        names = {"MARIADB", "POSTGRESQL"})
@DisplayName("A broken connection during a STRICT add")
class LostReplyTest extends DatabaseTest {

    private TcpProxy proxy;
    private HikariDataSource viaProxy;
    private CounterService proxied;

    private CounterService proxiedService() throws IOException {
        boolean maria = database == TestDatabase.MARIADB;
        proxy = new TcpProxy("127.0.0.1", maria ? 3306 : 5432);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(
                maria
                        ? "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + TestDatabase.localDatabaseName()
                                + "?sslMode=DISABLED&socketTimeout=10000"
                        : "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + TestDatabase.localDatabaseName()
                                + "?sslmode=disable&socketTimeout=10");
        pool.setUsername(maria ? "root" : "postgres");
        pool.setPassword("");
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(3_000);
        viaProxy = new HikariDataSource(pool);
        proxied = Livecount.create(baseConfig().dataSource(viaProxy).build());
        return proxied;
    }

    @AfterEach
    void closeProxy() throws IOException {
        if (proxied != null) proxied.close();
        if (viaProxy != null) viaProxy.close();
        if (proxy != null) proxy.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a reply lost after the commit gives CommitOutcomeUnknownException and no retry")
    void lostReplyIsNotRetried() throws IOException {
        CounterService service = proxiedService();
        CounterKey key = CounterKey.of(ALL_PERIODS, "lost-reply");
        service.add(key, 1);
        proxy.loseReplyTo("livecount_counter");
        assertThatThrownBy(() -> service.add(key, 1)).isInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(counters.get(key)).as("applied once, never twice").isEqualTo(2);
        service.add(key, 1);
        assertThat(counters.get(key))
                .as("the service recovers with a new connection")
                .isEqualTo(3);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("a retry with the same idempotency key after an unknown outcome is counted once")
    void retryWithTheSameKey() throws IOException {
        CounterService service = proxiedService();
        CounterKey key = CounterKey.of(ALL_PERIODS, "lost-reply-keyed");
        service.add(key, 1);
        // the packet that commits: a group of keyed adds whose keys are new is one autocommitted
        // statement on both (the retries, whose key exists, then take a transaction on MariaDB)
        proxy.loseReplyTo("livecount_counter");
        assertThatThrownBy(() -> service.add(key, 1, AddOptions.once("msg-1")))
                .isInstanceOf(CommitOutcomeUnknownException.class);
        service.add(key, 1, AddOptions.once("msg-1")); // the caller cannot know: it retries
        service.add(key, 1, AddOptions.once("msg-1"));
        assertThat(counters.get(key))
                .as("the lost commit had applied it: the retries change nothing")
                .isEqualTo(2);
        service.add(key, 1, AddOptions.once("msg-2"));
        assertThat(counters.get(key)).isEqualTo(3);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @DisplayName("an unreachable database gives CounterStoreException and writes nothing")
    void unreachable() throws IOException {
        CounterService service = proxiedService();
        CounterKey key = CounterKey.of(ALL_PERIODS, "down");
        proxy.refuse(true);
        proxy.cutAll();
        viaProxy.getHikariPoolMXBean().softEvictConnections(); // no stale connection to try
        assertThatThrownBy(() -> service.add(key, 1)).isInstanceOf(CounterStoreException.class);
        proxy.refuse(false);
        assertThat(counters.get(key)).isZero();
        service.add(key, 1);
        assertThat(counters.get(key)).isEqualTo(1);
    }
}
