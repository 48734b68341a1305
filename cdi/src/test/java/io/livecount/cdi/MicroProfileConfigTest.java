package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.ConsistencyMode;
import io.livecount.CounterService;
import io.livecount.cdi.internal.SettingsSource;
import io.livecount.cdi.testing.ClickCounter;
import io.livecount.cdi.testing.Settings;
import io.livecount.ehcache.EhcacheCacheFactory;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own Surefire execution with SmallRye Config on the class path; the settings are in
 * {@code META-INF/microprofile-config.properties} of the test resources.
 */
@EnableWeld
@Tag("microprofile")
@DisplayName("With MicroProfile Config present, settings come from it")
class MicroProfileConfigTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.of(Settings.weldWith(Map.of()));

    @Inject
    CounterService counters;

    @Inject
    ClickCounter clicks;

    @Test
    @DisplayName("mode, provider and namespace come from microprofile-config.properties")
    void readsMicroProfileConfig() {
        assertThat(SettingsSource.detect().description()).isEqualTo("MicroProfile Config > livecount.properties");
        assertThat(counters.config().defaultMode()).isEqualTo(ConsistencyMode.FAST);
        assertThat(counters.config().writeBack().cacheFactory()).isInstanceOf(EhcacheCacheFactory.class);
        clicks.click("https://example.org/");
        assertThat(clicks.clicks("https://example.org/")).isEqualTo(1);
    }
}
