package io.livecount.demo.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Redirects within the demo, as a relative {@code Location} (a path): never built from the request's
 * {@code Host} header, which the client chooses. JAX-RS's {@code Response.seeOther} would resolve the
 * path against the base URI, and so against the Host header; a header set as text is left alone by
 * RESTEasy, and by Jersey with {@code DemoApplication}'s relative-Location property.
 */
public final class Redirects {

    private Redirects() {}

    /** 303 See Other to {@code path}, which starts with {@code /}. */
    public static Response.ResponseBuilder seeOther(String path) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("a path on this server, not " + path);
        }
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, path);
    }
}
