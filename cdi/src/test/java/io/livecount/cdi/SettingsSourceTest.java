package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.cdi.internal.SettingsSource;
import io.livecount.cdi.testing.Settings;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Without MicroProfile Config, settings come from livecount.properties and system properties")
class SettingsSourceTest {

    @AfterEach
    void clearSettings() {
        Settings.replaceWith(Map.of());
    }

    @Test
    @DisplayName("the file on the class path is read, and a system property overrides it")
    void fileThenSystemProperties(@TempDir Path classes) throws Exception {
        Files.writeString(classes.resolve("livecount.properties"), "livecount.mode=fast\nlivecount.cache=ehcache\n");
        Settings.replaceWith(Map.of("livecount.cache", "test-map"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            SettingsSource source = SettingsSource.detect();
            assertThat(source.description()).contains("livecount.properties");
            assertThat(source.value("livecount.mode")).contains("fast");
            assertThat(source.value("livecount.cache"))
                    .as("system property wins")
                    .contains("test-map");
            assertThat(source.livecountKeys()).containsExactly("livecount.cache", "livecount.mode");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
