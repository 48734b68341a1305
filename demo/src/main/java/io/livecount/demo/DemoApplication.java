package io.livecount.demo;

import io.livecount.demo.admin.AdminGuard;
import io.livecount.demo.admin.AdminResource;
import io.livecount.demo.admin.ApiResource;
import io.livecount.demo.admin.LoginResource;
import io.livecount.demo.clicks.RedirectResource;
import io.livecount.demo.web.BadRequests;
import io.livecount.demo.web.DeclaredContentType;
import io.livecount.demo.web.HomeResource;
import io.livecount.demo.web.RequestShape;
import io.livecount.demo.web.SecurityHeaders;
import io.livecount.demo.web.StaticResource;
import io.livecount.demo.web.StoreUnavailable;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The demo's JAX-RS application: every resource and provider, listed (a server scans nothing
 * else), and the runtime settings that keep it closed. The embedded server ({@link DemoServer}) and
 * the WAR on a Jakarta EE server run this same class.
 */
@ApplicationPath("/")
public class DemoApplication extends Application {

    /** Jersey: no {@code application.wadl} and no WADL in OPTIONS answers. */
    static final String WADL_DISABLED = "jersey.config.server.wadl.disableWadl";

    /** Jersey: a relative {@code Location} stays relative instead of being resolved with the Host header. */
    static final String RELATIVE_LOCATIONS = "jersey.config.server.headers.location.relative.resolution.disabled";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                RedirectResource.class,
                HomeResource.class,
                StaticResource.class,
                LoginResource.class,
                AdminResource.class,
                ApiResource.class,
                RequestShape.class,
                DeclaredContentType.class,
                AdminGuard.class,
                SecurityHeaders.class,
                BadRequests.class,
                StoreUnavailable.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(WADL_DISABLED, true, RELATIVE_LOCATIONS, true);
    }
}
