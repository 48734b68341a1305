package io.livecount.demo.clicks;

import io.livecount.CounterKey;
import io.livecount.CounterService;
import io.livecount.demo.DemoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
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
 */
@ApplicationScoped
@Path("r")
public class RedirectResource {

    @Inject
    CounterService counters;

    @Inject
    DemoSettings settings;

    @GET
    public Response redirect(@QueryParam("u") String url) {
        URI target;
        try {
            target = ClickTarget.normalize(url);
        } catch (ClickTarget.RefusedException e) {
            return badRequest(e.getMessage());
        }
        if (!settings.allowList().allows(target.getHost())) {
            return badRequest("host not on the allow-list of this counter");
        }
        counters.increment(CounterKey.of(DemoSettings.CLICKS, target.toString()));
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
