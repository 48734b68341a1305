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
        System.getLogger(StoreUnavailable.class.getName()).log(System.Logger.Level.WARNING, "counter store failed", e);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .header("Retry-After", "1")
                .entity("503 Service Unavailable: the counter store failed ("
                        + e.getClass().getSimpleName() + ")\n")
                .build();
    }
}
