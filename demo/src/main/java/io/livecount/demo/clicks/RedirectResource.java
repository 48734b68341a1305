package io.livecount.demo.clicks;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.demo.DemoSettings;
import io.livecount.demo.access.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code GET /r?u=<url>}: counts a click on the normalized URL in namespace {@value
 * DemoSettings#CLICKS} and answers 302 to it. A URL that is malformed or whose host is not on the
 * allow-list gets 400 and counts nothing. The 302 is sent only after the add returned, so every
 * 302 is a counted click (in FAST mode: counted in memory, written back within about a second).
 * Only {@code GET} counts: {@code HEAD} answers alike and counts nothing.
 */
@ApplicationScoped
@Public
@Path("r")
public class RedirectResource {

    @Inject
    CounterService counters;

    @Inject
    DemoSettings settings;

    @GET
    public Response redirect(@QueryParam("u") String url) {
        return answer(url, true);
    }

    /**
     * The same answer as {@code GET} (302 to the same place, or the same 400) without counting: a
     * link checker or a prefetch is not a click. Without this method JAX-RS would run {@code GET}.
     */
    @HEAD
    public Response check(@QueryParam("u") String url) {
        return answer(url, false);
    }

    private Response answer(String url, boolean count) {
        URI target;
        try {
            target = ClickTarget.normalize(url);
        } catch (ClickTarget.RefusedException e) {
            return badRequest(e.getMessage());
        }
        if (!settings.allowList().allows(target.getHost())) {
            return badRequest("host not on the allow-list of this counter");
        }
        if (count) {
            counters.increment(CounterKey.of(DemoSettings.CLICKS, target.toString()));
        }
        return Response.status(Response.Status.FOUND)
                .location(target)
                .header("Cache-Control", "no-store") // every click must reach the counter
                .build();
    }

    private static Response badRequest(String reason) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("400 Bad Request: " + reason + "\n")
                .build();
    }
}
