package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Demo settings from flags and environment")
class DemoSettingsTest {

    @Test
    @DisplayName("default: H2 in ./demo-data, FAST on Ehcache, port 8080, a generated admin password")
    void defaults() {
        DemoSettings settings = DemoSettings.parse(new String[0], Map.of());

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:./demo-data/livecount");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.passwordGenerated()).isTrue();
        assertThat(settings.adminPassword()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(DemoSettings.parse(new String[0], Map.of()).adminPassword()).isNotEqualTo(settings.adminPassword());
        assertThat(settings.livecountProperties())
                .containsEntry("livecount.mode", "fast")
                .containsEntry("livecount.cache", "ehcache")
                .containsEntry("livecount.namespace.clicks.periods", "hour,day");
        assertThat(settings.toString()).doesNotContain(settings.adminPassword());
    }

    @Test
    @DisplayName("flags override environment variables")
    void flagsOverEnvironment() {
        DemoSettings settings = DemoSettings.parse(
                new String[] {"--db", "postgresql", "--mode=strict"},
                Map.of(
                        "LIVECOUNT_DEMO_DB",
                        "mariadb",
                        "LIVECOUNT_DEMO_PORT",
                        "9090",
                        "LIVECOUNT_DEMO_ADMIN_PASSWORD",
                        "pw"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(settings.dbUser()).isEqualTo("postgres");
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.adminPassword()).isEqualTo("pw");
        assertThat(settings.livecountProperties())
                .containsEntry("livecount.mode", "strict")
                .containsEntry("livecount.cache", "none");
    }

    @Test
    @DisplayName("bad values are refused with the option named")
    void badValues() {
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--mode", "quick"}, Map.of()))
                .hasMessageContaining("--mode");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--db", "oracle"}, Map.of()))
                .hasMessageContaining("--db");
        assertThatThrownBy(() -> DemoSettings.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessageContaining("--colour");
    }

    @Test
    @DisplayName("--cache hazelcast, whose module does not exist yet, fails start-up naming the setting")
    void hazelcastNotYet() {
        DemoSettings settings = DemoSettings.parse(
                new String[] {"--cache", "hazelcast", "--port", "0", "--db", "jdbc:h2:mem:demo-hazelcast"}, Map.of());

        assertThatThrownBy(() -> DemoServer.start(settings).close())
                .hasStackTraceContaining("livecount.cache")
                .hasStackTraceContaining("hazelcast");
        assertThat(System.getProperty("livecount.cache"))
                .as("settings put back")
                .isNull();
    }
}
