package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.CounterService;
import io.livecount.LivecountConfig;
import io.livecount.Period;
import io.livecount.cdi.testing.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in the Surefire execution with SmallRye Config; {@code META-INF/microprofile-config.properties}
 * of the test resources configures H2, FAST on Ehcache and namespace {@code clicks} (periods day).
 * Surefire sets {@code LIVECOUNT_VERSION} and {@code LIVECOUNT_DEMO_PORT}, which are no settings.
 */
@Tag("microprofile")
@DisplayName("With MicroProfile Config: its sources > livecount.properties, and every file is checked")
class MicroProfileSettingsTest {

    @AfterEach
    void clearSettings() {
        Settings.replaceWith(Map.of());
    }

    @Test
    @DisplayName("livecount.properties is read too, below MicroProfile Config's sources")
    void propertiesFileUnderMicroProfile(@TempDir Path classes) throws Exception {
        String file = "livecount.namespace.clicks.periods=hour\nlivecount.flush.max-delay=3s\n";
        LivecountConfig config = Settings.withClassPathFiles(classes, Map.of("livecount.properties", file), () -> {
            try (WeldContainer container = Settings.weldWith(Map.of()).initialize()) {
                return container.select(CounterService.class).get().config();
            }
        });
        assertThat(config.writeBack().maxDelay())
                .as("only in livecount.properties")
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(config.namespace("clicks").periods())
                .as("microprofile-config.properties wins")
                .contains(Period.DAY)
                .doesNotContain(Period.HOUR);
    }

    @Test
    @DisplayName("LIVECOUNT_* environment variables that are no setting do not stop start-up")
    void unrelatedEnvironmentVariables() {
        assertThat(System.getenv("LIVECOUNT_VERSION")).as("set by Surefire").isNotNull();
        assertThat(System.getenv("LIVECOUNT_DEMO_PORT")).as("set by Surefire").isNotNull();
        assertThat(Settings.startFailure(Map.of())).isNull();
    }

    @Test
    @DisplayName("a misspelt key in microprofile-config.properties fails start-up, naming the key and the file")
    void typoInMicroProfileFile(@TempDir Path classes) throws Exception {
        Throwable failure = Settings.withClassPathFiles(
                classes,
                Map.of("META-INF/microprofile-config.properties", "livecount.cach=ehcache\n"),
                () -> Settings.startFailure(Map.of()));
        assertThat(Settings.messages(failure))
                .contains("unknown setting", "livecount.cach", "microprofile-config.properties");
    }

    @Test
    @DisplayName("a misspelt key in livecount.properties fails start-up too, naming the key and the file")
    void typoInPropertiesFile(@TempDir Path classes) throws Exception {
        Throwable failure = Settings.withClassPathFiles(
                classes,
                Map.of("livecount.properties", "livecount.flush.max-dealy=3s\n"),
                () -> Settings.startFailure(Map.of()));
        assertThat(Settings.messages(failure))
                .contains("unknown setting", "livecount.flush.max-dealy", "livecount.properties");
    }

    @Test
    @DisplayName("a misspelt system property fails start-up")
    void typoInSystemProperty() {
        assertThat(Settings.messages(Settings.startFailure(Map.of("livecount.cach", "ehcache"))))
                .contains("unknown setting", "livecount.cach");
    }
}
