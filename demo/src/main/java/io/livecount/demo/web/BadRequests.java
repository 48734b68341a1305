package io.livecount.demo.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Invalid input that Livecount or the demo refuses with {@link IllegalArgumentException} (a key
 * too long, an unknown period or namespace) is the client's error: 400 with the message as text.
 */
@Provider
public class BadRequests implements ExceptionMapper<IllegalArgumentException> {

    @Override
    public Response toResponse(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(text(e.getMessage()))
                .build();
    }

    /** A 400's body: the reason the request was refused (text safe to show). */
    public static String text(String reason) {
        return "400 Bad Request: " + reason + "\n";
    }
}
