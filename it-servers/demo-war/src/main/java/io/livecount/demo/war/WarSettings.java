package io.livecount.demo.war;

import io.livecount.ConsistencyMode;
import io.livecount.LivecountConfig;
import io.livecount.demo.DemoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The demo's own settings on a Jakarta EE server, where there is no command line: the {@code
 * LIVECOUNT_DEMO_*} environment variables of {@code demo/run} ({@code LIVECOUNT_DEMO_ALLOW},
 * {@code LIVECOUNT_DEMO_ADMIN_USER}, {@code LIVECOUNT_DEMO_ADMIN_PASSWORD}), and the mode from
 * livecount-cdi's configuration ({@code livecount.properties} or MicroProfile Config), which also
 * says where the counters are stored. Host, port and database of {@link DemoSettings} are the
 * server's business here and unused.
 */
@ApplicationScoped
public class WarSettings {

    private static final System.Logger LOG = System.getLogger(WarSettings.class.getName());

    /** {@code Singleton}: a record cannot be proxied. */
    @Produces
    @Singleton
    public DemoSettings settings(LivecountConfig livecount) {
        String mode = livecount.modeOf(DemoSettings.CLICKS) == ConsistencyMode.FAST ? "fast" : "strict";
        DemoSettings settings = DemoSettings.parse(new String[] {"--mode", mode}, System.getenv());
        if (settings.passwordGenerated()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Livecount demo: LIVECOUNT_DEMO_ADMIN_PASSWORD is not set; generated admin password for user "
                            + settings.adminUser() + ": " + settings.adminPassword());
        }
        LOG.log(
                System.Logger.Level.INFO,
                "Livecount demo: mode " + mode.toUpperCase(Locale.ROOT) + ", redirects to " + settings.allowList());
        return settings;
    }
}
