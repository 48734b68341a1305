package io.livecount.demo.web;

import io.livecount.LivecountException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The database failed (or FAST mode's backlog is full): 503, so a client retries. A click answered
 * this way was not counted, and was not redirected either.
 */
@Provider
public class StoreUnavailable implements ExceptionMapper<LivecountException> {

    @Override
    public Response toResponse(LivecountException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(logAndDescribe(e))
                .build();
    }

    /** The {@code Retry-After} of a 503: a second, about the time a failed write-back takes to be retried. */
    public static final String RETRY_AFTER_SECONDS = "1";

    /** Logs the failure and returns the 503's body, which names the kind of failure and nothing more. */
    public static String logAndDescribe(LivecountException e) {
        System.getLogger(StoreUnavailable.class.getName()).log(System.Logger.Level.WARNING, "counter store failed", e);
        return "503 Service Unavailable: the counter store failed ("
                + e.getClass().getSimpleName() + ")\n";
    }
}
