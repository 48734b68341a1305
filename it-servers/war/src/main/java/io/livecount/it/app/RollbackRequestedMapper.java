package io.livecount.it.app;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A requested rollback is an expected answer (409), not a server error in the log. */
@Provider
public class RollbackRequestedMapper implements ExceptionMapper<RollbackRequested> {

    @Override
    public Response toResponse(RollbackRequested e) {
        return Response.status(Response.Status.CONFLICT)
                .entity("rolled back")
                .type("text/plain")
                .build();
    }
}
