package io.livecount.demo;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much {@code demo/run} logs: warnings and errors by default, everything at INFO with {@code
 * --verbose}. The libraries log through two systems: Weld, Jersey and livecount-cdi through
 * java.util.logging, Jetty, HikariCP, Ehcache and Hazelcast (its banner too) through SLF4J's simple
 * provider. Must run before any of them logs: both read their levels once.
 */
final class DemoLogging {

    /**
     * Jersey's warnings about optional modules the demo does not use (JAXB for WADL, Jakarta
     * Activation): nothing a user can act on. Kept as fields: java.util.logging holds loggers
     * weakly, and a collected logger forgets its level.
     */
    private static final List<Logger> UNACTIONABLE = List.of(
            Logger.getLogger("org.glassfish.jersey.message.internal.MessagingBinders"),
            Logger.getLogger("org.glassfish.jersey.server.wadl.WadlFeature"));

    private DemoLogging() {}

    static void configure(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) { // the user's own wins
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        Level level = verbose ? Level.INFO : Level.WARNING;
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        if (!verbose) {
            UNACTIONABLE.forEach(logger -> logger.setLevel(Level.SEVERE));
        }
    }
}
