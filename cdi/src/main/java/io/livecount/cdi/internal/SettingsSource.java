package io.livecount.cdi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the {@code livecount.*} settings come from. From highest to lowest precedence: MicroProfile
 * Config when an implementation runs here (system properties, environment variables, {@code
 * application.properties} on Quarkus, {@code META-INF/microprofile-config.properties}, any other
 * source of the application), otherwise system properties and environment variables; then, in both
 * cases, {@value #PROPERTIES_FILE} on the class path. Every file is read; none is ignored because
 * another one exists.
 *
 * <p>Environment variables supply values for the keys Livecount looks up (MicroProfile Config's
 * names: {@code LIVECOUNT_JDBC_URL} for {@code livecount.jdbc.url}) but declare no keys of their
 * own: a {@code LIVECOUNT_*} variable that is no setting is ignored, while an unknown key in a file
 * or a system property fails start-up.
 */
public interface SettingsSource {

    /** The class path resource of Livecount's own settings, read with or without MicroProfile Config. */
    String PROPERTIES_FILE = "livecount.properties";

    /** MicroProfile Config's file, which only an implementation of it reads. */
    String MICROPROFILE_FILE = "META-INF/microprofile-config.properties";

    Optional<String> value(String key);

    /**
     * Keys under {@code livecount.} that this source declares; each must be a setting Livecount
     * reads. Names that only environment variables supply are not among them.
     */
    Set<String> livecountKeys();

    /** For messages: every source, highest precedence first. */
    String description();

    /** For messages: where the value of {@code key} comes from. */
    default String origin(String key) {
        return description();
    }

    /** The sources of this application, as seen from the context class loader. */
    static SettingsSource detect() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : SettingsSource.class.getClassLoader();
        List<SettingsSource> layers = new ArrayList<>();
        Optional<SettingsSource> microProfile = isPresent("org.eclipse.microprofile.config.ConfigProvider", loader)
                ? MicroProfileSettings.load(loader)
                : Optional.empty();
        if (microProfile.isPresent()) {
            layers.add(microProfile.get());
        } else {
            PropertiesSettings.refuseUnread(
                    loader, MICROPROFILE_FILE, "no MicroProfile Config implementation runs here");
            layers.add(PropertiesSettings.systemProperties());
            layers.add(Environment.system());
        }
        layers.add(PropertiesSettings.classPathFile(loader, PROPERTIES_FILE));
        return new LayeredSettings(layers);
    }

    private static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
