package io.livecount.cdi.testing;

import java.util.Map;
import org.jboss.weld.environment.se.Weld;

/** The {@code livecount.*} system properties a test's container starts with. */
public final class Settings {

    private Settings() {}

    /** A Weld SE container (discovery on) that will read exactly {@code settings}. */
    public static Weld weldWith(Map<String, String> settings) {
        replaceWith(settings);
        return new Weld();
    }

    /** Removes every {@code livecount.*} system property, then sets {@code settings}. */
    public static void replaceWith(Map<String, String> settings) {
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("livecount."))
                .forEach(System::clearProperty);
        settings.forEach(System::setProperty);
    }
}
