package io.livecount.demo.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Headers on every response. The pages load only the demo's own files: stylesheets, and the
 * dashboard's scripts, which fetch JSON from the same origin. The Content-Security-Policy allows
 * exactly that, so an injected {@code <script>} or {@code onclick} would not run even if escaping
 * failed somewhere (no inline script, no {@code eval}).
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The headers set on every response, by this filter and by the embedded server's click path. */
    public static final Map<String, String> ON_EVERY_RESPONSE = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        ON_EVERY_RESPONSE.forEach(headers::putSingle);
        if (!headers.containsKey("Cache-Control")) { // only what says it may be cached is (the static files)
            headers.putSingle("Cache-Control", "no-store");
        }
    }
}
