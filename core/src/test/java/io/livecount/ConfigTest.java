package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.spi.BucketKey;
import io.livecount.spi.CallerTransactions;
import io.livecount.spi.CounterCache;
import io.livecount.spi.CounterEntry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The configuration builder names every bad value")
class ConfigTest {

    private final LivecountConfig.Builder builder = LivecountConfig.builder();

    @Test
    @DisplayName("exactly one storage is required")
    void oneStorage() {
        assertThatThrownBy(builder::build).hasMessage("exactly one of dataSource and jdbcUrl must be set, found 0");
        builder.jdbcUrl("jdbc:h2:mem:a", "sa", "");
        builder.dataSource(new org.h2.jdbcx.JdbcDataSource());
        assertThatThrownBy(builder::build).hasMessageEndingWith("found 2");
    }

    @Test
    @DisplayName("numbers out of range are named with their value")
    void ranges() {
        assertThatThrownBy(() -> builder.conflictRetries(-1))
                .hasMessage("conflictRetries must be between 0 and 100, was -1");
        assertThatThrownBy(() -> builder.maxConcurrentCommits(0))
                .hasMessage("maxConcurrentCommits must be between 1 and 256, was 0");
        assertThatThrownBy(() -> builder.maxPoolSize(5000))
                .hasMessage("maxPoolSize must be between 1 and 1000, was 5000");
        assertThatThrownBy(() -> builder.jdbcUrl("mysql://x", "u", "p"))
                .hasMessage("jdbcUrl must start with 'jdbc:', was 'mysql://x'");
    }

    @Test
    @DisplayName("joining transactions over a pool built from a JDBC URL is refused: it never enlists")
    void joiningNeedsAnEnlistingSource() {
        CallerTransactions never = new CallerTransactions() {
            @Override
            public boolean inTransaction() {
                return false;
            }

            @Override
            public <T extends Runnable> T afterCommit(Object key, java.util.function.Supplier<T> create) {
                throw new IllegalStateException("no transaction");
            }
        };
        builder.jdbcUrl("jdbc:h2:mem:a", "sa", "").joinTransactions(never);
        assertThatThrownBy(builder::build)
                .hasMessageStartingWith("joinTransactions(...) needs a dataSource whose connections enlist")
                .hasMessageContaining("'jdbc:h2:mem:a'");
        assertThat(LivecountConfig.builder()
                        .dataSource(new org.h2.jdbcx.JdbcDataSource())
                        .joinTransactions(never)
                        .build()
                        .callerTransactions())
                .isSameAs(never);
    }

    @Test
    @DisplayName("FAST without a write-back is a configuration error, never a silent fallback")
    void fastNeedsWriteBack() {
        builder.jdbcUrl("jdbc:h2:mem:a", "sa", "");
        assertThatThrownBy(() -> builder.defaultMode(ConsistencyMode.FAST).build())
                .hasMessageStartingWith("defaultMode is FAST, but no write-back is configured");
        builder.defaultMode(ConsistencyMode.STRICT);
        assertThatThrownBy(
                        () -> builder.namespace("clicks", NamespaceSettings.of().withMode(ConsistencyMode.FAST))
                                .build())
                .hasMessageStartingWith("mode of namespace 'clicks' is FAST, but no write-back is configured");
    }

    @Test
    @DisplayName("write-back settings out of range are named with their value")
    void writeBackRanges() {
        assertThatThrownBy(() -> WriteBackConfig.builder(null)).hasMessage("cacheFactory");
        WriteBackConfig.Builder writeBack = WriteBackConfig.builder(UnusedCache::new);
        assertThatThrownBy(() -> writeBack.maxDelay(Duration.ofMillis(5)))
                .hasMessage("maxDelay must be between PT0.01S and PT1H, was PT0.005S");
        assertThatThrownBy(() -> writeBack.flushThreshold(-1))
                .hasMessage("flushThreshold must be 0 (off) or positive, was -1");
        assertThatThrownBy(() -> writeBack.maxDirtyCounters(0))
                .hasMessage("maxDirtyCounters must be between 1 and 10000000, was 0");
        assertThatThrownBy(() -> writeBack.maxBacklog(0, WriteBackConfig.BacklogPolicy.BLOCK))
                .hasMessage("maxBacklog must be between 1 and 1000000000, was 0");
        assertThatThrownBy(() -> writeBack.localWindow(Duration.ofSeconds(2)))
                .hasMessage("localWindow must be between PT0S and PT1S, was PT2S");
        assertThatThrownBy(() -> writeBack.parallelStatements(0))
                .hasMessage("parallelStatements must be between 1 and 16, was 0");
        assertThatThrownBy(() -> writeBack.parallelStatements(17))
                .hasMessage("parallelStatements must be between 1 and 16, was 17");
        assertThatThrownBy(() -> writeBack
                        .maxBacklog(100, WriteBackConfig.BacklogPolicy.FAIL_FAST)
                        .build())
                .hasMessage("maxBacklog (100) must be at least maxDirtyCounters (100000)");
        WriteBackConfig defaults = WriteBackConfig.builder(UnusedCache::new).build();
        assertThat(defaults.maxDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.localWindow()).isZero();
        assertThat(defaults.backlogPolicy()).isEqualTo(WriteBackConfig.BacklogPolicy.BLOCK);
        assertThat(defaults.parallelStatements()).isEqualTo(2);
    }

    /** A cache that is only configured, never used. */
    private static final class UnusedCache implements CounterCache {
        @Override
        public CounterEntry get(BucketKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CounterEntry putIfAbsent(BucketKey key, CounterEntry entry) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(BucketKey key, CounterEntry expected, CounterEntry replacement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(BucketKey key, CounterEntry expected) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Collection<BucketKey> dirtyKeys() {
            return List.of();
        }

        @Override
        public long dirtyCount() {
            return 0;
        }

        @Override
        public void close() {}
    }

    @Test
    @DisplayName("namespace settings always include ALL and fall back to the defaults")
    void namespaces() {
        LivecountConfig config = builder.jdbcUrl("jdbc:h2:mem:a", "sa", "")
                .zone(ZoneId.of("Europe/Paris"))
                .namespace("clicks", NamespaceSettings.of(Period.HOUR, Period.DAY))
                .build();
        assertThat(config.namespace("clicks").periods()).containsExactly(Period.HOUR, Period.DAY, Period.ALL);
        assertThat(config.namespace("other").periods()).containsExactly(Period.ALL);
        assertThat(config.modeOf("clicks")).isEqualTo(ConsistencyMode.STRICT);
        assertThatThrownBy(() -> builder.namespace(" ", NamespaceSettings.of()))
                .hasMessage("namespace must not be blank, was ' '");
    }
}
