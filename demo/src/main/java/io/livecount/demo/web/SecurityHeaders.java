package io.livecount.demo.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

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

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        if (!headers.containsKey("Cache-Control")) { // only what says it may be cached is (the static files)
            headers.putSingle("Cache-Control", "no-store");
        }
    }
}
