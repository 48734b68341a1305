package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterService;
import io.livecount.cdi.internal.SettingsSource;
import io.livecount.cdi.testing.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs without a MicroProfile Config implementation. Surefire sets the environment variables
 * {@code LIVECOUNT_VERSION} and {@code LIVECOUNT_DEMO_PORT} (no settings) and {@code
 * LIVECOUNT_CONFLICT_RETRIES=7} (a setting) for this module's tests.
 */
@DisplayName("Without MicroProfile Config: system properties > environment > livecount.properties")
class SettingsSourceTest {

    private static final String H2 = "jdbc:h2:mem:cdi-settings;DB_CLOSE_DELAY=-1";

    @AfterEach
    void clearSettings() {
        Settings.replaceWith(Map.of());
    }

    @Test
    @DisplayName("the file on the class path is read, and a system property overrides it")
    void fileThenSystemProperties(@TempDir Path classes) throws Exception {
        Settings.replaceWith(Map.of("livecount.cache", "test-map"));
        Settings.withClassPathFiles(
                classes, Map.of("livecount.properties", "livecount.mode=fast\nlivecount.cache=ehcache\n"), () -> {
                    SettingsSource source = SettingsSource.detect();
                    assertThat(source.description()).contains("livecount.properties");
                    assertThat(source.value("livecount.mode")).contains("fast");
                    assertThat(source.value("livecount.cache"))
                            .as("system property wins")
                            .contains("test-map");
                    assertThat(source.livecountKeys()).containsExactly("livecount.cache", "livecount.mode");
                    return null;
                });
    }

    @Test
    @DisplayName("an environment variable supplies a key, over the file and under a system property")
    void environmentBetweenSystemPropertiesAndFile(@TempDir Path classes) throws Exception {
        assertThat(System.getenv("LIVECOUNT_CONFLICT_RETRIES"))
                .as("set by Surefire")
                .isEqualTo("7");
        Settings.withClassPathFiles(classes, Map.of("livecount.properties", "livecount.conflict-retries=3\n"), () -> {
            assertThat(SettingsSource.detect().value("livecount.conflict-retries"))
                    .contains("7");
            Settings.replaceWith(Map.of("livecount.conflict-retries", "5"));
            assertThat(SettingsSource.detect().value("livecount.conflict-retries"))
                    .contains("5");
            return null;
        });
    }

    @Test
    @DisplayName("LIVECOUNT_* environment variables that are no setting do not stop start-up")
    void unrelatedEnvironmentVariables() {
        assertThat(System.getenv("LIVECOUNT_VERSION")).as("set by Surefire").isNotNull();
        assertThat(System.getenv("LIVECOUNT_DEMO_PORT")).as("set by Surefire").isNotNull();
        try (WeldContainer container =
                Settings.weldWith(Map.of("livecount.jdbc.url", H2)).initialize()) {
            CounterService counters = container.select(CounterService.class).get();
            assertThat(counters.config().conflictRetries()).isEqualTo(7);
        }
    }

    @Test
    @DisplayName("a misspelt key in livecount.properties fails start-up, naming the key and the file")
    void typoInPropertiesFile(@TempDir Path classes) throws Exception {
        Throwable failure = Settings.withClassPathFiles(
                classes,
                Map.of("livecount.properties", "livecount.jdbc.url=" + H2 + "\nlivecount.cach=ehcache\n"),
                () -> Settings.startFailure(Map.of()));
        assertThat(Settings.messages(failure)).contains("unknown setting", "livecount.cach", "livecount.properties");
    }

    @Test
    @DisplayName("livecount.* keys in a microprofile-config.properties that nothing reads fail start-up, saying so")
    void microProfileFileWithoutImplementation(@TempDir Path classes) throws Exception {
        Throwable failure = Settings.withClassPathFiles(
                classes,
                Map.of("META-INF/microprofile-config.properties", "livecount.jdbc.url=" + H2 + "\n"),
                () -> Settings.startFailure(Map.of()));
        assertThat(Settings.messages(failure))
                .contains("META-INF/microprofile-config.properties", "livecount.jdbc.url", "not read");
    }
}
