package io.livecount.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.spi.properties.ClusterProperty;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logging of a member that Livecount starts ({@link HazelcastCounterCache.Builder#startMember}):
 * JDK logging (which every server routes) unless the config or a system property names another
 * type, and no ASCII-art banner unless the application set a level for its logger.
 */
final class MemberLogging {

    /** Hazelcast's logger of the banner; held here, as JDK logging forgets the level of a collected logger. */
    private static final Logger LOGO = Logger.getLogger("com.hazelcast.system.logo");

    private MemberLogging() {}

    static void applyUnlessSet(Config config) {
        String type = ClusterProperty.LOGGING_TYPE.getName();
        if (config.getProperty(type) == null && System.getProperty(type) == null) {
            config.setProperty(type, "jdk");
        }
        if ("jdk".equals(config.getProperty(type)) && LOGO.getLevel() == null) {
            LOGO.setLevel(Level.WARNING);
        }
    }
}
