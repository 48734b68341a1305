package io.livecount.demo.clicks;

import io.livecount.demo.DemoSettings;
import io.livecount.demo.access.Public;
import io.livecount.demo.web.BadRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /r?u=<url>}: counts a click on the normalized URL in namespace {@value
 * DemoSettings#CLICKS} and answers 302 to it ({@link Clicks}). A URL that is malformed or whose
 * host is not on the allow-list gets 400 and counts nothing. The 302 is sent only after the add
 * returned, so every 302 is a counted click (in FAST mode: counted in memory, written back within
 * about a second). Only {@code GET} counts: {@code HEAD} answers alike and counts nothing.
 */
@ApplicationScoped
@Public
@Path("r")
public class RedirectResource {

    /** Every click must reach the counter: no cache may answer a {@code /r} in its place. */
    public static final String CACHE_CONTROL = "no-store";

    @Inject
    Clicks clicks;

    @GET
    public Response redirect(@QueryParam("u") String url) {
        return answer(clicks.click(url, true));
    }

    /**
     * The same answer as {@code GET} (302 to the same place, or the same 400) without counting: a
     * link checker or a prefetch is not a click. Without this method JAX-RS would run {@code GET}.
     */
    @HEAD
    public Response check(@QueryParam("u") String url) {
        return answer(clicks.click(url, false));
    }

    private static Response answer(Clicks.Answer answer) {
        if (!answer.redirects()) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity(BadRequests.text(answer.refusal()))
                    .build();
        }
        return Response.status(Response.Status.FOUND)
                .header(HttpHeaders.LOCATION, answer.location()) // normalized: absolute and ASCII
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }
}
