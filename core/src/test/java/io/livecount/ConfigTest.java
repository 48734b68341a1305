package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The configuration builder names every bad value")
class ConfigTest {

    private final LivecountConfig.Builder builder = LivecountConfig.builder();

    @Test
    @DisplayName("exactly one storage is required")
    void oneStorage() {
        assertThatThrownBy(builder::build)
                .hasMessage("exactly one of dataSource, entityManagerFactory and jdbcUrl must be set, found 0");
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
    @DisplayName("FAST is a configuration error in this version, never a silent fallback")
    void fastRefused() {
        assertThatThrownBy(() -> builder.defaultMode(ConsistencyMode.FAST))
                .hasMessageStartingWith("defaultMode is FAST");
        assertThatThrownBy(
                        () -> builder.namespace("clicks", NamespaceSettings.of().withMode(ConsistencyMode.FAST)))
                .hasMessageStartingWith("mode of namespace 'clicks' is FAST");
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
